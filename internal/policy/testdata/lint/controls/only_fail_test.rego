package seam.controls.test.only_fail_test

import data.seam.controls.test.only_fail
import rego.v1

test_bad_fails if {
	count(only_fail.deny) == 1 with input as {"nodes": [{"id": "a", "attrs": {"bad": true}}]}
}
