# A control with no METADATA at all: a load error at its package (line 3).
package seam.controls.bad.no_meta

import rego.v1

deny contains {"node": "x", "msg": "x"} if false
