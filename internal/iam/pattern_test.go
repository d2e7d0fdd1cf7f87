package iam

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatchAction(t *testing.T) {
	tests := []struct {
		pattern, action string
		want            Match
	}{
		{"s3:GetObject", "s3:GetObject", Match{OK: true}},
		{"s3:getobject", "S3:GetObject", Match{OK: true}},         // actions are case-insensitive
		{"s3:Get*", "s3:GetObjectAcl", Match{OK: true}},           // * within the name
		{"s3:Get*", "s3:PutObject", Match{}},                      // prefix differs
		{"s3:*", "s3:PutBucketPolicy", Match{OK: true}},           // service wildcard
		{"s3:*", "s3control:CreateJob", Match{}},                  // the service must match whole
		{"*", "iam:PassRole", Match{OK: true}},                    // * alone is every action
		{"iam:*Policy", "iam:AttachRolePolicy", Match{OK: true}},  // * at the start of the name
		{"iam:*Policy", "iam:AttachRolePolicyX", Match{}},         // and nothing after it
		{"ec2:?unInstances", "ec2:RunInstances", Match{OK: true}}, // ? is exactly one character
		{"ec2:?unInstances", "ec2:RRunInstances", Match{}},
		{"s3:${var.action}", "s3:GetObject", Match{OK: true, Uncertain: true, Assumed: []string{"${var.action}"}}},
		{"${var.action}", "kms:Decrypt", Match{OK: true, Uncertain: true, Assumed: []string{"${var.action}"}}},
		{"s3:${var.action}", "kms:Decrypt", Match{}}, // the service part is still known
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, MatchAction(tt.pattern, tt.action)); diff != "" {
			t.Errorf("MatchAction(%q, %q) (-want +got):\n%s", tt.pattern, tt.action, diff)
		}
	}
}

func TestMatchResource(t *testing.T) {
	tok := func(toks ...string) Match { return Match{OK: true, Uncertain: true, Assumed: toks} }
	tests := []struct {
		pattern, arn string
		want         Match
	}{
		{"*", "arn:aws:s3:::docs/a.pdf", Match{OK: true}},
		{"arn:aws:s3:::docs/*", "arn:aws:s3:::docs/a/b.pdf", Match{OK: true}},                                                   // * spans / in the resource part
		{"arn:aws:s3:::docs/*", "arn:aws:s3:::Docs/a.pdf", Match{}},                                                             // the resource part is case-sensitive
		{"ARN:AWS:S3:::docs/*", "arn:aws:s3:::docs/a.pdf", Match{OK: true}},                                                     // the other fields are not
		{"arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:eu-west-1:123456789012:log-group:app:log-stream:x", Match{OK: true}}, // * spans : in the resource part
		{"arn:aws:dynamodb:*:*:table/orders", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", Match{OK: true}},
		{"arn:aws:dynamodb:eu-*:*:table/orders", "arn:aws:dynamodb:us-east-1:123456789012:table/orders", Match{}}, // region field
		{"arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/path/app", Match{OK: true}},
		{"arn:aws:*:eu-west-1:123456789012:*", "arn:aws:kms:eu-west-1:123456789012:key/1", Match{OK: true}},
		{"arn:aws:s3:::logs-202?/*", "arn:aws:s3:::logs-2024/x", Match{OK: true}}, // ? is one character
		{"arn:aws:s3:::logs-202?/*", "arn:aws:s3:::logs-20245/x", Match{}},
		{"arn:aws:iam::123*:role/x", "arn:aws:iam::123:role/x", Match{OK: true}}, // * in a field may be empty
		{"arn:aws:iam::12*:role/x", "arn:aws:iam::123:user/x", Match{}},
		{"arn:aws:s3:::*", "arn:aws:kms:eu-west-1:1:key/x", Match{}}, // a wildcard stays within its field
		// Tokens: an unknown part may match anything, uncertainly, and the match names it.
		{"arn:aws:s3:::${var.bucket}/*", "arn:aws:s3:::docs/a.pdf", tok("${var.bucket}")},
		{"${aws_s3_bucket.docs.arn}/*", "arn:aws:s3:::docs/a.pdf", tok("${aws_s3_bucket.docs.arn}")},
		{"arn:aws:kms:eu-west-1:123456789012:key/1", "arn:aws:kms:eu-west-1:123456789012:key/${k.key_id}", tok("${k.key_id}")},
		{"arn:aws:kms:eu-west-1:123456789012:key/${k.key_id}", "arn:aws:kms:eu-west-1:123456789012:key/${k.key_id}", Match{OK: true}}, // the same token on both sides is certain
		{"arn:aws:s3:::${var.bucket}/*", "arn:aws:kms:eu-west-1:1:key/x", Match{}},                                                    // the known fields still decide
		{"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x", tok("${aws:username}")},
		{"arn:aws:s3:::a${*}b", "arn:aws:s3:::a*b", Match{OK: true}}, // ${*} is a literal *
		{"arn:aws:s3:::a${*}b", "arn:aws:s3:::axb", Match{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, MatchResource(tt.pattern, tt.arn)); diff != "" {
			t.Errorf("MatchResource(%q, %q) (-want +got):\n%s", tt.pattern, tt.arn, diff)
		}
	}
}

func TestOverlapAndCover(t *testing.T) {
	tests := []struct {
		a, b           string
		overlap, cover Match
	}{
		// a statement on one prefix against a bucket's objects: some, not all.
		{"arn:aws:s3:::docs/invoices/*", "arn:aws:s3:::docs/*", Match{OK: true}, Match{}},
		// the other way round: all.
		{"arn:aws:s3:::docs/*", "arn:aws:s3:::docs/invoices/*", Match{OK: true}, Match{OK: true}},
		{"*", "arn:aws:s3:::docs/*", Match{OK: true}, Match{OK: true}},
		{"arn:aws:s3:::docs/*", "*", Match{OK: true}, Match{}},
		{"arn:aws:s3:::docs", "arn:aws:s3:::docs/*", Match{}, Match{}}, // the bucket is not its objects
		{"arn:aws:s3:::*/private/*", "arn:aws:s3:::docs/*", Match{OK: true}, Match{}},
		{"arn:aws:s3:::*/*", "arn:aws:s3:::docs/*", Match{OK: true}, Match{OK: true}},
		{"arn:aws:s3:::docs/?", "arn:aws:s3:::docs/*", Match{OK: true}, Match{}},
		{"arn:aws:s3:::docs/a*", "arn:aws:s3:::docs/b*", Match{}, Match{}},
		{"arn:aws:s3:::docs/*.pdf", "arn:aws:s3:::docs/2024/*", Match{OK: true}, Match{}},
		{"arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:eu-west-1:1:table/orders*", Match{OK: true}, Match{OK: true}},
		{"arn:aws:s3:::${var.b}/*", "arn:aws:s3:::docs/*",
			Match{OK: true, Uncertain: true, Assumed: []string{"${var.b}"}}, Match{OK: true, Uncertain: true, Assumed: []string{"${var.b}"}}},
		{"arn:aws:s3:::docs/*", "arn:aws:s3:::${var.b}/*",
			Match{OK: true, Uncertain: true, Assumed: []string{"${var.b}"}}, Match{OK: true, Uncertain: true, Assumed: []string{"${var.b}"}}},
		{"arn:aws:s3:::*", "arn:aws:s3:::${var.b}", Match{OK: true}, Match{OK: true}}, // * absorbs the token whatever it is
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.overlap, OverlapResources(tt.a, tt.b)); diff != "" {
			t.Errorf("OverlapResources(%q, %q) (-want +got):\n%s", tt.a, tt.b, diff)
		}
		if diff := cmp.Diff(tt.cover, CoverResources(tt.a, tt.b)); diff != "" {
			t.Errorf("CoverResources(%q, %q) (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}
