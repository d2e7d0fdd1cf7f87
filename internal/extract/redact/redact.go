// Package redact holds the rules every extractor shares for values Seam must never store: a password inside a
// URL is replaced by model.Redacted wherever it appears (a Terraform attribute, a plan value, a container's
// environment, a Dockerfile ENV).
package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
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

// awsKeyID matches an AWS access key ID (long-term AKIA, temporary ASIA): AWS does not treat the ID as secret,
// but together with the secret key beside it, it is a credential, and Seam prints no credential part.
var awsKeyID = regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z2-7]{16}\b`)

// Value returns s with the password of every URL masked (as URL does) and every AWS access key ID replaced by
// MaskKeyID's form, which keeps a hash so that the link stage can still join a key found in a file with the
// aws_iam_access_key a Terraform state names.
func Value(s string) string {
	s = URL(s)
	if !strings.Contains(s, "AKIA") && !strings.Contains(s, "ASIA") {
		return s
	}
	return awsKeyID.ReplaceAllStringFunc(s, MaskKeyID)
}

// MaskKeyID masks an AWS access key ID: its first four characters, its length and "sha256:" with the first
// 16 hex digits of its SHA-256 — "AKIA…(20) sha256:3f1c…".
func MaskKeyID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return id[:4] + "…(" + strconv.Itoa(len(id)) + ") sha256:" + hex.EncodeToString(sum[:8])
}

// KeyIDHash returns the hash MaskKeyID embeds in a masked key ID ("sha256:…"), or "" when s is not one.
func KeyIDHash(s string) string {
	if i := strings.Index(s, ") sha256:"); i > 0 && strings.Contains(s[:i], "…(") {
		return s[i+2:]
	}
	return ""
}
