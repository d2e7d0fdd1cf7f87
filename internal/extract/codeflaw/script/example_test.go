package script

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWebshopExample runs the detector on the example system's JavaScript and Python services. The right
// answer is no finding in either, and this test says why:
//
//   - services/storefront/server.js reads req.query.category and req.body, but only sends them to the api
//     service through an axios instance whose URLs are constant paths ("/api/v1/products" on the baseURL
//     from API_URL), as query parameters and a JSON body: input never chooses the host. The HTML it builds
//     escapes the category; cross-site scripting is not a foothold class. So no SSRF and no injection.
//   - services/worker/worker.py handles no request: it polls S3 for uploads and inserts their metadata with
//     a parameterised cursor.execute. Its weakness (AWS keys baked into the image) is the secrets
//     detector's, not this one's.
//
// The example's code flaws are in the Go api service (SSRF in preview.go, SQL injection in products.go),
// which the Go detector reads.
func TestWebshopExample(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "examples", "webshop")
	for _, p := range []string{"services/storefront/server.js", "services/worker/worker.py"} {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		findings, problems := New().Detect(p, src)
		if len(findings) != 0 || len(problems) != 0 {
			t.Errorf("%s: findings %+v, problems %+v; want none", p, findings, problems)
		}
	}
}

// TestWebshopStorefrontHandlers checks the storefront's handlers are found, so that "no finding" above
// means the input was followed and judged safe, not that the handlers were missed.
func TestWebshopStorefrontHandlers(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "examples", "webshop", "services", "storefront", "server.js"))
	if err != nil {
		t.Fatal(err)
	}
	lang, language, f := parse("services/storefront/server.js", src)
	fc := &fileCtx{path: "services/storefront/server.js", src: src, language: language, aliases: map[string]string{}, imports: map[string]bool{}}
	var routes []string
	for _, u := range lang.prepare(fc, f) {
		routes = append(routes, u.route)
	}
	want := map[string]bool{"GET /healthz": true, "GET /": true, "POST /checkout": true}
	for _, r := range routes {
		delete(want, r)
	}
	if len(want) > 0 {
		t.Errorf("handlers found for routes %v; missing %v", routes, want)
	}
	if fc.aliases["api"] != "axios" {
		t.Errorf("the axios instance is %q, want axios", fc.aliases["api"])
	}
}
