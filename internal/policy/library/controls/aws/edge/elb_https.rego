# METADATA
# title: Load balancers serve HTTP only to redirect to HTTPS
# description: >-
#   A listener that forwards plain HTTP sends session cookies, tokens and form data across the internet in
#   clear, where any network on the way can read or change them. HTTP listeners should only redirect to
#   HTTPS.
# custom:
#   id: SEAM-AWS-ELB-001
#   severity: high
#   remediation: Set protocol = "HTTPS" with a certificate, or make the HTTP listener's default_action a redirect { protocol = "HTTPS", status_code = "HTTP_301" }.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     pci-dss: ["4.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_lb_listener, aws_alb_listener, aws_elb]
#     edges: []
package seam.controls.aws.elb_https

import rego.v1

import data.seam.lib

# redirects(n): the listener's default action redirects to HTTPS.
redirects(n) if {
	a := n.attrs.default_action[0]
	a.type == "redirect"
	object.get(a, ["redirect", 0, "protocol"], "#{protocol}") == "HTTPS"
}

deny contains v if {
	some n in input.nodes
	n.type in {"aws_lb_listener", "aws_alb_listener"}
	n.attrs.protocol == "HTTP"
	not redirects(n)
	v := {"node": n.id, "field": "protocol", "msg": sprintf("%s serves plain HTTP on port %v without redirecting to HTTPS", [n.id, n.attrs.port])}
}

deny contains v if {
	some n in input.nodes
	n.type in {"aws_lb_listener", "aws_alb_listener"}
	lib.unknown(n.attrs.protocol)
	v := {"node": n.id, "field": "protocol", "msg": sprintf("%s may serve plain HTTP", [n.id]), "unknown": lib.unknown_msg("protocol", n.attrs.protocol)}
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_elb"
	some i, l in lib.blocks(object.get(n.attrs, "listener", []))
	lower(l.lb_protocol) == "http"
	v := {"node": n.id, "field": sprintf("listener[%d].lb_protocol", [i]), "msg": sprintf("%s serves plain HTTP on port %v", [n.id, l.lb_port])}
}
