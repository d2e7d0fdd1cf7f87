package secrets

import "strings"

// The kinds of secret Seam tells apart: what the value is, whatever rule found it. The link stage decides
// what a secret unlocks from its kind.
const (
	KindAWSAccessKeyID   = "aws-access-key-id"
	KindAWSSecretKey     = "aws-secret-key"
	KindDatabasePassword = "database-password"
	KindPassword         = "password"
	KindPrivateKey       = "private-key"
	KindGitHubToken      = "github-token"
	KindGitLabToken      = "gitlab-token"
	KindSlackToken       = "slack-token"
	KindKubernetesToken  = "kubernetes-token"
	KindKubernetesSecret = "kubernetes-secret"
	KindJWT              = "jwt"
	KindGenericAPIKey    = "generic-api-key"
	KindAPIToken         = "api-token"
)

// ruleKinds maps gitleaks rule IDs whose value is always of one kind.
var ruleKinds = map[string]string{
	"aws-access-token":       KindAWSAccessKeyID,
	"private-key":            KindPrivateKey,
	"kubernetes-secret-yaml": KindKubernetesSecret,
	"hashicorp-tf-password":  KindDatabasePassword,
	"planetscale-password":   KindDatabasePassword,
	"generic-api-key":        KindGenericAPIKey,
	"jwt":                    KindJWT,
	"jwt-base64":             KindJWT,
}

// rulePrefixes map families of rule IDs to a kind.
var rulePrefixes = []struct{ prefix, kind string }{
	{"github-", KindGitHubToken}, {"gitlab-", KindGitLabToken}, {"slack-", KindSlackToken},
}

// dbTypes are the Terraform resource types whose password attribute is a database's master password.
var dbTypes = map[string]bool{"aws_db_instance": true, "aws_rds_cluster": true, "aws_rds_cluster_instance": true,
	"aws_redshift_cluster": true, "aws_docdb_cluster": true, "aws_neptune_cluster": true,
	"aws_elasticache_replication_group": true}

// dbWords in a variable name say its password is a database's.
var dbWords = []string{"DB", "DATABASE", "POSTGRES", "PG", "MYSQL", "MARIADB", "RDS", "AURORA", "MONGO", "REDIS",
	"SQL", "ORACLE", "MASTER"}

// kindOf returns the kind of a finding from its rule, the name it is assigned to, the Terraform block it is
// in and whether its file is a kubeconfig. A rule that names the kind wins; a generic rule's value is
// classified by its name; any other rule's value is an API token.
func kindOf(rule, key, tfBlock string, kubeconfig bool) string {
	name := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(key))
	switch {
	case kubeconfig && (name == "TOKEN" || name == "ID_TOKEN"):
		return KindKubernetesToken
	case kubeconfig && (name == "CLIENT_KEY_DATA" || name == "CLIENT_KEY"):
		return KindPrivateKey
	}
	if k, ok := ruleKinds[rule]; ok && k != KindGenericAPIKey && k != KindJWT {
		return k
	}
	for _, p := range rulePrefixes {
		if strings.HasPrefix(rule, p.prefix) {
			return p.kind
		}
	}
	if k, ok := ruleKinds[rule]; ok && k == KindJWT {
		return k
	}
	if k := kindOfName(name, tfBlock); k != "" {
		return k
	}
	if rule == "generic-api-key" {
		return KindGenericAPIKey
	}
	return KindAPIToken
}

// kindOfName classifies a value by the (upper-cased, "_"-separated) name it is assigned to.
func kindOfName(name, tfBlock string) string {
	compact := strings.ReplaceAll(name, "_", "")
	switch {
	case strings.Contains(compact, "SECRETACCESSKEY") || strings.Contains(compact, "AWSSECRET") ||
		(strings.Contains(compact, "AWS") && strings.Contains(compact, "SECRET")):
		return KindAWSSecretKey
	case strings.Contains(compact, "PRIVATEKEY"):
		return KindPrivateKey
	}
	if !strings.Contains(compact, "PASSWORD") && !strings.Contains(compact, "PASSWD") && !strings.HasSuffix(compact, "PWD") {
		return ""
	}
	typ, _, _ := strings.Cut(tfBlock, ".")
	if dbTypes[typ] {
		return KindDatabasePassword
	}
	for _, w := range dbWords {
		for _, part := range strings.Split(name, "_") {
			if part == w {
				return KindDatabasePassword
			}
		}
	}
	return KindPassword
}
