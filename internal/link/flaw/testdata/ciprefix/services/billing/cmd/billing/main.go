package main

import (
	"net/http"

	"github.com/acme/billing/services/billing/internal/webhook"
)

func main() {
	http.HandleFunc("/webhooks/forward", webhook.Forward)
	_ = http.ListenAndServe(":8080", nil)
}
