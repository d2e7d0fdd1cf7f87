// Command billing charges cards; the reports service calls it to reconcile.
//
// FIXTURE: command injection behind a NetworkPolicy: only the reports pods reach it, and the api's forged
// requests do not.
package main

import (
	"net/http"
	"os/exec"
)

func reconcile(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("sh", "-c", "reconcile --day "+r.URL.Query().Get("day")).CombinedOutput()
	_, _ = w.Write(out)
}

func main() {
	http.HandleFunc("POST /reconcile", reconcile)
	_ = http.ListenAndServe(":8080", nil)
}
