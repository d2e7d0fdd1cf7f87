package iam

import (
	"strings"
	"testing"
)

// conditionCases are each operator's rule (IAM condition operators reference) against a request context,
// for the IAM user alice; "maybe" is an outcome Seam had to assume.
var conditionCases = []struct {
	op, key string
	values  []string
	ctx     Context
	want    grade
}{
	{"StringEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"vpc-1"}}, yes},
	{"StringEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"VPC-1"}}, no},  // values are case-sensitive
	{"StringEquals", "AWS:SOURCEVPC", []string{"vpc-1"}, Context{"aws:sourcevpc": {"vpc-1"}}, yes}, // keys are not
	{"StringEqualsIgnoreCase", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"VPC-1"}}, yes},
	{"StringEquals", "aws:SourceVpc", []string{"vpc-1", "vpc-2"}, Context{"aws:SourceVpc": {"vpc-2"}}, yes}, // values OR
	{"StringNotEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"vpc-2"}}, yes},
	{"StringNotEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"vpc-1"}}, no},
	{"StringNotEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {}}, yes}, // negated: absent key holds
	{"StringEquals", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {}}, no},     // positive: absent key fails
	{"StringLike", "s3:prefix", []string{"uploads/*"}, Context{"s3:prefix": {"uploads/2024/a"}}, yes},
	{"StringLike", "s3:prefix", []string{"uploads/*"}, Context{"s3:prefix": {"processed/a"}}, no},
	{"StringLike", "s3:prefix", []string{"upload?"}, Context{"s3:prefix": {"uploads"}}, yes},
	{"StringNotLike", "s3:prefix", []string{"uploads/*"}, Context{"s3:prefix": {"processed/a"}}, yes},
	{"StringEquals", "s3:prefix", []string{"uploads/*"}, Context{"s3:prefix": {"uploads/a"}}, no}, // * is literal in StringEquals
	{"NumericLessThan", "s3:max-keys", []string{"10"}, Context{"s3:max-keys": {"5"}}, yes},
	{"NumericLessThan", "s3:max-keys", []string{"10"}, Context{"s3:max-keys": {"15"}}, no},
	{"NumericGreaterThanEquals", "s3:max-keys", []string{"10"}, Context{"s3:max-keys": {"10"}}, yes},
	{"NumericEquals", "s3:max-keys", []string{"10"}, Context{"s3:max-keys": {"ten"}}, no},
	{"DateGreaterThan", "aws:CurrentTime", []string{"2024-01-01T00:00:00Z"}, Context{"aws:CurrentTime": {"2025-06-01T12:00:00Z"}}, yes},
	{"DateLessThan", "aws:CurrentTime", []string{"2024-01-01"}, Context{"aws:CurrentTime": {"1700000000"}}, yes}, // epoch seconds
	{"DateLessThanEquals", "aws:EpochTime", []string{"1700000000"}, Context{"aws:EpochTime": {"1700000001"}}, no},
	{"Bool", "aws:SecureTransport", []string{"false"}, Context{"aws:SecureTransport": {"FALSE"}}, yes},
	{"Bool", "aws:SecureTransport", []string{"false"}, Context{"aws:SecureTransport": {"true"}}, no},
	{"BinaryEquals", "key", []string{"QmluYXJ5"}, Context{"key": {"QmluYXJ5"}}, yes},
	{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, Context{"aws:SourceIp": {"10.1.2.3"}}, yes},
	{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, Context{"aws:SourceIp": {"192.0.2.1"}}, no},
	{"IpAddress", "aws:SourceIp", []string{"2001:db8::/32"}, Context{"aws:SourceIp": {"2001:db8::1"}}, yes},
	{"IpAddress", "aws:SourceIp", []string{"192.0.2.1"}, Context{"aws:SourceIp": {"192.0.2.1"}}, yes}, // a single address
	{"NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, Context{"aws:SourceIp": {"192.0.2.1"}}, yes},
	{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/ci-*"}, Context{"aws:PrincipalArn": {"arn:aws:iam::123456789012:role/ci-deploy"}}, yes},
	{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/ci-*"}, Context{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/ci-deploy"}}, no},
	{"ArnNotEquals", "aws:SourceArn", []string{"arn:aws:sns:eu-west-1:1:t"}, Context{"aws:SourceArn": {"arn:aws:sns:eu-west-1:1:u"}}, yes},
	{"Null", "aws:TokenIssueTime", []string{"true"}, Context{"aws:TokenIssueTime": {}}, yes},
	{"Null", "aws:TokenIssueTime", []string{"true"}, Context{"aws:TokenIssueTime": {"2024-01-01"}}, no},
	{"Null", "aws:TokenIssueTime", []string{"false"}, Context{"aws:TokenIssueTime": {"2024-01-01"}}, yes},
	{"StringEqualsIfExists", "ec2:InstanceType", []string{"t3.micro"}, Context{"ec2:InstanceType": {}}, yes}, // ...IfExists: absent holds
	{"StringEqualsIfExists", "ec2:InstanceType", []string{"t3.micro"}, Context{"ec2:InstanceType": {"m5.large"}}, no},
	{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"env"}, Context{"aws:TagKeys": {"team", "env"}}, yes},
	{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"env"}, Context{"aws:TagKeys": {}}, no}, // ForAnyValue on empty: false
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env", "team"}, Context{"aws:TagKeys": {"team", "env"}}, yes},
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env"}, Context{"aws:TagKeys": {"team", "env"}}, no},
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env"}, Context{"aws:TagKeys": {}}, yes}, // ForAllValues on empty: true
	{"ForAllValues:StringNotLike", "aws:TagKeys", []string{"admin*"}, Context{"aws:TagKeys": {"team", "env"}}, yes},
	// What the request does not say is an assumption.
	{"StringEquals", "aws:SourceVpc", []string{"vpc-1"}, nil, maybe},
	{"StringEqualsIfExists", "aws:SourceVpc", []string{"vpc-1"}, nil, maybe},
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env"}, nil, maybe},
	{"StringEqualsMaybe", "aws:SourceVpc", []string{"vpc-1"}, Context{"aws:SourceVpc": {"vpc-1"}}, maybe}, // unknown operator
	// Tokens: in a value, in a key (the IRSA trust with an unknown issuer host).
	{"StringEquals", "k8s:sub", []string{"system:serviceaccount:${var.ns}:api"}, Context{"k8s:sub": {"system:serviceaccount:shop:api"}}, maybe},
	{"StringEquals", "k8s:sub", []string{"system:serviceaccount:${var.ns}:api"}, Context{"k8s:sub": {"system:serviceaccount:shop:worker"}}, no},
	{"StringEquals", "${var.host}:sub", []string{"system:serviceaccount:shop:api"}, Context{"oidc.example/id/1:sub": {"system:serviceaccount:shop:api"}}, maybe},
	{"StringEquals", "${var.host}:sub", []string{"system:serviceaccount:shop:api"}, Context{"oidc.example/id/1:sub": {"system:serviceaccount:shop:worker"}}, no},
	{"StringEquals", "${var.host}:sub", []string{"x"}, Context{"aws:SourceVpc": {"x"}}, maybe}, // no key with the suffix: unknown
	// Policy variables the request supplies are substituted; global keys come from the principal.
	{"StringLike", "s3:prefix", []string{"home/${aws:username}/*"}, Context{"s3:prefix": {"home/alice/docs"}}, yes},
	{"StringLike", "s3:prefix", []string{"home/${aws:username}/*"}, Context{"s3:prefix": {"home/bob/docs"}}, no},
	{"StringEquals", "aws:PrincipalAccount", []string{acct}, nil, yes},
	{"ArnEquals", "aws:PrincipalArn", []string{"arn:aws:iam::" + acct + ":user/alice"}, nil, yes},
}

// TestConditionOperators checks each operator's rule (IAM condition operators reference, cited in
// condition.go) against a request context; "maybe" is an outcome Seam had to assume.
func TestConditionOperators(t *testing.T) {
	alice := user("alice")
	for _, tt := range conditionCases {
		c, _ := newCondition(tt.op, tt.key, tt.values)
		cx := newCtxView(tt.ctx, nil, nil, alice, acct, acct)
		got, why := c.eval(&cx)
		if got != tt.want {
			t.Errorf("%s %s %v with %v = %v, want %v", tt.op, tt.key, tt.values, tt.ctx, got, tt.want)
		}
		if got == maybe && why == "" {
			t.Errorf("%s %s: maybe without saying what was assumed", tt.op, tt.key)
		}
	}
}

// TestConditionsAnd checks that operators and keys of one Condition element must all hold, and that the
// assumption text names the condition.
func TestConditionsAnd(t *testing.T) {
	a, _ := newCondition("StringEquals", "aws:SourceVpc", []string{"vpc-1"})
	b, _ := newCondition("Bool", "aws:SecureTransport", []string{"true"})
	cx := newCtxView(Context{"aws:SourceVpc": {"vpc-1"}}, nil, nil, nil, "", "")
	g, assumed := evalConditions([]Condition{a, b}, &cx)
	if g != maybe || len(assumed) != 1 || !strings.Contains(assumed[0], `Bool aws:SecureTransport ["true"]`) {
		t.Errorf("one known true, one unknown = %v %v, want maybe naming the Bool condition", g, assumed)
	}
	cx = newCtxView(Context{"aws:SourceVpc": {"vpc-2"}}, nil, nil, nil, "", "")
	if g, _ := evalConditions([]Condition{a, b}, &cx); g != no {
		t.Errorf("one false = %v, want no", g)
	}
	if _, err := newCondition("ForSomeValues:StringEquals", "k", nil); err == nil {
		t.Error("an unknown set operator must be an error")
	}
	if _, err := newCondition("NullIfExists", "k", nil); err == nil {
		t.Error("Null has no IfExists form")
	}
}
