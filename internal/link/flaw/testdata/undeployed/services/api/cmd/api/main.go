package main

import (
	"net/http"

	"github.com/acme/shop/services/api/internal/handlers"
)

func main() {
	http.HandleFunc("/fetch", handlers.Fetch)
	_ = http.ListenAndServe(":8080", nil)
}
