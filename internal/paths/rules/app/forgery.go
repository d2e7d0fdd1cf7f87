package app

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/paths"
)

// requestForgery: an SSRF foothold turns reach to a workload into requests forged from it.
type requestForgery struct{}

func (requestForgery) Meta() paths.Meta {
	return paths.Meta{ID: "app.request-forgery", Title: "A request forgery flaw makes the service send the attacker's requests",
		Technique: "T1190", TechniqueName: "Exploit Public-Facing Application",
		// 0.9: a high-confidence SSRF (the URL reaches the HTTP client unchanged) needs one request.
		Likelihood: 0.9,
		Rationale: "a URL taken from the request and fetched by the service is sent from the service's network " +
			"position, past the firewalls that keep the attacker out",
		Control: "fix the flaw: allow-list the hosts the service may fetch, and refuse link-local and private addresses",
		From:    []paths.Kind{paths.Reach}, To: []paths.Kind{paths.Forge}}
}

func (requestForgery) Steps(c *paths.Context, s paths.State) []paths.Step {
	w, fhs := footholdsOfClass(c, s, isSSRF)
	var out []paths.Step
	for _, fh := range fhs {
		reason := fmt.Sprintf("%s: request input chooses the URL %s fetches, so the attacker sends requests from it", footholdName(c, fh), c.Name(w.ID))
		out = append(out, footholdStep(fh, paths.State{Kind: paths.Forge, Node: w.ID}, 1, reason))
	}
	return out
}

func isSSRF(c flaw.Class) bool { return c == flaw.SSRF }

// ssrfLocalFile: an SSRF foothold whose HTTP client follows file:// URLs reads the workload's files.
type ssrfLocalFile struct{}

func (ssrfLocalFile) Meta() paths.Meta {
	return paths.Meta{ID: "app.ssrf-local-file", Title: "A request forgery flaw reads local files through file:// URLs",
		Technique: "T1190", TechniqueName: "Exploit Public-Facing Application",
		// 0.8: a client that follows file:// returns the file as the response body; a little lower than the
		// forgery itself, as some applications check the response's content type.
		Likelihood: 0.8,
		Rationale: "PHP's stream functions, libcurl, Python's urllib and Java's URL open file:// URLs as readily " +
			"as http://, so an SSRF through them is also a path traversal",
		Control: "fix the flaw, and restrict the client to http and https",
		From:    []paths.Kind{paths.Reach}, To: []paths.Kind{paths.FileRead}}
}

func (ssrfLocalFile) Steps(c *paths.Context, s paths.State) []paths.Step {
	w, fhs := footholdsOfClass(c, s, isSSRF)
	var out []paths.Step
	for _, fh := range fhs {
		factor, assumed := fileScheme(c, fh)
		if factor == 0 {
			continue
		}
		reason := fmt.Sprintf("%s: its HTTP client opens file:// URLs, so the attacker reads files of %s", footholdName(c, fh), c.Name(w.ID))
		st := footholdStep(fh, paths.State{Kind: paths.FileRead, Node: w.ID}, factor, reason)
		if assumed != "" {
			st.Reason = fmt.Sprintf("%s: %s, so the attacker may read files of %s", footholdName(c, fh), assumed, c.Name(w.ID))
			st.Assumptions = append(st.Assumptions, assumed)
		}
		out = append(out, st)
	}
	return out
}

// fileSchemeSinks are sinks whose client opens file:// URLs by default (PHP manual "Supported Protocols and
// Wrappers"; libcurl CURLOPT_PROTOCOLS_STR, all protocols by default; Python urllib.request; java.net.URL).
var fileSchemeSinks = []string{"file_get_contents", "fopen", "readfile", "curl_exec", "curl_init", "urlopen",
	"urlretrieve", "openstream", "openconnection", "new url("}

// httpOnlySinks are clients known to refuse file:// URLs (Python requests, httpx, aiohttp; Guzzle restricts
// curl to http and https; Java 11 HttpClient, Spring's RestTemplate and WebClient, OkHttp).
var httpOnlySinks = []string{"requests.", "httpx.", "aiohttp", "guzzle", "httpclient", "resttemplate", "webclient", "okhttp"}

// httpOnlyLanguages are languages whose standard HTTP clients speak no file:// (Go net/http; Node's http,
// fetch and the common libraries).
var httpOnlyLanguages = map[string]bool{"go": true, "javascript": true, "typescript": true}

// fileScheme says how much of an SSRF foothold's likelihood becomes file reads: 0.9 when its sink is known to
// open file:// URLs, 0 when its language or sink is known not to, and 0.25 with the assumption when Seam
// cannot tell.
func fileScheme(c *paths.Context, fh paths.Foothold) (float64, string) {
	n := c.Node(fh.Node)
	if n == nil {
		return 0.25, "the HTTP client of " + fh.Node + " is not known; assumed it may open file:// URLs"
	}
	lang := strings.ToLower(attrString(n.Attrs, "language"))
	sink := strings.ToLower(attrString(n.Attrs, "sink"))
	if httpOnlyLanguages[lang] {
		return 0, ""
	}
	for _, s := range httpOnlySinks {
		if strings.Contains(sink, s) {
			return 0, ""
		}
	}
	for _, s := range fileSchemeSinks {
		if strings.Contains(sink, s) {
			return 0.9, ""
		}
	}
	return 0.25, fmt.Sprintf("whether the client of %s (%s) opens file:// URLs is not known; assumed it may",
		orDefault(attrString(n.Attrs, "sink"), "an unknown sink"), orDefault(lang, "unknown language"))
}
