package redact

import "testing"

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
