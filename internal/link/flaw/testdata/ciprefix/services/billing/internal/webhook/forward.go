// Package webhook relays payment provider callbacks to the endpoints merchants register.
package webhook

import (
	"net/http"
)

// Forward relays a callback to the URL the merchant registered.
//
// Fixture: gosec G107 on line 18, reported by a CI run under /home/runner/work/billing/billing/.
func Forward(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("callback")
	if target == "" {
		http.Error(w, "callback required", http.StatusBadRequest)
		return
	}
	// #nosec is not set: the URL is the merchant's.
	resp, err := http.Get(target)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
