package tfplan

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// planGen generates a plan in the shape Terraform writes.
type planGen struct {
	planned, changes, cfgRoot []any
	modules                   map[string][]any
	mod, suffix               string
	known                     bool
}

// genPlan generates a plan of n resource instances: groups of ten (a subnet, a security group, an IAM role
// with its trust policy, an instance profile, two counted EC2 instances, an S3 bucket with a policy and a
// public access block, an SQS queue), half of them in child modules, created (unknown ids and ARNs) or
// unchanged (known values), with configuration references between them.
func genPlan(n int) []byte {
	g := &planGen{modules: map[string][]any{}}
	for i := 0; len(g.planned) < n; i++ {
		g.mod = ""
		if i%2 == 1 {
			g.mod = fmt.Sprintf("module.svc%d", i%50)
		}
		g.known, g.suffix = i%3 == 0, fmt.Sprintf("g%d", i)
		g.group()
	}
	calls := obj{}
	for _, mod := range sortedKeys(g.modules) {
		calls[mod[len("module."):]] = obj{"source": "./svc", "module": obj{"resources": g.modules[mod]}}
	}
	p := obj{"format_version": "1.2", "terraform_version": "1.9.5",
		"planned_values": obj{"root_module": obj{"resources": g.planned}}, "resource_changes": g.changes,
		"configuration": obj{"root_module": obj{"resources": g.cfgRoot, "module_calls": calls}}}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// group adds one group of ten instances.
func (g *planGen) group() {
	s := g.suffix
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	ref := func(addr, attr string) obj { return refs(addr+"."+attr, addr) }
	g.add("aws_subnet", "app"+s, "", g.ids("subnet", obj{"cidr_block": "10.0.0.0/24", "vpc_id": "vpc-main", "tags": obj{"Name": s}}), obj{})
	g.add("aws_security_group", "web"+s, "", g.ids("sg", obj{"name": "web-" + s, "ingress": []any{obj{"cidr_blocks": []any{"0.0.0.0/0"},
		"from_port": 443, "to_port": 443, "protocol": "tcp"}}}), obj{})
	g.add("aws_iam_role", "app"+s, "", g.ids("role", obj{"name": "role-" + s, "assume_role_policy": trust}), obj{})
	g.add("aws_iam_instance_profile", "app"+s, "", g.ids("profile", obj{"name": "profile-" + s, "role": "role-" + s}),
		obj{"role": ref("aws_iam_role.app"+s, "name")})
	for i := 0; i < 2; i++ {
		g.add("aws_instance", "web"+s, fmt.Sprintf("[%d]", i), g.ids("i", obj{"ami": "ami-1", "instance_type": "t3.micro",
			"iam_instance_profile": "profile-" + s, "metadata_options": []any{obj{"http_tokens": "required"}}, "tags": obj{"Name": s}}),
			obj{"iam_instance_profile": ref("aws_iam_instance_profile.app"+s, "name"), "subnet_id": ref("aws_subnet.app"+s, "id"),
				"vpc_security_group_ids": ref("aws_security_group.web"+s, "id")})
	}
	g.add("aws_s3_bucket", "data"+s, "", g.ids("bucket", obj{"bucket": "bucket-" + s, "tags": obj{"DataClass": "pii"}}), obj{})
	g.add("aws_s3_bucket_policy", "data"+s, "", obj{"bucket": "bucket-" + s, "policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny",` +
		`"Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket-` + s + `/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
		obj{"bucket": ref("aws_s3_bucket.data"+s, "id")})
	g.add("aws_s3_bucket_public_access_block", "data"+s, "", obj{"bucket": "bucket-" + s, "block_public_acls": true},
		obj{"bucket": ref("aws_s3_bucket.data"+s, "id")})
	g.add("aws_sqs_queue", "jobs"+s, "", g.ids("queue", obj{"name": "jobs-" + s, "visibility_timeout_seconds": 30}), obj{})
}

// ids adds an id and an ARN to values when the group's values are known.
func (g *planGen) ids(kind string, values obj) obj {
	if g.known {
		values["id"] = kind + "-" + g.suffix
		values["arn"] = "arn:aws:x:::" + kind + "/" + g.suffix
	}
	return values
}

// add adds one instance: its planned values, its change and (for the first instance) its configuration.
func (g *planGen) add(typ, name, key string, values, exprs obj) {
	local := typ + "." + name
	addr := joinAddr(g.mod, local+key)
	g.planned = append(g.planned, res(addr, typ, name, values))
	action, unknown := "create", obj{"id": true, "arn": true}
	if g.known {
		action, unknown = "no-op", obj{}
	}
	g.changes = append(g.changes, obj{"address": addr, "mode": "managed", "type": typ, "name": name,
		"provider_name": "registry.terraform.io/hashicorp/aws", "change": obj{"actions": []any{action},
			"before": nil, "after": values, "after_unknown": unknown, "before_sensitive": false,
			"after_sensitive": obj{"tags": obj{}}}})
	if key == "" || key == "[0]" {
		c := cres(local, typ, name, exprs)
		if g.mod == "" {
			g.cfgRoot = append(g.cfgRoot, c)
		} else {
			g.modules[g.mod] = append(g.modules[g.mod], c)
		}
	}
}

// BenchmarkExtract reads a generated plan of 10,000 resource instances (a plan saved with jq's indentation,
// about 16 MB).
func BenchmarkExtract(b *testing.B) {
	data := genPlan(10000)
	fsys := fstest.MapFS{"tfplan.json": {Data: data}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var nodes, edges int
	for b.Loop() {
		f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"tfplan.json"}})
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Diagnostics) > 0 {
			b.Fatalf("diagnostics: %v", f.Diagnostics[0])
		}
		nodes, edges = len(f.Nodes), len(f.Edges)
	}
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}
