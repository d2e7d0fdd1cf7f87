// Package redact holds the rules every extractor shares for values Seam must never store: a password inside a
// URL is replaced by model.Redacted wherever it appears (a Terraform attribute, a plan value, a container's
// environment, a Dockerfile ENV).
package redact

import (
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// urlPassword matches the password in a URL's user info (postgres://user:pass@host/db).
var urlPassword = regexp.MustCompile(`(://[^/@\s:]*:)[^/@\s]+@`)

// URL returns s with the password of every URL in it replaced by model.Redacted.
func URL(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlPassword.ReplaceAllString(s, "${1}"+model.Redacted+"@")
}

// URLHasPassword reports whether s holds a URL whose user info has a password part.
func URLHasPassword(s string) bool {
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			return false
		}
		s = s[i+3:]
		authority := s
		if j := strings.IndexAny(authority, "/ \t"); j >= 0 {
			authority = authority[:j]
		}
		if at := strings.LastIndex(authority, "@"); at >= 0 && strings.Contains(authority[:at], ":") {
			return true
		}
	}
}
