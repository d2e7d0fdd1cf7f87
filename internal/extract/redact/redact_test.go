package redact

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct {
		in, want string
		has      bool
	}{
		{"postgres://app:s3cret@db.internal:5432/orders", "postgres://app:[redacted]@db.internal:5432/orders", true},
		{"redis://:pw@cache:6379", "redis://:[redacted]@cache:6379", true},                  // password without a user
		{"https://user@github.com/acme/x.git", "https://user@github.com/acme/x.git", false}, // user, no password
		{"https://example.com/a:b@c", "https://example.com/a:b@c", false},                   // '@' in the path, not user info
		{"a=http://x:y@h1 b=http://p:q@h2", "a=http://x:[redacted]@h1 b=http://p:[redacted]@h2", true},
		{"no url here", "no url here", false},
	}
	for _, tt := range tests {
		if got := URL(tt.in); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := URLHasPassword(tt.in); got != tt.has {
			t.Errorf("URLHasPassword(%q) = %v, want %v", tt.in, got, tt.has)
		}
	}
}

func TestValueMasksAWSKeyIDs(t *testing.T) {
	in := "AWS_ACCESS_KEY_ID=AKIAQWB5PDKHX6PYGPAN and postgres://app:hunter2@db/x"
	got := Value(in)
	if strings.Contains(got, "AKIAQWB5PDKHX6PYGPAN") || strings.Contains(got, "hunter2") {
		t.Fatalf("Value(%q) = %q: a credential part is left", in, got)
	}
	masked := MaskKeyID("AKIAQWB5PDKHX6PYGPAN")
	if !strings.Contains(got, masked) || !strings.HasPrefix(masked, "AKIA…(20) sha256:") {
		t.Errorf("Value = %q, want it to hold %q", got, masked)
	}
	if h := KeyIDHash(masked); h == "" || h != KeyIDHash(Value("AKIAQWB5PDKHX6PYGPAN")) {
		t.Errorf("KeyIDHash(%q) = %q: the same key must give the same hash", masked, h)
	}
	if got := Value("AKIANOTAKEY"); got != "AKIANOTAKEY" {
		t.Errorf("a short word is not a key ID: got %q", got)
	}
}
