# AWS helpers the aws controls share: IAM policy documents as the Terraform extractor stores them (parsed
# JSON, Statement and its fields either a value or a list), security-group rules of the four Terraform shapes,
# and the provider defaults a control falls back on.
package seam.lib.aws

import rego.v1

import data.seam.lib

# document(x) is a policy document: x itself when parsed, parsed when it is a JSON string, undefined otherwise.
document(x) := x if is_object(x)

document(x) := json.unmarshal(x) if {
	is_string(x)
	json.is_valid(x)
}

# statements(doc) lists the statements of a policy document with their index, as [[i, statement], …].
statements(doc) := [[i, s] | some i, s in lib.as_list(object.get(doc, "Statement", []))]

# allows(s) is true for an Allow statement.
allows(s) if s.Effect == "Allow"

# actions(s) lists a statement's Action values (empty when it uses NotAction).
actions(s) := lib.as_list(object.get(s, "Action", []))

# wildcard(x) is true for "*" alone.
wildcard(x) if x == "*"

# everyone(p) is true for a Principal that names every AWS principal: "*" or {"AWS": "*"} (or a list
# containing "*").
everyone(p) if p == "*"

everyone(p) if {
	some a in lib.as_list(p.AWS)
	a == "*"
}

# conditioned(s) is true when the statement has a Condition block with at least one operator.
conditioned(s) if count(object.get(s, "Condition", {})) > 0

# public_statement(s) is true for an Allow statement to everyone with no condition to narrow it.
public_statement(s) if {
	allows(s)
	everyone(object.get(s, "Principal", null))
	not conditioned(s)
}

# admin_statement(s) is true for Allow of Action "*" on Resource "*".
admin_statement(s) if {
	allows(s)
	some a in actions(s)
	wildcard(a)
	some r in lib.as_list(object.get(s, "Resource", []))
	wildcard(r)
}

# world(c) is true for a CIDR block that is the whole IPv4 or IPv6 internet.
world(c) if c in {"0.0.0.0/0", "::/0"}

# all_protocols(p) is true for the protocol that means every protocol and port.
all_protocols(p) if p in {"-1", -1, "all"}

# sg_rules(n, dir) lists the rules of direction dir ("ingress" or "egress") that node n declares, each as
# {from, to, protocol, prefix, sources: [{value, field}]}; prefix is the attribute path of the rule with a
# trailing dot, so field = prefix + attribute. Inline blocks of aws_security_group and
# aws_default_security_group, aws_security_group_rule, and aws_vpc_security_group_{ingress,egress}_rule.
sg_rules(n, dir) := [r |
	some i, b in lib.as_list(object.get(n.attrs, dir, []))
	r := rule_view(b, sprintf("%s[%d].", [dir, i]))
] if n.type in {"aws_security_group", "aws_default_security_group"}

sg_rules(n, dir) := [rule_view(n.attrs, "")] if {
	n.type == "aws_security_group_rule"
	n.attrs.type == dir
}

sg_rules(n, dir) := [rule_view(n.attrs, "")] if n.type == sprintf("aws_vpc_security_group_%s_rule", [dir])

sg_rules(n, dir) := [] if {
	n.type == "aws_security_group_rule"
	n.attrs.type != dir
}

sg_rules(n, dir) := [] if {
	startswith(n.type, "aws_vpc_security_group_")
	n.type != sprintf("aws_vpc_security_group_%s_rule", [dir])
}

rule_view(b, prefix) := {
	"prefix": prefix,
	"protocol": object.get(b, "protocol", object.get(b, "ip_protocol", null)),
	"from": object.get(b, "from_port", null),
	"to": object.get(b, "to_port", null),
	"sources": sources,
	"open": [x | some x in sources; world(x.value)],
	"unknown": [x | some x in sources; lib.unknown(x.value)],
	"unknown_rule": is_string(object.get(b, "$unknown", null)),
} if {
	sources := [src |
		some key in ["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"]
		some c in lib.as_list(object.get(b, key, []))
		src := {"value": c, "field": concat("", [prefix, key])}
	]
}

# open_sources(r) lists the sources of rule r that are the whole internet.
open_sources(r) := r.open

# unknown_sources(r) lists the sources of rule r that Seam could not know.
unknown_sources(r) := r.unknown

# covers(r, port) is true when rule r admits TCP traffic to port.
covers(r, port) if all_protocols(r.protocol)

covers(r, port) if {
	r.protocol in {"tcp", "6", 6}
	is_number(r.from)
	is_number(r.to)
	r.from <= port
	port <= r.to
}

# covers_any(r, ports) is true when rule r admits any port of the set.
covers_any(r, ports) if {
	some p in ports
	covers(r, p)
}

# unknown_ports(r) is true when the protocol or port range of rule r is a value Seam could not know.
unknown_ports(r) if lib.unknown(r.protocol)

unknown_ports(r) if lib.unknown(r.from)

unknown_ports(r) if lib.unknown(r.to)

# all_ports(r) is true when rule r admits every port: protocol -1, or TCP or UDP 0–65535.
all_ports(r) if all_protocols(r.protocol)

all_ports(r) if {
	r.from == 0
	r.to == 65535
}

# port_findings(n, ports, what) is the set of results for the ingress rules of node n that admit the
# internet on one of ports ("SSH (22)" names them in the message), with their unknown variants: sources,
# protocol or ports, or the whole rule block, that are values Seam could not know. Rules with no internet or
# unknown source — nearly all of them — are dismissed after one look.
port_findings(n, ports, what) := {v |
	some r in sg_rules(n, "ingress")
	exposed(r)
	some v in rule_findings(n, r, ports, what)
}

exposed(r) if count(r.open) > 0

exposed(r) if count(r.unknown) > 0

exposed(r) if r.unknown_rule

rule_findings(n, r, ports, what) := {v |
	covers_any(r, ports)
	some s in r.open
	v := {"node": n.id, "field": s.field, "msg": sprintf("%s allows %s from %s", [n.id, what, s.value])}
} | {v |
	covers_any(r, ports)
	count(r.open) == 0
	some s in r.unknown
	v := {
		"node": n.id, "field": s.field,
		"msg": sprintf("%s may allow %s from the internet", [n.id, what]),
		"unknown": lib.unknown_msg(s.field, s.value),
	}
} | {v |
	not covers_any(r, ports)
	unknown_ports(r)
	some s in r.open
	v := {
		"node": n.id, "field": concat("", [r.prefix, "from_port"]),
		"msg": sprintf("%s may allow %s from %s", [n.id, what, s.value]),
		"unknown": sprintf("the protocol or port range of %s is a value Seam cannot know from the files", [trim_suffix(r.prefix, ".")]),
	}
} | {v |
	r.unknown_rule
	v := {
		"node": n.id, "field": trim_suffix(r.prefix, "."),
		"msg": sprintf("%s may allow %s from the internet", [n.id, what]),
		"unknown": sprintf("the ingress rules of %s come from a dynamic block or value Seam cannot know from the files", [n.id]),
	}
}

# companions(n, type) lists the resources of that type that configure bucket n, joined to it by an edge
# made from their bucket attribute, in either direction (the extractor draws protected-by from the bucket
# for some and attached-to into it for others), sorted by ID.
companions(n, type) := [m |
	some id in sort({e.to | some e in object.get(n, "out", []); e.attrs.attribute == "bucket"} | {e.from | some e in object.get(n, "in", []); e.attrs.attribute == "bucket"})
	m := n.neighbours[id]
	m.type == type
]

# bucket_policies(n) lists the policy documents that apply to bucket n: its aws_s3_bucket_policy companions
# and the inline policy attribute, each as {node, field, doc}; doc is the unknown value when Seam could not
# know the document.
bucket_policies(n) := array.concat(
	[{"node": p.id, "field": "policy", "doc": d} | some p in companions(n, "aws_s3_bucket_policy"); d := policy_value(p.attrs.policy)],
	[{"node": n.id, "field": "policy", "doc": d} | d := policy_value(n.attrs.policy)],
)

# policy_value(x) is the parsed document, or x itself when it is an unknown value.
policy_value(x) := x if lib.unknown(x)

policy_value(x) := document(x) if not lib.unknown(x)

# account_blocked is the set of public access block settings an account-level block in the input turns on,
# computed once per evaluation (a function that scanned input.nodes per bucket would be quadratic).
account_blocked := {k |
	some a in input.nodes
	a.type == "aws_s3_account_public_access_block"
	some k, x in a.attrs
	lib.is_true(x)
}

# account_blocks(key) is true when an account-level public access block in the input sets key to true.
account_blocks(key) if key in account_blocked

# bucket_blocks(n, key) is true when bucket n's public access block, or the account's, sets key to true.
bucket_blocks(n, key) if {
	some p in companions(n, "aws_s3_bucket_public_access_block")
	lib.is_true(object.get(p.attrs, key, false))
}

bucket_blocks(_, key) if account_blocks(key)

# policy_types are the Terraform resources whose policy attribute is an identity-based policy.
policy_types := {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}

# identity_docs(n) lists the identity-based policy documents node n declares, as {field, doc}: the policy of a
# policy resource, or each inline_policy block of a role. doc is the unknown value when Seam could not know it.
identity_docs(n) := [{"field": "policy", "doc": d} | d := policy_value(n.attrs.policy)] if n.type in policy_types

identity_docs(n) := [{"field": sprintf("inline_policy[%d].policy", [i]), "doc": d} |
	some i, b in lib.blocks(object.get(n.attrs, "inline_policy", []))
	d := policy_value(b.policy)
] if n.type == "aws_iam_role"

# trust_doc(n) is the trust policy of role n (parsed, or the unknown value).
trust_doc(n) := policy_value(n.attrs.assume_role_policy)

# resource_matches_all(s) is true when a statement's Resource is "*" (or lists it).
resource_matches_all(s) if {
	some r in lib.as_list(object.get(s, "Resource", []))
	wildcard(r)
}

# grants_action(s, action) is true when an Allow statement's Action matches action ("iam:PassRole"), by
# exact name or a wildcard pattern such as "iam:*", "iam:Pass*" or "*" (case-insensitive, as IAM compares).
grants_action(s, action) if {
	allows(s)
	some a in actions(s)
	is_string(a)
	glob.match(lower(a), null, lower(action))
}

# managed_arns(n) lists the managed policy ARNs attached by node n, as {field, arn}: the policy_arn of an
# attachment resource, or each of a role's managed_policy_arns.
managed_arns(n) := [{"field": "policy_arn", "arn": n.attrs.policy_arn}] if n.type in {"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"}

managed_arns(n) := [{"field": sprintf("managed_policy_arns[%d]", [i]), "arn": a} | some i, a in lib.blocks(object.get(n.attrs, "managed_policy_arns", []))] if n.type == "aws_iam_role"

# resource_policies(n, type) lists the resource policies of n: its inline policy attribute and the policy of
# each neighbour of the given companion type (aws_sns_topic_policy, aws_sqs_queue_policy …), as
# {node, field, doc}; doc is the unknown value when Seam could not know the document.
resource_policies(n, type) := array.concat(
	[{"node": n.id, "field": "policy", "doc": d} | d := policy_value(n.attrs.policy)],
	[{"node": p.id, "field": "policy", "doc": d} | some p in lib.linked(n, type); d := policy_value(p.attrs.policy)],
)

# public_policy_findings(n, type, what) are the results for resource policies of n that allow everyone, and
# their unknown variants; what names the resource for the message ("topic", "queue").
public_policy_findings(n, type, what) := {v |
	some p in resource_policies(n, type)
	some [i, s] in statements(p.doc)
	public_statement(s)
	v := {"node": p.node, "field": sprintf("%s.Statement[%d]", [p.field, i]), "related": [n.id], "msg": sprintf("%s: statement %d allows everyone %v on the %s %s", [p.node, i, actions(s), what, n.id])}
} | {v |
	some p in resource_policies(n, type)
	lib.unknown(p.doc)
	v := {"node": p.node, "field": p.field, "related": [n.id], "msg": sprintf("%s may allow everyone on the %s %s", [p.node, what, n.id]), "unknown": lib.unknown_msg(p.field, p.doc)}
}
