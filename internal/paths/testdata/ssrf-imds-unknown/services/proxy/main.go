// Command proxy fetches remote images for the thumbnail service.
package main

import (
	"io"
	"net/http"
)

func fetch(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	resp, err := http.Get(target)
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
