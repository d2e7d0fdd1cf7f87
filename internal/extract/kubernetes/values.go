package kubernetes

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/seam-sec/seam/internal/extract/redact"
)

// ConfigMap values are configuration, not secrets, and the link stage needs them (a bucket name, a database
// host), so a ConfigMap keeps its data values in the attribute "data", with these exceptions:
//   - a key whose name looks secret (secretName) holds model.Redacted;
//   - a password inside a URL is redacted (redact.URL), the rest of the URL kept;
//   - inside a value, a "name: value" or "name=value" line, or a JSON document's member, whose name looks
//     secret has its value redacted (a config file in a ConfigMap may still carry a password);
//   - a value over maxConfigValue bytes keeps its first maxConfigValue bytes and a marker saying how long it was.
//
// binaryData keeps its key names only (in "keys"). "lines" records the line of each data key
// ("data.<key>").
//
// A Secret's values are never stored. For a key whose value is a connection string (dsnHint), the attribute
// "value_hints" holds {scheme, host, port, database}: what the Secret unlocks, not how. stringData and
// data (decoded from base64) are both inspected; stringData wins for a key in both, as the API server
// merges it. The decoded value is never kept. "lines" records the line of each hinted key.

// maxConfigValue is the longest ConfigMap value stored whole.
const maxConfigValue = 1024

// truncated is the marker that ends a shortened ConfigMap value.
const truncated = "…[truncated, %d bytes]"

// configData renders a ConfigMap's data values.
func configData(data map[string]string) map[string]any {
	if len(data) == 0 {
		return nil
	}
	out := make(map[string]any, len(data))
	for k, v := range data {
		out[k] = configValue(k, v)
	}
	return out
}

// configValue is what Seam stores of one ConfigMap value.
func configValue(key, v string) string {
	if secretName(key) {
		return masked
	}
	v = maskDocument(v)
	v = redact.Value(v)
	if len(v) > maxConfigValue {
		cut := maxConfigValue
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = v[:cut] + fmt.Sprintf(truncated, len(v))
	}
	return v
}

// maskDocument redacts the secret-looking members of a value that is a JSON document, and the values of
// secret-looking "name: value" / "name=value" lines of any other text.
func maskDocument(v string) string {
	if t := strings.TrimSpace(v); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		var doc any
		if err := json.Unmarshal([]byte(t), &doc); err == nil {
			if out, err := json.Marshal(maskBody(doc, 0)); err == nil {
				if string(out) == compactJSON(t) {
					return v // nothing masked: keep the value as written
				}
				return string(out)
			}
		}
	}
	if !strings.ContainsAny(v, ":=") {
		return v
	}
	lines := strings.Split(v, "\n")
	changed := false
	for i, l := range lines {
		if m, ok := maskLine(l); ok {
			lines[i], changed = m, true
		}
	}
	if !changed {
		return v
	}
	return strings.Join(lines, "\n")
}

// compactJSON re-encodes a JSON document without its formatting, for comparison.
func compactJSON(s string) string {
	var doc any
	if json.Unmarshal([]byte(s), &doc) != nil {
		return s
	}
	out, _ := json.Marshal(doc)
	return string(out)
}

// maskLine redacts the value of a "name: value" or "name=value" line whose name looks secret.
func maskLine(l string) (string, bool) {
	i := strings.IndexAny(l, ":=")
	if i <= 0 {
		return "", false
	}
	name := strings.Trim(strings.TrimSpace(l[:i]), `"'-`)
	value := strings.TrimSpace(l[i+1:])
	if name == "" || value == "" || value == masked || strings.ContainsAny(name, " \t") || !secretName(name) {
		return "", false
	}
	rest := l[i+1:]
	lead := rest[:len(rest)-len(strings.TrimLeft(rest, " \t"))]
	return l[:i+1] + lead + masked, true
}

// secretHints returns the value hints of a Secret's keys and the keys that have one, sorted.
func secretHints(data map[string][]byte, str map[string]string) (map[string]any, []string) {
	values := make(map[string]string, len(data)+len(str))
	for k, v := range data {
		if len(v) <= maxHintInput && utf8.Valid(v) {
			values[k] = string(v)
		}
	}
	for k, v := range str {
		values[k] = v
	}
	out := map[string]any{}
	var keys []string
	for k, v := range values {
		if h, ok := dsnHint(v); ok {
			out[k] = h
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(out) == 0 {
		return nil, nil
	}
	return out, keys
}
