// Fixture: net/http file serving under a document root.
//
// Right answer: ServeDoc is path traversal (a query parameter joined to the root reaches ServeFile);
// ServePath is safe (http.ServeFile refuses a request whose URL path has ".."); ReadDoc is safe (the
// cleaned path must stay under the root); Attachment is path traversal (a cookie names the file).
package static

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/srv/docs"

func Register() {
	http.HandleFunc("/docs", ServeDoc)
	http.HandleFunc("/docs/", ServePath)
	http.HandleFunc("/read", ReadDoc)
	http.Handle("/attachment", http.HandlerFunc(Attachment))
}

func ServeDoc(w http.ResponseWriter, r *http.Request) {
	http.ServeFile(w, r, filepath.Join(root, r.URL.Query().Get("file"))) // want: path-traversal
}

func ServePath(w http.ResponseWriter, r *http.Request) {
	http.ServeFile(w, r, filepath.Join(root, r.URL.Path)) // safe: ServeFile rejects ".." in r.URL.Path
}

func ReadDoc(w http.ResponseWriter, r *http.Request) {
	full := filepath.Join(root, r.FormValue("name"))
	if !strings.HasPrefix(full, root+string(os.PathSeparator)) {
		http.Error(w, "outside the document root", http.StatusBadRequest)
		return
	}
	data, err := os.ReadFile(full) // safe: containment check on the cleaned path
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}

func Attachment(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("last_export")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(filepath.Join("/var/exports", c.Value)) // want: path-traversal
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}
