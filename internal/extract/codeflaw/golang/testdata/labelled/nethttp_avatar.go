// Fixture: avatar import from a URL, guarded by a host allow-list in two of the common forms.
//
// Right answer: ImportAvatar and ImportBanner are safe (url.Parse, then the parsed host is checked against
// an allow-list — a map and a switch whose default returns); ImportLegacy is SSRF (it checks the scheme
// only, so any host is fetched).
package avatars

import (
	"io"
	"net/http"
	"net/url"
)

var allowedHosts = map[string]bool{"images.example.com": true, "cdn.example.net": true}

func ImportAvatar(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("src")
	u, err := url.Parse(raw)
	if err != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(u.String()) // safe: allow-listed host (map)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 2<<20))
}

func ImportBanner(w http.ResponseWriter, r *http.Request) {
	raw := r.FormValue("banner")
	u, err := url.Parse(raw)
	if err != nil {
		http.Error(w, "bad url", http.StatusBadRequest)
		return
	}
	switch u.Host {
	case "images.example.com", "cdn.example.net":
	default:
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(raw) // safe: allow-listed host (switch with a default that returns)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 2<<20))
}

func ImportLegacy(w http.ResponseWriter, r *http.Request) {
	raw := r.FormValue("src")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		http.Error(w, "https only", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(u.String()) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 2<<20))
}
