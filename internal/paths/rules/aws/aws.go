// Package aws holds the attack-path rules of AWS: how code execution, request forgery or a host gives an
// attacker the credentials of an IAM role (the instance metadata service, instance profiles, ECS task roles,
// Lambda execution roles, IRSA and EKS Pod Identity), what those credentials reach (IAM access to data stores,
// roles they may assume), how they are escalated (the well-known IAM privilege-escalation techniques) up to an
// administrator of the account, and which AWS stores hand out further credentials (a secret holding a
// database's password, the RDS-managed master secret, a stored access key).
//
// Every rule reads the graph the link stage built (uses-identity, runs-on, can, can-assume, connects-to,
// references, the derived egress of pods) and, for the questions `can` edges cannot answer exactly (an action
// on a resource pattern, a permissions boundary, iam:PassedToService), the IAM model of internal/link/access
// evaluated with internal/iam, built once per analysis.
//
// Decisions:
//   - Instance metadata settings come from the launch template (or instance) that starts the host; a value the
//     files do not set takes EC2's documented default (http_tokens "optional", http_endpoint "enabled"), or the
//     account default an aws_ec2_instance_metadata_defaults resource sets, and says so: an AMI that requires
//     IMDSv2 (imds-support v2.0, as Amazon Linux 2023 AMIs do) would change it. An EKS managed node group
//     without a launch template gets EKS's generated one, an assumption by ami_type. An unset hop limit is taken
//     as 2 (what IMDSv2-only AMIs set), never as the safer 1.
//   - A step has one control. The metadata steps name the host's IMDSv2 setting: one change for every pod on
//     the nodes, so the choke points prefer it; the egress-metadata control (a NetworkPolicy denying
//     169.254.169.254/32 on the workload) is the control only where the host side cannot be changed in the
//     files (the host's launch template is not in the scan). Both configurations stop the step when in place.
//   - Fargate pods have no instance metadata service: no metadata step leaves them.
//   - lambda:UpdateFunctionCode and ssm:SendCommand/StartSession give code execution in the function or
//     instance (then its role follows by the workload-identity rules), not the role directly: the attacker also
//     gets what else the workload holds.
//   - Privilege escalation that rewrites the attacker's own permissions (a policy version, an attached or
//     inline policy, a group) leads to Admin only if the identity's permissions boundary lets an
//     administrator's policy through; the boundary is evaluated, not ignored.
//   - Admin is Admin(account): the account node of the identity's Terraform root module (its provider), else
//     the only account node of the scan, else the identity itself.
//   - Principals outside the files (another account's role a bucket policy names) are neither administrators
//     nor escalated from: the IAM model lets their own policies allow anything for the resource side's sake,
//     which says nothing of what they may do here.
//   - A secret holding a database's credentials is a Secrets Manager secret or SSM parameter here; a
//     Kubernetes Secret is k8s.secret-database's, and a pod's IRSA token file read k8s.sa-token-file-read's.
//   - A database a secret opens is reached over the network: the step says what the files show (internet
//     exposure, the workloads the network admits) and assumes the rest, at lower likelihood.
package aws

import "github.com/seam-sec/seam/internal/paths"

// Rules returns the AWS rules in a fixed order.
func Rules() []paths.Rule {
	out := []paths.Rule{
		imdsForge{}, imdsExec{}, hostRole{},
		instanceRole{}, taskRole{}, functionRole{}, podRole{}, tokenFile{},
		iamAccess{secrets: false}, iamAccess{secrets: true}, assumeRole{}, adminIdentity{},
		secretDatabase{}, masterSecret{}, storedAccessKey{},
	}
	for _, t := range techniques() {
		out = append(out, privesc{t: t})
	}
	return out
}
