# An unclosed rule body: a load error at the end of the file (line 7).
package seam.controls.bad.syntax

import rego.v1

deny contains v if {
