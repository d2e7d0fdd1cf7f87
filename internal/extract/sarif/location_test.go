package sarif

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestResolvePath covers the URI forms tools write and what an extractor can and cannot place.
func TestResolvePath(t *testing.T) {
	bases := map[string]artifactLocation{
		"%SRCROOT%":   {URI: "file:///home/runner/work/shop/shop/"},  // CodeQL/GitHub: the checkout, absolute
		"SRCROOT":     {},                                            // declared without a value: the checkout
		"API":         {URI: "services/api/", URIBaseID: "REPOROOT"}, // a base relative to another base
		"REPOROOT":    {URI: ""},
		"LOOP":        {URI: "x/", URIBaseID: "LOOP"}, // a cycle stops after maxBaseDepth
		"WINDOWSROOT": {URI: "file:///C:/agent/_work/1/s/"},
	}
	tests := []struct {
		name string
		loc  artifactLocation
		want filePath
	}{
		{"plain relative", artifactLocation{URI: "services/api/main.go"}, filePath{path: "services/api/main.go", resolved: true}},
		{"leading ./ (Bandit, Semgrep)", artifactLocation{URI: "./services/worker/worker.py"}, filePath{path: "services/worker/worker.py", resolved: true}},
		{"percent-escaped", artifactLocation{URI: "docs/my%20notes/app.py"}, filePath{path: "docs/my notes/app.py", resolved: true}},
		{"undefined base is the checkout", artifactLocation{URI: "a/b.go", URIBaseID: "%UNDEFINED%"}, filePath{path: "a/b.go", resolved: true}},
		{"base without a value", artifactLocation{URI: "a/b.go", URIBaseID: "SRCROOT"}, filePath{path: "a/b.go", resolved: true}},
		{"absolute base assumed the checkout", artifactLocation{URI: "services/api/x.go", URIBaseID: "%SRCROOT%"},
			filePath{path: "services/api/x.go", resolved: true, baseAssumed: "%SRCROOT% = file:///home/runner/work/shop/shop/"}},
		{"relative base chain", artifactLocation{URI: "cmd/main.go", URIBaseID: "API"}, filePath{path: "services/api/cmd/main.go", resolved: true}},
		{"base cycle", artifactLocation{URI: "a.go", URIBaseID: "LOOP"}, filePath{path: "x/x/x/x/x/x/x/x/a.go", resolved: true}},
		{"file URI (gosec, absolute)", artifactLocation{URI: "file:///home/runner/work/shop/shop/services/api/x.go"},
			filePath{path: "/home/runner/work/shop/shop/services/api/x.go"}},
		{"absolute path", artifactLocation{URI: "/builds/acme/shop/app.py"}, filePath{path: "/builds/acme/shop/app.py"}},
		{"Windows path", artifactLocation{URI: `C:\agent\_work\1\s\src\Api\Program.cs`}, filePath{path: "/agent/_work/1/s/src/Api/Program.cs"}},
		{"Windows file URI", artifactLocation{URI: "file:///C:/agent/_work/1/s/src/app.py"}, filePath{path: "/agent/_work/1/s/src/app.py"}},
		{"leaves the root", artifactLocation{URI: "../../shop/services/api/x.go"}, filePath{path: "../../shop/services/api/x.go"}},
		{"https URI", artifactLocation{URI: "https://github.com/acme/shop/blob/main/x.go"}, filePath{path: "/acme/shop/blob/main/x.go"}},
		{"the root itself", artifactLocation{URI: "./"}, filePath{}},
		{"empty", artifactLocation{}, filePath{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolvePath(tt.loc, bases)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(filePath{})); diff != "" {
				t.Errorf("resolvePath(%+v) (-want +got):\n%s", tt.loc, diff)
			}
		})
	}
}
