# METADATA
# title: Instance user data holds no secrets
# description: >-
#   User data is readable by anyone with ec2:DescribeInstanceAttribute and by every process on the instance
#   through the metadata service, and it is stored in the Terraform state. A key or password in it is
#   effectively published to the account.
# custom:
#   id: SEAM-AWS-EC2-006
#   severity: high
#   remediation: Fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role; keep user_data free of credentials.
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["IA-5", "SC-28"]
#     pci-dss: ["8.6.2", "8.3.2"]
#     cis-kubernetes: []
#   select:
#     kinds: [workload]
#     types: [aws_instance, aws_launch_template, aws_launch_configuration]
#     edges: []
package seam.controls.aws.ec2_user_data_secrets

import rego.v1

import data.seam.lib

# patterns of credentials in shell and cloud-init text: AWS access key IDs, secret keys, private keys and
# assignments of password-, secret- or token-named variables to a literal.
patterns := {
	"an AWS access key ID": `\b(AKIA|ASIA)[0-9A-Z]{16}\b`,
	"an AWS secret access key": `(?i)aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}`,
	"a private key": `-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	"a password or token assignment": `(?i)\b[a-z0-9_]*(password|passwd|secret|token|api_key)[a-z0-9_]*\s*[=:]\s*["']?[^\s"'$]{8,}`,
}

deny contains v if {
	some n in input.nodes
	some key in ["user_data", "user_data_base64"]
	text := decoded(n.attrs[key], key)
	what := [w | some w, p in patterns; regex.match(p, text)]
	count(what) > 0
	v := {"node": n.id, "field": key, "msg": sprintf("%s has %s in %s", [n.id, concat(" and ", sort(what)), key])}
}

decoded(x, "user_data") := x if is_string(x)

decoded(x, "user_data_base64") := base64.decode(x) if {
	is_string(x)
	base64.is_valid(x)
}

# User data from templatefile() or a variable cannot be read; it is reported as unknown rather than passed.
deny contains v if {
	some n in input.nodes
	some key in ["user_data", "user_data_base64"]
	x := n.attrs[key]
	lib.unknown(x)
	v := {"node": n.id, "field": key, "msg": sprintf("%s may have secrets in %s", [n.id, key]), "unknown": lib.unknown_msg(key, x)}
}
