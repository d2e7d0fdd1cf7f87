package vuln

import (
	"errors"
	"path/filepath"
)

// DefaultDir returns where Seam keeps its vulnerability database when neither --vuln-db nor seam.yaml says:
// $SEAM_CACHE_DIR/vulndb, else $XDG_CACHE_HOME/seam/vulndb, else $HOME/.cache/seam/vulndb. getenv is the
// process environment (injected, so tests and the CLI decide).
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv("SEAM_CACHE_DIR"); d != "" {
		return filepath.Join(d, "vulndb"), nil
	}
	if d := getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "seam", "vulndb"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "seam", "vulndb"), nil
	}
	return "", errors.New("no cache directory: set SEAM_CACHE_DIR or HOME, or give --vuln-db")
}
