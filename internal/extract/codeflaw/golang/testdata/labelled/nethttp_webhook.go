// Fixture: a net/http service that lets a customer test their webhook endpoint and shows the status page
// of an upstream provider. Handlers are registered in this file, so findings carry routes.
//
// Right answer: TestWebhook is SSRF (the callback URL from the form is sent with client.Do); UpstreamStatus
// is safe (the host is written by the program, the input is only a path element).
package webhooks

import (
	"bytes"
	"net/http"
	"net/url"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/test", TestWebhook)
	mux.HandleFunc("GET /upstream/{component}", UpstreamStatus)
}

// TestWebhook posts a sample event to the URL the customer configured.
func TestWebhook(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("callback")
	body := bytes.NewBufferString(`{"event":"ping"}`)
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, target, body)
	if err != nil {
		http.Error(w, "bad callback", http.StatusBadRequest)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// UpstreamStatus proxies the status of one component of the payment provider.
func UpstreamStatus(w http.ResponseWriter, r *http.Request) {
	component := r.PathValue("component")
	resp, err := http.Get("https://status.payments.example.com/api/v2/components/" + url.PathEscape(component)) // safe: fixed scheme and host
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
