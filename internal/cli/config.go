package cli

import (
	"io/fs"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/model"
)

// configError marks an invalid seam.yaml; it maps to ExitUsage.
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// loadedConfig is what the CLI takes from seam.yaml.
type loadedConfig struct {
	maxFileSize int64
	ignore      []string
	varFiles    []string
	workers     int
	facts       model.Facts
}

// loadConfig finds and validates seam.yaml.
// TODO(#2): wire internal/config once it lands.
func loadConfig(fsys fs.FS, path string, env *Env) (*loadedConfig, error) {
	_ = fsys
	_ = path
	_ = env
	return &loadedConfig{}, nil
}

// scanOptions merges flags over seam.yaml settings.
func scanOptions(f *scanFlags, cfg *loadedConfig) (engine.Options, error) {
	opt := engine.Options{
		MaxFileSize: cfg.maxFileSize,
		Ignore:      cfg.ignore,
		VarFiles:    append(append([]string(nil), cfg.varFiles...), f.varFiles...),
		Workers:     cfg.workers,
		ExtraFacts:  []model.Facts{cfg.facts},
	}
	if f.maxFileSize != "" {
		n, err := parseSize(f.maxFileSize)
		if err != nil {
			return opt, usageError{err}
		}
		opt.MaxFileSize = n
	}
	if f.workers > 0 {
		opt.Workers = f.workers
	}
	return opt, nil
}
