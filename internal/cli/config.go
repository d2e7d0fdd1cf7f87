package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/model"
)

// configError marks an invalid or unreadable seam.yaml; it maps to ExitUsage.
type configError struct{ err error }

func (e configError) Error() string {
	var ve *config.ValidationError
	if errors.As(e.err, &ve) {
		return "invalid configuration\n" + ve.Error()
	}
	return e.err.Error()
}
func (e configError) Unwrap() error { return e.err }

// loadConfig reads the configuration: --config when given (a path from the working directory), else seam.yaml
// at the scanned root (with several roots, the first root that has one). No file means the defaults.
func loadConfig(fsys fs.FS, roots, labels []string, flagPath string) (*config.Config, string, error) {
	if flagPath != "" {
		abs, err := filepath.Abs(flagPath)
		if err != nil {
			return nil, "", configError{err}
		}
		display := displayPath(flagPath)
		data, err := os.ReadFile(abs)
		if err != nil {
			return nil, "", configError{fmt.Errorf("read configuration: %w", err)}
		}
		cfg, err := config.Parse(display, data)
		if err != nil {
			return nil, "", configError{err}
		}
		return cfg, display, nil
	}
	prefixes := []string{""}
	if len(labels) > 1 {
		prefixes = prefixes[:0]
		for _, l := range labels {
			prefixes = append(prefixes, l+"/")
		}
	}
	for i, prefix := range prefixes {
		sub := fsys
		if prefix != "" {
			var err error
			if sub, err = fs.Sub(fsys, prefix[:len(prefix)-1]); err != nil {
				continue
			}
		}
		name, ok := config.Find(sub)
		if !ok {
			continue
		}
		cfg, err := config.Load(sub, name)
		if err != nil {
			return nil, "", configError{atRoot(err, roots[i])}
		}
		return cfg, prefix + name, nil
	}
	return config.Default(), "", nil
}

// scanOptions merges flags over seam.yaml settings.
func scanOptions(f *scanFlags, cfg *config.Config, cfgFile string) (engine.Options, error) {
	opt := engine.Options{
		MaxFileSize: cfg.MaxFileSize(),
		Ignore:      cfg.IgnoreGlobs(),
		VarFiles:    append(append([]string(nil), cfg.TerraformVarFiles()...), f.varFiles...),
		Workers:     cfg.Workers(),
		ExtraFacts:  []model.Facts{cfg.Facts(cfgFile)},
	}
	if f.maxFileSize != "" {
		n, err := config.ParseByteSize(f.maxFileSize)
		if err != nil || n <= 0 {
			return opt, usageError{fmt.Errorf("invalid --max-file-size %q (examples: 5MiB, 512KiB, 1048576)", f.maxFileSize)}
		}
		opt.MaxFileSize = n
	}
	if f.workers > 0 {
		opt.Workers = f.workers
	}
	return opt, nil
}

// atRoot rewrites the file of each problem to the path the user can open (the scanned root joined with the
// file), since inside the scan files are named relative to the root.
func atRoot(err error, root string) error {
	var ve *config.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &config.ValidationError{Problems: append([]config.Problem(nil), ve.Problems...)}
	for i := range out.Problems {
		out.Problems[i].File = filepath.ToSlash(filepath.Join(root, out.Problems[i].File))
	}
	return out
}
