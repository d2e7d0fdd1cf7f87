// Command proxy fetches remote images for the thumbnail service, from the image CDNs it knows only.
package main

import (
	"io"
	"net/http"
	"net/url"
)

// allowedHosts are the image CDNs the proxy may fetch from.
var allowedHosts = map[string]bool{"images.example-cdn.com": true, "static.example-cdn.com": true}

func fetch(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("url"))
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Host] {
		http.Error(w, "not an allowed image URL", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(u.String())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func main() {
	http.HandleFunc("/fetch", fetch)
	_ = http.ListenAndServe(":8080", nil)
}
