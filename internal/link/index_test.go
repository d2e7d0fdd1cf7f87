package link

import "testing"

func TestMatchTokens(t *testing.T) {
	tests := []struct {
		s, concrete string
		want        bool
	}{
		{"arn:aws:iam::123456789012:role/api", "arn:aws:iam::123456789012:role/api", true},   // no token: equal
		{"arn:aws:iam::123456789012:role/api", "arn:aws:iam::123456789012:role/apis", false}, // no token: not equal
		{"arn:aws:iam::${account}:role/api", "arn:aws:iam::123456789012:role/api", true},     // account unknown
		{"arn:aws:iam::${account}:role/api", "arn:aws:iam::123456789012:role/web", false},    // literal part differs
		{"arn:aws:kms:${region}:${account}:key/${id}", "arn:aws:kms:eu-west-1:1:key/abc", true},
		{"${x}/uploads/*", "arn:aws:s3:::docs/uploads/*", true}, // leading token
		{"prefix-${x}", "prefix-", true},                        // a token may be empty
		{"prefix-${x}", "other", false},
		{"a${x}b${y}c", "aXbYc", true},
		{"a${x}b${y}c", "aXcYb", false},
	}
	for _, tt := range tests {
		if got := MatchTokens(tt.s, tt.concrete); got != tt.want {
			t.Errorf("MatchTokens(%q, %q) = %v, want %v", tt.s, tt.concrete, got, tt.want)
		}
	}
}

func TestTemplateBody(t *testing.T) {
	parts, ok := templateBody("${aws_s3_bucket.docs.arn}/*")
	if !ok || len(parts) != 2 || !parts[0].interp || parts[0].text != "aws_s3_bucket.docs.arn" || parts[1].text != "/*" {
		t.Errorf("templateBody = %+v, %v", parts, ok)
	}
	if _, ok := templateBody("plain"); ok {
		t.Error("plain text is not a template")
	}
}
