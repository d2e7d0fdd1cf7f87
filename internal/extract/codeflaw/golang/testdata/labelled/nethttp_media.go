// Fixture: a net/http media service that shells out to compression tools.
//
// Right answer: Transcode is command injection (the program name comes from the form); Pack is safe (a
// switch whose cases are constants and whose default returns); Thumbnail is safe (the input is a
// positional parameter after the sh -c script, not part of it).
package media

import (
	"net/http"
	"os/exec"
)

func Transcode(w http.ResponseWriter, r *http.Request) {
	tool := r.PostFormValue("tool")
	args := []string{"-i", "/data/in.wav", "/data/out.mp3"}
	if err := exec.CommandContext(r.Context(), tool, args...).Run(); err != nil { // want: command-injection
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func Pack(w http.ResponseWriter, r *http.Request) {
	tool := r.PostFormValue("tool")
	switch tool {
	case "gzip", "zstd":
	default:
		http.Error(w, "unsupported", http.StatusBadRequest)
		return
	}
	if err := exec.CommandContext(r.Context(), tool, "-k", "/data/out.mp3").Run(); err != nil { // safe: switch allow-list
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func Thumbnail(w http.ResponseWriter, r *http.Request) {
	size := r.URL.Query().Get("size")
	cmd := exec.Command("sh", "-c", `convert /data/in.png -resize "$1" /data/thumb.png`, "sh", size) // safe: positional parameter, not script text
	if err := cmd.Run(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
