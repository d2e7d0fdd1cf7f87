package tfplan

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// genPlan generates a plan of n resource instances in the shape Terraform writes: groups of ten (a VPC
// subnet, a security group, an IAM role with its trust policy, an instance profile, two counted EC2 instances,
// an S3 bucket with a policy and a public access block, an SQS queue), half of them in child modules,
// created (unknown ids and ARNs) or unchanged (known values), with configuration references between them.
func genPlan(n int) []byte {
	var planned, changes, cfgRoot []any
	modules := map[string][]any{}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	for g := 0; len(planned) < n; g++ {
		mod := ""
		if g%2 == 1 {
			mod = fmt.Sprintf("module.svc%d", g%50)
		}
		known := g%3 == 0
		s := fmt.Sprintf("g%d", g)
		add := func(typ, name, key string, values obj, unknown obj, exprs obj) {
			local := typ + "." + name
			addr := joinAddr(mod, local+key)
			r := res(addr, typ, name, values)
			planned = append(planned, r)
			action := "create"
			if known {
				action = "no-op"
				unknown = obj{}
			}
			changes = append(changes, obj{"address": addr, "mode": "managed", "type": typ, "name": name,
				"provider_name": "registry.terraform.io/hashicorp/aws", "change": obj{"actions": []any{action},
					"before": nil, "after": values, "after_unknown": unknown, "before_sensitive": false,
					"after_sensitive": obj{"tags": obj{}}}})
			if key == "" || key == "[0]" {
				c := cres(local, typ, name, exprs)
				if mod == "" {
					cfgRoot = append(cfgRoot, c)
				} else {
					modules[mod] = append(modules[mod], c)
				}
			}
		}
		ids := func(kind string) obj {
			if known {
				return obj{"id": kind + "-" + s, "arn": "arn:aws:x:::" + kind + "/" + s}
			}
			return obj{}
		}
		merge := func(a, b obj) obj {
			for k, v := range b {
				a[k] = v
			}
			return a
		}
		unk := obj{"id": true, "arn": true}
		add("aws_subnet", "app"+s, "", merge(obj{"cidr_block": "10.0.0.0/24", "vpc_id": "vpc-main", "tags": obj{"Name": s}}, ids("subnet")), unk, obj{})
		add("aws_security_group", "web"+s, "", merge(obj{"name": "web-" + s, "ingress": []any{obj{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 443, "to_port": 443, "protocol": "tcp"}}}, ids("sg")), unk, obj{})
		add("aws_iam_role", "app"+s, "", merge(obj{"name": "role-" + s, "assume_role_policy": trust}, ids("role")), unk, obj{})
		add("aws_iam_instance_profile", "app"+s, "", merge(obj{"name": "profile-" + s, "role": "role-" + s}, ids("profile")), unk,
			obj{"role": refs("aws_iam_role.app"+s+".name", "aws_iam_role.app"+s)})
		for i := 0; i < 2; i++ {
			add("aws_instance", "web"+s, fmt.Sprintf("[%d]", i), merge(obj{"ami": "ami-1", "instance_type": "t3.micro",
				"iam_instance_profile": "profile-" + s, "metadata_options": []any{obj{"http_tokens": "required"}}, "tags": obj{"Name": s}}, ids("i")), unk,
				obj{"iam_instance_profile": refs("aws_iam_instance_profile.app"+s+".name", "aws_iam_instance_profile.app"+s),
					"subnet_id": refs("aws_subnet.app"+s+".id", "aws_subnet.app"+s),
					"vpc_security_group_ids": refs("aws_security_group.web"+s+".id", "aws_security_group.web"+s)})
		}
		add("aws_s3_bucket", "data"+s, "", merge(obj{"bucket": "bucket-" + s, "tags": obj{"DataClass": "pii"}}, ids("bucket")), unk, obj{})
		add("aws_s3_bucket_policy", "data"+s, "", obj{"bucket": "bucket-" + s, "policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket-` + s + `/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`}, obj{"id": true},
			obj{"bucket": refs("aws_s3_bucket.data"+s+".id", "aws_s3_bucket.data"+s)})
		add("aws_s3_bucket_public_access_block", "data"+s, "", obj{"bucket": "bucket-" + s, "block_public_acls": true}, obj{"id": true},
			obj{"bucket": refs("aws_s3_bucket.data"+s+".id", "aws_s3_bucket.data"+s)})
		add("aws_sqs_queue", "jobs"+s, "", merge(obj{"name": "jobs-" + s, "visibility_timeout_seconds": 30}, ids("queue")), unk, obj{})
	}
	calls := obj{}
	for _, mod := range sortedKeys(modules) {
		calls[mod[len("module."):]] = obj{"source": "./svc", "module": obj{"resources": modules[mod]}}
	}
	p := obj{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": obj{"root_module": obj{"resources": planned}},
		"resource_changes": changes, "configuration": obj{"root_module": obj{"resources": cfgRoot, "module_calls": calls}}}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// BenchmarkExtract reads a generated plan of 10,000 resource instances (a plan saved with jq's indentation).
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
