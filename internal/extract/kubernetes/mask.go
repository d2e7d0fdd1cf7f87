package kubernetes

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// Seam never stores a secret value. In manifests secrets hide in literal env values, container arguments
// (--db-password=…), the last-applied-configuration annotation (a copy of the whole object, Secret data
// included) and the bodies of custom resources; this file decides what to leave out.

// masked is the value stored in place of one that may be a secret.
const masked = model.Redacted

// secretWords are the name fragments that mark a value that must never be stored.
var secretWords = []string{"PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE", "CERT", "DSN"}

// secretName reports whether a variable, flag or field name looks like it holds a secret.
func secretName(name string) bool {
	upper := strings.ToUpper(name)
	for _, w := range secretWords {
		if strings.Contains(upper, w) {
			return true
		}
	}
	return false
}

// secretLike reports whether a name/value pair must be masked: the name looks secret, or the value is a URL
// with a password in it (postgres://user:pass@host/db).
func secretLike(name, val string) bool {
	return secretName(name) || redact.URLHasPassword(val)
}

// maskArgs masks the values of secret-looking flags in a command or argument list: "--password=x" keeps its
// flag, "--token x" loses the following word, and any word holding a URL with a password is masked whole.
func maskArgs(args []string) []any {
	if len(args) == 0 {
		return nil
	}
	out := make([]any, len(args))
	maskNext := false
	for i, a := range args {
		switch {
		case maskNext:
			out[i] = masked
			maskNext = false
		case strings.HasPrefix(a, "-"):
			flag, val, hasValue := strings.Cut(a, "=")
			switch {
			case hasValue && (secretName(flag) || redact.URLHasPassword(val)):
				out[i] = flag + "=" + masked
			case redact.URLHasPassword(a):
				out[i] = masked
			case !hasValue && secretName(flag):
				out[i] = a
				maskNext = true
			default:
				out[i] = a
			}
		case redact.URLHasPassword(a):
			out[i] = masked
		default:
			out[i] = a
		}
	}
	return out
}

// lastApplied is the annotation kubectl writes with a JSON copy of the whole object.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// annotationsAttr renders annotations, leaving out the values that may hold secrets: the last-applied copy of
// the object, and keys naming a password, token or credential.
func annotationsAttr(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		upper := strings.ToUpper(k)
		switch {
		case k == lastApplied, strings.Contains(upper, "PASSWORD"), strings.Contains(upper, "TOKEN"),
			strings.Contains(upper, "CREDENTIAL"), redact.URLHasPassword(v):
			out[k] = masked
		default:
			out[k] = v
		}
	}
	return out
}

// dataFields are the fields of custom resources that commonly carry secret material whole (SealedSecret,
// ExternalSecret templates, Vault and cert-manager resources); only their keys are kept.
var dataFields = map[string]bool{"data": true, "stringData": true, "binaryData": true, "encryptedData": true}

// maskBody returns a copy of a generic object body with secret-looking values masked: data-like maps keep their
// keys only, and scalar values under secret-looking keys are replaced (keys naming a reference — …Name, …Ref,
// …Path — are kept, since they name a secret rather than hold one).
func maskBody(v any, depth int) any {
	if depth > maxDepth {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			switch {
			case dataFields[k]:
				out[k] = keysOnly(val)
			case isScalar(val) && val != nil && secretName(k) && !referenceName(k):
				out[k] = masked
			default:
				out[k] = maskBody(val, depth+1)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = maskBody(val, depth+1)
		}
		return out
	case string:
		if redact.URLHasPassword(x) {
			return masked
		}
	}
	return v
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

func referenceName(k string) bool {
	lower := strings.ToLower(k)
	for _, s := range []string{"name", "names", "ref", "refs", "path"} {
		if strings.HasSuffix(lower, s) && lower != s {
			return true
		}
	}
	return false
}

// keysOnly replaces the values of a map with masked, keeping its keys; anything else is masked whole.
func keysOnly(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil
		}
		return masked
	}
	out := make(map[string]any, len(m))
	for k := range m {
		out[k] = masked
	}
	return out
}
