# METADATA
# title: Bucket policies deny requests without TLS
# description: >-
#   S3 accepts plain HTTP unless a bucket policy denies it. A Deny on aws:SecureTransport = false keeps
#   credentials and object data from crossing a network in the clear, whatever client or SDK setting is used.
# custom:
#   id: SEAM-AWS-S3-008
#   severity: medium
#   remediation: Add a Deny statement for Principal "*", Action "s3:*", Condition Bool aws:SecureTransport = "false" to the bucket policy.
#   frameworks:
#     cis-aws: ["2.1.1"]
#     nist-800-53: ["SC-8"]
#     pci-dss: ["4.2.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore]
#     types: [aws_s3_bucket]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.s3_tls_only

import rego.v1

import data.seam.lib
import data.seam.lib.aws

denies_plain_http(doc) if {
	some [_, s] in aws.statements(doc)
	s.Effect == "Deny"
	some x in lib.as_list(s.Condition.Bool["aws:SecureTransport"])
	lib.is_false(x)
}

denies_plain_http(doc) if {
	some [_, s] in aws.statements(doc)
	s.Effect == "Deny"
	some x in lib.as_list(s.Condition.NumericLessThan["s3:TlsVersion"])
	to_number(x) >= 1.2
}

deny contains v if {
	some n in input.nodes
	ps := aws.bucket_policies(n)
	not some_unknown(ps)
	not any_denies(ps)
	v := {"node": n.id, "msg": sprintf("%s accepts requests without TLS: no bucket policy denies aws:SecureTransport = false", [n.id])}
}

deny contains v if {
	some n in input.nodes
	ps := aws.bucket_policies(n)
	not any_denies(ps)
	some p in ps
	lib.unknown(p.doc)
	v := {"node": p.node, "field": p.field, "related": [n.id], "msg": sprintf("%s may accept requests without TLS", [n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}

any_denies(ps) if {
	some p in ps
	denies_plain_http(p.doc)
}

some_unknown(ps) if {
	some p in ps
	lib.unknown(p.doc)
}
