// Fixture: a net/http admin endpoint that evaluates scripts with yaegi and loads plugins.
//
// Right answer: EvalScript is code injection (the request body is evaluated); LoadPlugin is code
// injection (plugin.Open of a form value); LoadBuiltin is safe (a constant path).
package admin

import (
	"io"
	"net/http"
	"path/filepath"
	"plugin"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

const pluginDir = "/opt/app/plugins"

func EvalScript(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	i := interp.New(interp.Options{})
	_ = i.Use(stdlib.Symbols)
	if _, err := i.Eval(string(body)); err != nil { // want: code-injection
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func LoadPlugin(w http.ResponseWriter, r *http.Request) {
	p, err := plugin.Open(r.FormValue("plugin")) // want: code-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_ = p
}

func LoadBuiltin(w http.ResponseWriter, r *http.Request) {
	p, err := plugin.Open(filepath.Join(pluginDir, "builtin.so")) // safe: constant path
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = p
}
