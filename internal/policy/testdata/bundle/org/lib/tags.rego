# The organisation's own helper package: a bundle may carry libraries beside its controls.
package acme.tags

import rego.v1

has_owner(n) if n.attrs.tags.owner
