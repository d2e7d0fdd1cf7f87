# METADATA
# title: HTTPS listeners accept only TLS 1.2 or later
# description: >-
#   Security policies such as ELBSecurityPolicy-2016-08 still accept TLS 1.0 and 1.1 and weak ciphers, which
#   PCI DSS and NIST no longer allow for data in transit. A listener that names no policy gets whatever
#   default the API applies, so the code should say.
# custom:
#   id: SEAM-AWS-ELB-002
#   severity: medium
#   remediation: Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-8", "SC-13"]
#     pci-dss: ["4.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [exposure]
#     types: [aws_lb_listener, aws_alb_listener]
#     edges: []
package seam.controls.aws.elb_tls_policy

import rego.v1

import data.seam.lib

# modern matches the predefined policies whose minimum is TLS 1.2 (Elastic Load Balancing user guide, "Security
# policies for your Application Load Balancer").
modern := `^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)`

deny contains v if {
	some n in input.nodes
	n.attrs.protocol in {"HTTPS", "TLS"}
	p := object.get(n.attrs, "ssl_policy", "")
	not lib.unknown(p)
	not regex.match(modern, p)
	v := {"node": n.id, "field": "ssl_policy", "msg": sprintf("%s uses security policy %q, which accepts TLS versions before 1.2 (or names none)", [n.id, p])}
}

deny contains v if {
	some n in input.nodes
	n.attrs.protocol in {"HTTPS", "TLS"}
	lib.unknown(n.attrs.ssl_policy)
	v := {"node": n.id, "field": "ssl_policy", "msg": sprintf("%s may accept TLS versions before 1.2", [n.id]), "unknown": lib.unknown_msg("ssl_policy", n.attrs.ssl_policy)}
}
