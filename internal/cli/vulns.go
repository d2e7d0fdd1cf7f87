package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/extract/cyclonedx"
	"github.com/seam-sec/seam/internal/extract/vex"
	"github.com/seam-sec/seam/internal/extract/vulnreport"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/vuln"
	"github.com/seam-sec/seam/internal/vuln/feeds"
)

// vulnFlags are the flags that bring known-vulnerability data into a scan.
type vulnFlags struct {
	vulnDB  string
	kev     string
	epss    string
	imports []string
}

func (f *vulnFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.vulnDB, "vuln-db", "", "OSV database: a directory of OSV JSON, a zip export, a directory of zips, or what seam db update built (default: seam.yaml vuln_db.path, else the cache)")
	fl.StringVar(&f.kev, "kev", "", "CISA Known Exploited Vulnerabilities catalogue (JSON)")
	fl.StringVar(&f.epss, "epss", "", "FIRST EPSS scores (CSV, optionally gzip-compressed)")
	fl.StringArrayVar(&f.imports, "import", nil, "osv-scanner, Trivy or Grype JSON, a CycloneDX SBOM or VEX, or an OpenVEX document to import (repeatable; the file may be outside PATH)")
}

// addInputs adds what the command line and seam.yaml bring besides the scanned files: SARIF and other tools'
// reports, the vulnerability database and the KEV and EPSS feeds. root is the first scanned PATH, against
// which seam.yaml's paths are resolved. The returned function closes the database.
func addInputs(env *Env, f *scanFlags, cfg *config.Config, root string, opt *engine.Options) (func(), error) {
	for _, name := range f.sarif {
		facts, err := readSARIF(name)
		if err != nil {
			return func() {}, err
		}
		opt.ExtraFacts = append(opt.ExtraFacts, facts)
	}
	for _, name := range f.imports {
		facts, err := readImport(name)
		if err != nil {
			return func() {}, err
		}
		opt.ExtraFacts = append(opt.ExtraFacts, facts)
	}
	opt.SecretsBaseline = f.secretsBaseline
	so, closeDB, err := vulnOptions(env, &f.vulnFlags, cfg, root)
	if err != nil {
		return func() {}, err
	}
	opt.Vulns = so
	return closeDB, nil
}

// vulnOptions opens the database and feeds. A database given explicitly (flag or seam.yaml) that does not
// exist is a usage error; the default cache missing is an info diagnostic and the scan goes on.
func vulnOptions(env *Env, f *vulnFlags, cfg *config.Config, root string) (*vuln.StageOptions, func(), error) {
	so := &vuln.StageOptions{}
	nothing := func() {}
	fromCfg := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, filepath.FromSlash(p))
	}
	dbPath, explicit := f.vulnDB, f.vulnDB != ""
	if !explicit && cfg.VulnDB.Path != "" {
		dbPath, explicit = fromCfg(cfg.VulnDB.Path), true
	}
	if !explicit {
		d, err := vuln.DefaultDir(env.Getenv)
		if err != nil {
			return so, nothing, nil
		}
		dbPath = d
	}
	// An OSV source named explicitly often lives in a repository (a mirror kept beside the code): its index
	// goes to the cache, never into the tree being scanned. The default database, which seam db update
	// built, keeps its index inside it.
	var opts vuln.Options
	if explicit {
		opts.CacheDir = filepath.Join(os.TempDir(), "seam-vulndb-index")
		if d, err := vuln.DefaultDir(env.Getenv); err == nil {
			opts.CacheDir = filepath.Join(filepath.Dir(d), "vulndb-index")
		}
	}
	st, statErr := os.Stat(dbPath)
	isDir := statErr == nil && st.IsDir()
	db, err := vuln.OpenWith(context.Background(), dbPath, opts)
	switch {
	case errors.Is(err, vuln.ErrNoDatabase) && !explicit:
		// no database yet: the stage says so in its detail
	case err != nil:
		return nil, nothing, usageError{fmt.Errorf("vulnerability database: %w", err)}
	default:
		so.DB = db
		if isDir {
			if rel, err := filepath.Rel(root, dbPath); err == nil && filepath.IsLocal(rel) {
				so.InRoot = filepath.ToSlash(rel)
			}
		}
	}
	closeDB := func() {
		if db != nil {
			db.Close()
		}
	}
	dir := dbPath // where kev.json and epss.csv(.gz) may sit beside the advisories
	if !isDir {
		dir = filepath.Dir(dbPath)
	}
	kev := firstOf(f.kev, fromCfg(cfg.VulnDB.KEV))
	if kev == "" && so.DB != nil {
		kev = existing(filepath.Join(dir, "kev.json"))
	}
	epss := firstOf(f.epss, fromCfg(cfg.VulnDB.EPSS))
	if epss == "" && so.DB != nil {
		epss = firstOf(existing(filepath.Join(dir, "epss.csv.gz")), existing(filepath.Join(dir, "epss.csv")))
	}
	if kev != "" {
		if so.KEV, err = readFeed(kev, feeds.ReadKEV); err != nil {
			closeDB()
			return nil, nothing, err
		}
	}
	if epss != "" {
		if so.EPSS, err = readFeed(epss, feeds.ReadEPSS); err != nil {
			closeDB()
			return nil, nothing, err
		}
	}
	return so, closeDB, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func existing(p string) string {
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// readFeed reads a KEV or EPSS file; a file that cannot be read at all is a usage error, a malformed row was
// reported by the reader and skipped.
func readFeed[T any](name string, read func(io.Reader, string) (*T, []model.Diagnostic, error)) (*T, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, usageError{err}
	}
	defer file.Close()
	v, _, err := read(file, filepath.Base(name))
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", name, err)}
	}
	return v, nil
}

// maxImport caps a file given with --import.
const maxImport = 256 << 20

// readImport reads a report, SBOM or VEX document given with --import, by what its content looks like.
func readImport(name string) (model.Facts, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return model.Facts{}, usageError{fmt.Errorf("--import: %w", err)}
	}
	if len(data) > maxImport {
		return model.Facts{}, usageError{fmt.Errorf("--import %s: %d bytes, over the %d MiB cap", name, len(data), maxImport>>20)}
	}
	head := data[:min(len(data), 64<<10)]
	switch {
	case vex.Sniff(head):
		return vex.Parse(name, bytes.NewReader(data)), nil
	case cyclonedx.Sniff(head):
		return cyclonedx.Parse(name, bytes.NewReader(data)), nil
	case vulnreport.Sniff(head):
		return vulnreport.Parse(name, bytes.NewReader(data)), nil
	}
	return model.Facts{}, usageError{fmt.Errorf("--import %s: not an osv-scanner, Trivy or Grype report, a CycloneDX document or an OpenVEX document", name)}
}
