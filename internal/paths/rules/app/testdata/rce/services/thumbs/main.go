// Command thumbs renders thumbnails of images it is pointed at.
//
// FIXTURE: command injection. The "src" query parameter is pasted into a shell command line, so
// GET /thumb?src=x;id runs "id" in the pod. The fix is exec.Command("convert", src, ...) without a shell,
// and a check that src is an image key.
package main

import (
	"net/http"
	"os/exec"
)

func thumbnail(w http.ResponseWriter, r *http.Request) {
	src := r.URL.Query().Get("src")
	out, err := exec.Command("sh", "-c", "convert "+src+" -resize 200x200 png:-").Output()
	if err != nil {
		http.Error(w, "cannot render", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(out)
}

func main() {
	http.HandleFunc("GET /thumb", thumbnail)
	_ = http.ListenAndServe(":8080", nil)
}
