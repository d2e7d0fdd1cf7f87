package link

import "strings"

// Strings reads an attribute that holds strings: a list ([]any as extractors and JSON give it, or
// []string) or a single string. Non-string and empty elements are skipped.
func Strings(v any) []string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
		return []string{x}
	case []string:
		out := make([]string, 0, len(x))
		for _, s := range x {
			if s != "" {
				out = append(out, s)
			}
		}
		return out
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// LiteralPrefix is the part of a glob before its first special character: every string the glob matches
// starts with it, so a prefix test can skip most candidates before the match.
func LiteralPrefix(glob string) string {
	if i := strings.IndexAny(glob, `*?[{\`); i >= 0 {
		return glob[:i]
	}
	return glob
}
