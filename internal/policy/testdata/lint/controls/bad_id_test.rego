package seam.controls.test.bad_id_test

import data.seam.controls.test.bad_id
import rego.v1

test_good_passes if {
	count(bad_id.deny) == 0 with input as {"nodes": [{"id": "a", "attrs": {"bad": false}}]}
}

test_bad_fails if {
	count(bad_id.deny) == 1 with input as {"nodes": [{"id": "a", "attrs": {"bad": true}}]}
}
