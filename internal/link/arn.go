package link

import (
	"regexp"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// arnFormats gives the ARN of each AWS resource type Seam models, with {attr} for an attribute of the
// resource, {account} and {region} for its account and region, and {path} for an IAM path (default "/").
// Source: the "Resource types defined by …" tables of the AWS Service Authorization Reference
// (docs.aws.amazon.com/service-authorization/latest/reference/).
var arnFormats = map[string]string{
	"aws_s3_bucket":                   "arn:aws:s3:::{bucket}",
	"aws_iam_role":                    "arn:aws:iam::{account}:role{path}{name}",
	"aws_iam_user":                    "arn:aws:iam::{account}:user{path}{name}",
	"aws_iam_group":                   "arn:aws:iam::{account}:group{path}{name}",
	"aws_iam_policy":                  "arn:aws:iam::{account}:policy{path}{name}",
	"aws_iam_instance_profile":        "arn:aws:iam::{account}:instance-profile{path}{name}",
	"aws_iam_openid_connect_provider": "arn:aws:iam::{account}:oidc-provider/{url}",
	"aws_kms_key":                     "arn:aws:kms:{region}:{account}:key/{key_id}",
	"aws_kms_alias":                   "arn:aws:kms:{region}:{account}:{name}",
	"aws_secretsmanager_secret":       "arn:aws:secretsmanager:{region}:{account}:secret:{name}-{suffix}",
	"aws_ssm_parameter":               "arn:aws:ssm:{region}:{account}:parameter{slashname}",
	"aws_dynamodb_table":              "arn:aws:dynamodb:{region}:{account}:table/{name}",
	"aws_db_instance":                 "arn:aws:rds:{region}:{account}:db:{identifier}",
	"aws_rds_cluster":                 "arn:aws:rds:{region}:{account}:cluster:{cluster_identifier}",
	"aws_lambda_function":             "arn:aws:lambda:{region}:{account}:function:{function_name}",
	"aws_sqs_queue":                   "arn:aws:sqs:{region}:{account}:{name}",
	"aws_sns_topic":                   "arn:aws:sns:{region}:{account}:{name}",
	"aws_eks_cluster":                 "arn:aws:eks:{region}:{account}:cluster/{name}",
	"aws_ecr_repository":              "arn:aws:ecr:{region}:{account}:repository/{name}",
	"aws_ecs_cluster":                 "arn:aws:ecs:{region}:{account}:cluster/{name}",
	"aws_cloudwatch_log_group":        "arn:aws:logs:{region}:{account}:log-group:{name}",
	"aws_instance":                    "arn:aws:ec2:{region}:{account}:instance/{id}",
	"aws_kinesis_stream":              "arn:aws:kinesis:{region}:{account}:stream/{name}",
	"aws_efs_file_system":             "arn:aws:elasticfilesystem:{region}:{account}:file-system/{id}",
	"aws_elasticache_cluster":         "arn:aws:elasticache:{region}:{account}:cluster:{cluster_id}",
	"aws_redshift_cluster":            "arn:aws:redshift:{region}:{account}:cluster:{cluster_identifier}",
	"aws_glue_catalog_database":       "arn:aws:glue:{region}:{account}:database/{name}",
	"aws_backup_vault":                "arn:aws:backup:{region}:{account}:backup-vault:{name}",
}

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// ARN returns the ARN of a node, unknown parts as ${...} tokens: the ARN a plan or state recorded when there
// is one, else the ARN built from the resource's type and attributes, with the account and region the
// scanned files name (see Account and Region). Nodes that are not AWS resources with a known format get "".
func (ix *Index) ARN(n *model.Node) string {
	ix.arnOnce.Do(ix.buildARNs)
	return ix.arns[n.ID]
}

// NodesByARN returns the nodes whose ARN is exactly arn (tokens included), sorted.
func (ix *Index) NodesByARN(arn string) []string {
	ix.arnOnce.Do(ix.buildARNs)
	return ix.byARN[arn]
}

// ARNs returns every node ID with an ARN, sorted.
func (ix *Index) ARNs() []string {
	ix.arnOnce.Do(ix.buildARNs)
	ids := make([]string, 0, len(ix.arns))
	for id := range ix.arns {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (ix *Index) buildARNs() {
	ix.arns = map[string]string{}
	ix.byARN = map[string][]string{}
	for _, n := range ix.g.Nodes() {
		arn := ix.buildARN(n)
		if arn == "" {
			continue
		}
		ix.arns[n.ID] = arn
		ix.byARN[arn] = append(ix.byARN[arn], n.ID)
	}
}

func (ix *Index) buildARN(n *model.Node) string {
	if arn, ok := n.Attrs["arn"].(string); ok && strings.HasPrefix(arn, "arn:") {
		return arn
	}
	format, ok := arnFormats[n.Type]
	if !ok {
		return ""
	}
	return placeholder.ReplaceAllStringFunc(format, func(ph string) string {
		name := ph[1 : len(ph)-1]
		switch name {
		case "account":
			if a := ix.AccountOf(n); a.Value != "" {
				return a.Value
			}
			return Token("account")
		case "region":
			if r := ix.RegionOf(n); r.Value != "" {
				return r.Value
			}
			return Token("region")
		case "path":
			if p, ok := n.Attrs["path"].(string); ok && p != "" {
				return p
			}
			if _, set := n.Attrs["path"]; set {
				return Token(n.ID + ".path")
			}
			return "/"
		case "url":
			if s, known, ok := ix.String(n, n.Attrs["url"]); ok && known {
				return strings.TrimPrefix(s, "https://")
			}
			return Token(n.ID + ".url")
		case "slashname":
			if s, ok := n.Attrs["name"].(string); ok && s != "" {
				if strings.HasPrefix(s, "/") {
					return s
				}
				return "/" + s
			}
			return "/" + Token(n.ID+".name")
		case "suffix":
			return Token(n.ID + ".random_suffix")
		}
		if name == "name" {
			if s, ok := n.Attrs["name"].(string); ok && s != "" {
				return s
			}
			if s, ok := n.Attrs["name_prefix"].(string); ok && s != "" {
				return s + Token(n.ID+".name_suffix")
			}
		}
		if s, ok := n.Attrs[name].(string); ok && s != "" {
			return s
		}
		if s, known, ok := ix.String(n, n.Attrs[name]); ok && known {
			return s
		}
		return Token(n.ID + "." + name)
	})
}

// arnAccount matches the account of an ARN; arnRegion its region; ecrHost an ECR registry host.
var (
	arnParts = regexp.MustCompile(`\barn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}):`)
	ecrHost  = regexp.MustCompile(`\b([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\b`)
)

// AccountOf returns the AWS account a node's resource lives in: the account its Terraform provider
// configuration allows, else the only account the scanned files name anywhere (an assumption), else "".
func (ix *Index) AccountOf(n *model.Node) Fact {
	if p := ix.providerOf(n); p != nil {
		if ids, ok := p.Attrs["allowed_account_ids"].([]any); ok && len(ids) == 1 {
			if s, ok := ids[0].(string); ok && s != "" {
				return Fact{Value: s, Evidence: Evidence(p, "provider allowed_account_ids")}
			}
		}
	}
	ix.acctOnce.Do(ix.findAccounts)
	return ix.account
}

// RegionOf returns the AWS region of a node's resource: its provider's region, else the only region the
// scanned files name (an assumption), else "".
func (ix *Index) RegionOf(n *model.Node) Fact {
	if p := ix.providerOf(n); p != nil {
		if s, ok := p.Attrs["region"].(string); ok && s != "" {
			return Fact{Value: s, Evidence: Evidence(p, "provider region")}
		}
	}
	ix.acctOnce.Do(ix.findAccounts)
	return ix.region
}

// Account returns the only AWS account the scanned files name, if there is exactly one.
func (ix *Index) Account() Fact {
	ix.acctOnce.Do(ix.findAccounts)
	return ix.account
}

// providerOf returns the default AWS provider configuration of a Terraform node's root module.
func (ix *Index) providerOf(n *model.Node) *model.Node {
	root, _, ok := TerraformAddress(n)
	if !ok {
		return nil
	}
	p, ok := ix.tf[root]["provider.aws"]
	if !ok {
		return nil
	}
	return p
}

// findAccounts collects the accounts and regions named in ARNs and ECR hosts anywhere in the graph's string
// attributes and in providers; when exactly one of each is named it becomes the assumed default.
func (ix *Index) findAccounts() {
	accounts := map[string]model.Evidence{}
	regions := map[string]model.Evidence{}
	note := func(m map[string]model.Evidence, v string, ev model.Evidence) {
		if cur, ok := m[v]; !ok || evidenceLess(ev, cur) {
			m[v] = ev
		}
	}
	for _, n := range ix.g.Nodes() {
		if n.Type == "provider.aws" {
			if ids, ok := n.Attrs["allowed_account_ids"].([]any); ok {
				for _, id := range ids {
					if s, ok := id.(string); ok && len(s) == 12 {
						note(accounts, s, Evidence(n, "provider allowed_account_ids"))
					}
				}
			}
			if s, ok := n.Attrs["region"].(string); ok && s != "" {
				note(regions, s, Evidence(n, "provider region"))
			}
		}
		walkStrings(n.Attrs, func(s string) {
			if !strings.Contains(s, "arn:aws") && !strings.Contains(s, ".dkr.ecr.") {
				return // the regular expressions below are the cost; most strings name neither
			}
			for _, m := range arnParts.FindAllStringSubmatch(s, -1) {
				note(accounts, m[3], Evidence(n, "ARN "+m[0]+"…"))
				if m[2] != "" {
					note(regions, m[2], Evidence(n, "ARN "+m[0]+"…"))
				}
			}
			for _, m := range ecrHost.FindAllStringSubmatch(s, -1) {
				note(accounts, m[1], Evidence(n, "ECR registry "+m[0]))
				note(regions, m[2], Evidence(n, "ECR registry "+m[0]))
			}
		})
	}
	if len(accounts) == 1 {
		for v, ev := range accounts {
			ix.account = Fact{Value: v, Evidence: ev, Assumed: true}
		}
	}
	if len(regions) == 1 {
		for v, ev := range regions {
			ix.region = Fact{Value: v, Evidence: ev, Assumed: true}
		}
	}
}

func evidenceLess(a, b model.Evidence) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

// walkStrings calls f for every string inside an attribute value.
func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, e := range x {
			walkStrings(e, f)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, f)
		}
	}
}
