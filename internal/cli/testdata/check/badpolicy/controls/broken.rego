# METADATA
# title: A control whose metadata is incomplete
# description: No id, no severity, no select; seam check must name this file and line 1, and exit 2.
package seam.controls.test.broken

import rego.v1

deny contains {"node": "x", "msg": "x"} if false
