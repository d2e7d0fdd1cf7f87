// Fixture: import names. gopkg.in/yaml.v3 is imported as y and y.Unmarshal called (line 19); the dot
// import of github.com/acme/tmpl makes a bare Render call (line 20); github.com/lib/pq is imported blank;
// github.com/mattn/go-sqlite3 is used under its package name sqlite3 (line 21).
// Expected: {yaml.v3, [Unmarshal]} reachable at config.go:19; {tmpl, [Render]} reachable at config.go:20;
// {pq, [Open]} not reachable (blank import); {pq, []} reachable; {go-sqlite3, [Version]} reachable at
// config.go:21; {yaml.v3, [Marshal]} not reachable.
package config

import (
	. "github.com/acme/tmpl"
	_ "github.com/lib/pq"
	"github.com/mattn/go-sqlite3"
	y "gopkg.in/yaml.v3"
)

// Load reads a configuration.
func Load(b []byte) (map[string]any, error) {
	var m map[string]any
	err := y.Unmarshal(b, &m)
	_ = Render("x")
	_ = sqlite3.Version()
	return m, err
}
