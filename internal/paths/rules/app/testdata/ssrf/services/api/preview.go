// Package api serves the store's public API.
//
// FIXTURE: server-side request forgery. The "url" query parameter is fetched from inside the pod with no
// allow-list, so GET /preview?url=http://reports.store.svc/internal/report?region=... reaches services the
// internet cannot. The fix is an allow-list of image hosts and a dialer that refuses private addresses.
package api

import (
	"io"
	"net/http"
)

// Preview returns the image at the URL the merchant pasted.
func Preview(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(r.URL.Query().Get("url"))
	if err != nil {
		http.Error(w, "cannot fetch", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
