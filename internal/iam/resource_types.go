package iam

import (
	"strings"
	"sync"
)

// resourceTypeRules recognise the resource type of an ARN from its service namespace and the form of its
// resource part, most specific first. Acct says whether the ARN's account field must be empty ("-", S3
// buckets and objects), set ("+"), or either (""). The forms are those of the "Resource types defined by …"
// tables of the AWS Service Authorization Reference
// (docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
var resourceTypeRules = []struct{ svc, typ, res, acct string }{
	{"s3", "multiregionaccesspoint", "accesspoint/*.mrap", "+"},
	{"s3", "accesspoint", "accesspoint/*", "+"},
	{"s3", "job", "job/*", "+"},
	{"s3", "storagelensconfiguration", "storage-lens/*", "+"},
	{"s3", "storagelensgroup", "storage-lens-group/*", "+"},
	{"s3", "accessgrantslocation", "access-grants/default/location/*", "+"},
	{"s3", "accessgrant", "access-grants/default/grant/*", "+"},
	{"s3", "accessgrantsinstance", "access-grants/default", "+"},
	{"s3", "object", "*/*", "-"},
	{"s3", "bucket", "*", "-"},
	{"iam", "role", "role/*", ""},
	{"iam", "user", "user/*", ""},
	{"iam", "group", "group/*", ""},
	{"iam", "policy", "policy/*", ""},
	{"iam", "instance-profile", "instance-profile/*", ""},
	{"iam", "oidc-provider", "oidc-provider/*", ""},
	{"iam", "saml-provider", "saml-provider/*", ""},
	{"iam", "mfa", "mfa/*", ""},
	{"iam", "server-certificate", "server-certificate/*", ""},
	{"iam", "root", "root", ""},
	{"sts", "assumed-role", "assumed-role/*", ""},
	{"sts", "federated-user", "federated-user/*", ""},
	{"kms", "key", "key/*", ""},
	{"kms", "alias", "alias/*", ""},
	{"secretsmanager", "secret", "secret:*", ""},
	{"ssm", "parameter", "parameter/*", ""},
	{"ssm", "document", "document/*", ""},
	{"ssm", "managed-instance", "managed-instance/*", ""},
	{"ssm", "session", "session/*", ""},
	{"ssm", "automation-definition", "automation-definition/*", ""},
	{"ssm", "automation-execution", "automation-execution/*", ""},
	{"ssm", "association", "association/*", ""},
	{"ssm", "maintenancewindow", "maintenancewindow/*", ""},
	{"ssm", "patchbaseline", "patchbaseline/*", ""},
	{"ssm", "opsitem", "opsitem/*", ""},
	{"ssm", "servicesetting", "servicesetting/*", ""},
	{"dynamodb", "index", "table/*/index/*", ""},
	{"dynamodb", "stream", "table/*/stream/*", ""},
	{"dynamodb", "backup", "table/*/backup/*", ""},
	{"dynamodb", "export", "table/*/export/*", ""},
	{"dynamodb", "import", "table/*/import/*", ""},
	{"dynamodb", "table", "table/*", ""},
	{"dynamodb", "global-table", "global-table/*", ""},
	{"rds", "db", "db:*", ""},
	{"rds", "cluster", "cluster:*", ""},
	{"rds", "snapshot", "snapshot:*", ""},
	{"rds", "cluster-snapshot", "cluster-snapshot:*", ""},
	{"rds", "cluster-endpoint", "cluster-endpoint:*", ""},
	{"rds", "cluster-pg", "cluster-pg:*", ""},
	{"rds", "subgrp", "subgrp:*", ""},
	{"rds", "pg", "pg:*", ""},
	{"rds", "og", "og:*", ""},
	{"rds", "es", "es:*", ""},
	{"rds", "secgrp", "secgrp:*", ""},
	{"rds", "db-proxy", "db-proxy:*", ""},
	{"rds", "db-proxy-endpoint", "db-proxy-endpoint:*", ""},
	{"rds", "target-group", "target-group:*", ""},
	{"rds", "global-cluster", "global-cluster:*", ""},
	{"rds", "auto-backup", "auto-backup:*", ""},
	{"rds", "ri", "ri:*", ""},
	{"rds", "deployment", "deployment:*", ""},
	{"rds", "integration", "integration:*", ""},
	{"rds-db", "dbuser", "dbuser:*", ""},
	{"lambda", "function", "function:*", ""},
	{"lambda", "layerVersion", "layer:*:*", ""},
	{"lambda", "layer", "layer:*", ""},
	{"lambda", "eventSourceMapping", "event-source-mapping:*", ""},
	{"lambda", "code-signing-config", "code-signing-config:*", ""},
	{"ec2", "instance", "instance/*", ""},
	{"ec2", "security-group-rule", "security-group-rule/*", ""},
	{"ec2", "security-group", "security-group/*", ""},
	{"ec2", "snapshot", "snapshot/*", ""},
	{"ec2", "volume", "volume/*", ""},
	{"ec2", "image", "image/*", ""},
	{"ec2", "launch-template", "launch-template/*", ""},
	{"ec2", "network-interface", "network-interface/*", ""},
	{"ec2", "subnet", "subnet/*", ""},
	{"ec2", "vpc", "vpc/*", ""},
	{"ec2", "key-pair", "key-pair/*", ""},
	{"ec2", "elastic-ip", "elastic-ip/*", ""},
	{"ec2", "spot-instances-request", "spot-instances-request/*", ""},
	{"ec2", "placement-group", "placement-group/*", ""},
	{"ec2", "capacity-reservation", "capacity-reservation/*", ""},
	{"ec2", "route-table", "route-table/*", ""},
	{"ec2", "internet-gateway", "internet-gateway/*", ""},
	{"ec2", "natgateway", "natgateway/*", ""},
	{"ec2", "network-acl", "network-acl/*", ""},
	{"ec2", "vpc-endpoint", "vpc-endpoint/*", ""},
	{"ec2", "vpc-peering-connection", "vpc-peering-connection/*", ""},
	{"ec2", "transit-gateway", "transit-gateway/*", ""},
	{"ec2", "vpc-flow-log", "vpc-flow-log/*", ""},
	{"ec2", "dhcp-options", "dhcp-options/*", ""},
	{"eks", "cluster", "cluster/*", ""},
	{"eks", "nodegroup", "nodegroup/*", ""},
	{"eks", "addon", "addon/*", ""},
	{"eks", "fargateprofile", "fargateprofile/*", ""},
	{"eks", "identityproviderconfig", "identityproviderconfig/*", ""},
	{"eks", "access-entry", "access-entry/*", ""},
	{"eks", "access-policy", "cluster-access-policy/*", ""},
	{"eks", "podidentityassociation", "podidentityassociation/*", ""},
	{"ecs", "cluster", "cluster/*", ""},
	{"ecs", "service", "service/*", ""},
	{"ecs", "task-definition", "task-definition/*", ""},
	{"ecs", "task-set", "task-set/*", ""},
	{"ecs", "task", "task/*", ""},
	{"ecs", "container-instance", "container-instance/*", ""},
	{"ecs", "capacity-provider", "capacity-provider/*", ""},
	{"ecr", "repository", "repository/*", ""},
	{"logs", "log-stream", "log-group:*:log-stream:*", ""},
	{"logs", "log-group", "log-group:*", ""},
	{"logs", "destination", "destination:*", ""},
	{"logs", "delivery-source", "delivery-source:*", ""},
	{"logs", "delivery-destination", "delivery-destination:*", ""},
	{"logs", "delivery", "delivery:*", ""},
	{"logs", "anomaly-detector", "anomaly-detector:*", ""},
	{"cloudtrail", "trail", "trail/*", ""},
	{"cloudtrail", "eventdatastore", "eventdatastore/*", ""},
	{"cloudtrail", "channel", "channel/*", ""},
	{"cloudtrail", "dashboard", "dashboard/*", ""},
	{"sqs", "queue", "*", ""},
	{"sns", "topic", "*", ""},
	{"kinesis", "consumer", "stream/*/consumer/*", ""},
	{"kinesis", "stream", "stream/*", ""},
	{"elasticfilesystem", "access-point", "access-point/*", ""},
	{"elasticfilesystem", "file-system", "file-system/*", ""},
}

type compiledTypeRule struct {
	typ  string
	res  glob
	acct string
}

var typeRules = sync.OnceValue(func() map[string][]compiledTypeRule {
	m := map[string][]compiledTypeRule{}
	for _, r := range resourceTypeRules {
		m[r.svc] = append(m[r.svc], compiledTypeRule{typ: r.svc + ":" + r.typ, res: compileGlob(r.res, true, false), acct: r.acct})
	}
	return m
})

// ResourceTypeOf returns the resource type of an ARN or ARN pattern in the table's spelling ("s3:object",
// "iam:role", "kms:key"), or "" when the ARN's service or form is not one the table knows.
func ResourceTypeOf(arn string) string {
	p := CompileResource(arn)
	return p.resourceType()
}

func (p *ResourcePattern) resourceType() string {
	if !p.isARN || p.fields[2].shape != shapePlain {
		return ""
	}
	rules := typeRules()[p.fields[2].lit]
	acctSet := !(p.fields[4].shape == shapePlain && p.fields[4].lit == "")
	for _, pass := range []func(a, b *glob) grade{covers, overlap} {
		for i := range rules {
			r := &rules[i]
			if (r.acct == "-" && acctSet) || (r.acct == "+" && !acctSet) {
				continue
			}
			if pass(&r.res, &p.res) != no {
				return r.typ
			}
		}
	}
	return ""
}

// arnServiceOf returns the ARN namespace of a resource type ("iam" for "iam:role").
func arnServiceOf(rt string) string {
	svc, _, _ := strings.Cut(rt, ":")
	return svc
}
