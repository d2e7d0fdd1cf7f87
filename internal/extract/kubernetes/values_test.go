package kubernetes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfigValue(t *testing.T) {
	long := strings.Repeat("https://a.example,", 100)  // 1,800 bytes
	multi := "é" + strings.Repeat("x", maxConfigValue) // a two-byte rune at the start moves the cut
	tests := []struct {
		key, in, want string
	}{
		{"DOCUMENTS_BUCKET", "customer-documents", "customer-documents"},
		{"DB_PASSWORD", "hunter2", masked},                      // the key looks secret
		{"API_TOKEN", "", masked},                               // even an empty value
		{"SENTRY_DSN", "https://k@o1.ingest.example/1", masked}, // DSN is a secret word for names
		{"DB_URL", "postgres://app:pw@db:5432/x", "postgres://app:" + masked + "@db:5432/x"},
		{"app.yaml", "db:\n  host: db.internal\n  password: pw\n", "db:\n  host: db.internal\n  password: " + masked + "\n"},
		{"app.properties", "a=1\nclient.secret=abc", "a=1\nclient.secret=" + masked},
		{"JAVA_OPTS", "-Ddb.password=pw", "-Ddb.password=" + masked},
		{"settings.json", `{"timeout": 30, "apiKey": "k-123"}`, `{"apiKey":"` + masked + `","timeout":30}`},
		{"settings.json", `{"timeout": 30}`, `{"timeout": 30}`}, // nothing to mask: kept as written
		{"list.json", `[{"name": "a"}]`, `[{"name": "a"}]`},
		{"LOG_LEVEL", "level: info", "level: info"},
		{"ORIGINS", long, long[:maxConfigValue] + fmt.Sprintf(truncated, len(long))},
		{"TEXT", multi, multi[:maxConfigValue] + fmt.Sprintf(truncated, len(multi))},
	}
	for _, tt := range tests {
		if got := configValue(tt.key, tt.in); got != tt.want {
			t.Errorf("configValue(%q, %q):\n got %q\nwant %q", tt.key, tt.in, got, tt.want)
		}
	}
}

// TestSecretHints: stringData wins over data for the same key; values that are not valid UTF-8 or too long
// for a connection string are not inspected.
func TestSecretHints(t *testing.T) {
	data := map[string][]byte{
		"URL":    []byte("postgres://u:p@old.internal/x"),
		"BINARY": {0xff, 0xfe, 'p', 'o', 's', 't'},
		"LONG":   []byte("postgres://u:p@h.internal/" + strings.Repeat("x", maxHintInput)),
		"PLAIN":  []byte("hunter2"),
	}
	str := map[string]string{"URL": "postgres://u:p@new.internal:5432/y"}
	hints, keys := secretHints(data, str)
	want := map[string]any{"URL": map[string]any{"scheme": "postgres", "host": "new.internal", "port": 5432, "database": "y"}}
	if diff := cmp.Diff(want, hints); diff != "" || !cmp.Equal(keys, []string{"URL"}) {
		t.Errorf("hints (-want +got):\n%s\nkeys %v", diff, keys)
	}
	if h, k := secretHints(map[string][]byte{"A": []byte("x")}, nil); h != nil || k != nil {
		t.Errorf("no connection string: got %v %v", h, k)
	}
}

// TestConfigMapAndSecretAttributes runs the extractor over one manifest: the ConfigMap's data and lines, the
// Secret's hints and lines, label lines, and the value of no Secret anywhere.
func TestConfigMapAndSecretAttributes(t *testing.T) {
	f := extractMap(t, map[string]string{"m.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    team: data
data:
  BUCKET: b
binaryData:
  blob: AAAA
---
apiVersion: v1
kind: Secret
metadata:
  name: s
stringData:
  DSN: host=db.internal dbname=x password=MUST-NOT-LEAK
  TOKEN: MUST-NOT-LEAK
`})
	c := nodeByID(t, f, "k8s:default/ConfigMap/c")
	s := nodeByID(t, f, "k8s:default/Secret/s")
	got := map[string]any{"c.data": c.Attrs["data"], "c.lines": c.Attrs["lines"], "s.hints": s.Attrs["value_hints"],
		"s.lines": s.Attrs["lines"]}
	want := map[string]any{
		"c.data":  map[string]any{"BUCKET": "b"},
		"c.lines": map[string]any{"metadata.labels.team": 6, "data": 7, "data.BUCKET": 8, "binaryData": 9},
		"s.hints": map[string]any{"DSN": map[string]any{"scheme": "postgres", "host": "db.internal", "database": "x"}},
		"s.lines": map[string]any{"stringData": 16, "stringData.DSN": 17},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	if out := string(marshalFacts(t, f)); strings.Contains(out, "MUST-NOT-LEAK") || strings.Contains(out, "AAAA") {
		t.Errorf("facts hold a Secret value or binary data: %s", out)
	}
}
