// Fixture: flows that pass through helper functions — where an intra-procedural analysis is weakest.
//
// Right answer: Preview is SSRF through a helper of the package whose return Seam assumes tainted (a
// medium-confidence finding); Mirror is SSRF, but the sink is in fetch, a helper without the request, so
// Seam misses it (a known false negative of the intra-procedural design); Checked is safe (isAllowedURL,
// declared here, allow-lists the parsed host, and Seam follows it); Guarded is safe too, but its policy
// type is declared in another file, so Seam cannot see the check and reports it (a known false positive:
// an unseen check is never assumed to be a sanitiser).
package helpers

import (
	"io"
	"net/http"
	"net/url"
)

func Preview(w http.ResponseWriter, r *http.Request) {
	target := targetFromRequest(r)
	resp, err := http.Get(target) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func Mirror(w http.ResponseWriter, r *http.Request) {
	body, err := fetch(r.URL.Query().Get("src"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_, _ = w.Write(body)
}

func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u) // want: ssrf
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func Checked(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("src")
	if !isAllowedURL(target) {
		http.Error(w, "not allowed", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(target) // safe: isAllowedURL allow-lists the host
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func isAllowedURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "https" && u.Host == "images.example.com"
}

// Fetcher's hostPolicy is declared in another file of the package.
type Fetcher struct{ policy hostPolicy }

func (f *Fetcher) Guarded(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("src"))
	if err != nil || !f.policy.Allows(u.Hostname()) {
		http.Error(w, "not allowed", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(u.String()) // safe: the policy allow-lists the host (declared in another file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func targetFromRequest(r *http.Request) string {
	if t := r.Header.Get("X-Preview-Target"); t != "" {
		return t
	}
	return r.URL.Query().Get("target")
}
