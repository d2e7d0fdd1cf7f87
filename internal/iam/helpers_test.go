package iam

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture reads testdata/policies/<name>, dropping the comment lines ("// ...") each fixture starts with.
func fixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "policies", name))
	if err != nil {
		t.Fatal(err)
	}
	return stripComments(string(data))
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// policy parses a document for a test, failing on any problem; node names it in results.
func policy(t testing.TB, node, doc string) *Policy {
	t.Helper()
	p, probs := ParsePolicy(doc, Source{Place: Place{Node: node, File: node + ".tf", Line: 1}}, nil)
	if len(probs) > 0 {
		t.Fatalf("%s: %v", node, probs)
	}
	return &p
}

const acct = "123456789012"

func role(name string, pols ...*Policy) *Principal {
	return &Principal{ID: "role." + name, Kind: PrincipalRole, ARN: "arn:aws:iam::" + acct + ":role/" + name, Policies: pols}
}

func user(name string, pols ...*Policy) *Principal {
	return &Principal{ID: "user." + name, Kind: PrincipalUser, ARN: "arn:aws:iam::" + acct + ":user/" + name, Policies: pols}
}

// bucket is an S3 bucket resource with its objects as contents.
func bucket(name string, pol *Policy) *Resource {
	return &Resource{ID: "bucket." + name, ARN: "arn:aws:s3:::" + name, Type: "s3:bucket", Account: acct, Policy: pol,
		Contents: []Target{{ARN: "arn:aws:s3:::" + name + "/*", Type: "s3:object"}}}
}

// refs renders statement references as "node#index".
func refs(rs []StatementRef) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Source.Node+"#"+itoa(r.Index))
	}
	return out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
