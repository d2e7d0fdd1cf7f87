package cli

// seam db: download the vulnerability database (update) and say what is there (status).
//
// Decisions:
//   - update builds the index inside the new directory before the swap (vuln.Build into <tmp>/.seam-index).
//     The index's fingerprint is of relative names, sizes and modification times, and a rename keeps all
//     three, so vuln.Open at the final path finds the index valid and never rebuilds it. Info.Source still
//     names the temporary directory it was built from; status therefore shows the database directory, never
//     Info.Source.
//   - Progress is one line per finished file with its size (deterministic, readable in CI logs); -q silences
//     it. Nothing is printed while bytes arrive.
//   - Exit codes: a bad flag, a non-https URL or a bad --ecosystem name is a usage error (2); a failed
//     download, checksum, lock or index is "could not run" (3) and says the previous database is unchanged.
//   - status of a missing database is not an error: it says so, says how to get one, and exits 0. A database
//     whose files differ from its manifest prints its status and then exits 3.
//   - The clock is SEAM_NOW when set (as for seam check), so manifests, index build times and ages are
//     reproducible in tests.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-sec/seam/internal/vuln"
	vulnupdate "github.com/seam-sec/seam/internal/vuln/update"
)

// Default feed URLs for seam db update, overridable with --kev-url and --epss-url.
const (
	// DefaultKEVURL is CISA's Known Exploited Vulnerabilities catalog in JSON, as linked from
	// https://www.cisa.gov/known-exploited-vulnerabilities-catalog.
	DefaultKEVURL = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
	// DefaultEPSSURL is the current day's EPSS scores (gzip CSV), as linked from https://www.first.org/epss/data_stats.
	DefaultEPSSURL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"
)

// dbHTTPClient, when set, is the client seam db update downloads with; tests point it at an httptest TLS
// server. nil: update's default client.
var dbHTTPClient *http.Client

func newDBCmd(env *Env, g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Download the vulnerability database and show what it holds",
		Long: `Db manages the OSV vulnerability database that scans match packages against: "seam db update"
downloads osv.dev's per-ecosystem exports (and CISA KEV and EPSS) over HTTPS and swaps them in atomically,
"seam db status" shows what is there. The default directory is $SEAM_CACHE_DIR/vulndb, else
$XDG_CACHE_HOME/seam/vulndb, else ~/.cache/seam/vulndb.`,
		Example: `  seam db update --ecosystem Go --ecosystem npm
  seam db status`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			return usageError{fmt.Errorf("db needs a subcommand: update or status")}
		},
	}
	cmd.AddCommand(newDBUpdateCmd(env, g), newDBStatusCmd(env))
	return cmd
}

// dbUpdateFlags are seam db update's flags.
type dbUpdateFlags struct {
	dir, url        string
	ecosystems      []string
	kevURL, epssURL string
	noFeeds         bool
	timeout         time.Duration
}

func newDBUpdateCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &dbUpdateFlags{}
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Download the OSV exports, KEV and EPSS into the vulnerability database",
		Long: `Update downloads <url>/<Ecosystem>/all.zip for each --ecosystem (default: every ecosystem in
<url>/ecosystems.txt), the CISA KEV catalog and the EPSS scores, checks lengths and the server's checksums,
builds the index, and only then replaces the database. Any failure leaves the previous database as it was.
Progress (one line per file) goes to stderr; -q silences it.`,
		Example: `  seam db update
  seam db update --ecosystem PyPI --ecosystem npm --no-feeds
  seam db update --dir ./vulndb --url https://mirror.example.com/osv`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDBUpdate(cmd.Context(), env, g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.dir, "dir", "", "database directory (default: $SEAM_CACHE_DIR/vulndb, else $XDG_CACHE_HOME/seam/vulndb, else ~/.cache/seam/vulndb)")
	fl.StringVar(&f.url, "url", vulnupdate.DefaultBaseURL, "base URL of the OSV exports (<url>/<Ecosystem>/all.zip)")
	fl.StringArrayVar(&f.ecosystems, "ecosystem", nil, "ecosystem to download, repeatable (default: all in <url>/ecosystems.txt)")
	fl.StringVar(&f.kevURL, "kev-url", DefaultKEVURL, "CISA KEV catalog (JSON)")
	fl.StringVar(&f.epssURL, "epss-url", DefaultEPSSURL, "EPSS scores (CSV, plain or gzip)")
	fl.BoolVar(&f.noFeeds, "no-feeds", false, "download neither KEV nor EPSS")
	fl.DurationVar(&f.timeout, "timeout", vulnupdate.DefaultTimeout, "time limit per file")
	return cmd
}

func runDBUpdate(ctx context.Context, env *Env, g *globalFlags, f *dbUpdateFlags) error {
	dir, err := dbDir(env, f.dir)
	if err != nil {
		return err
	}
	now, err := dbClock(env)
	if err != nil {
		return usageError{err}
	}
	opts := vulnupdate.Options{
		Dir: dir, BaseURL: f.url, Ecosystems: f.ecosystems, KEVURL: f.kevURL, EPSSURL: f.epssURL,
		Client: dbHTTPClient, Timeout: f.timeout, Now: now,
		Index: func(ctx context.Context, tmp string) error {
			_, err := vuln.BuildWith(ctx, tmp, filepath.Join(tmp, ".seam-index"), vuln.Options{Now: now})
			return err
		},
	}
	if f.noFeeds {
		opts.KEVURL, opts.EPSSURL = "", ""
	}
	if !g.quiet {
		opts.Progress = func(p vulnupdate.Progress) {
			if p.Done == p.Total {
				fmt.Fprintf(env.Stderr, "seam: fetched %s (%s)\n", p.File, byteSize(p.Done))
			}
		}
	}
	m, err := vulnupdate.Update(ctx, opts)
	if err != nil {
		return updateError(dir, f, err)
	}
	if g.quiet {
		return nil
	}
	db, err := vuln.Open(dir)
	if err != nil {
		return fmt.Errorf("db update: the new database does not open: %w", err)
	}
	defer db.Close()
	info := db.Info()
	_, err = fmt.Fprintf(env.Stderr, "seam: database at %s: %d files, %d advisories (%d vulnerabilities) in %d ecosystems\n",
		dir, len(m.Files), info.Advisories, info.Vulnerabilities, len(info.Ecosystems))
	return err
}

// updateError classes a failed update: how Seam was invoked (2) or what happened on the way (3).
func updateError(dir string, f *dbUpdateFlags, err error) error {
	if errors.Is(err, vulnupdate.ErrInsecure) || (errors.Is(err, vulnupdate.ErrBadList) && len(f.ecosystems) > 0) {
		return usageError{fmt.Errorf("db update: %w", err)}
	}
	if errors.Is(err, vulnupdate.ErrLocked) {
		return fmt.Errorf("db update: %w; try again when it has finished", err)
	}
	return fmt.Errorf("db update: %w; the database at %s is unchanged", err, dir)
}

// dbDir is --dir, else the default database directory.
func dbDir(env *Env, flagDir string) (string, error) {
	if flagDir != "" {
		return filepath.Clean(flagDir), nil
	}
	d, err := vuln.DefaultDir(env.Getenv)
	if err != nil {
		return "", usageError{fmt.Errorf("db: %w", err)}
	}
	return d, nil
}

// dbClock is SEAM_NOW as a fixed clock when set, else the wall clock.
func dbClock(env *Env) (func() time.Time, error) {
	if env.Getenv("SEAM_NOW") == "" {
		return time.Now, nil
	}
	t, err := checkClock(env)
	if err != nil {
		return nil, err
	}
	return func() time.Time { return t }, nil
}

// byteSize renders n bytes for people: 512 B, 1.5 KiB, 12.0 MiB.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// writeJSON writes v indented, with a final newline.
func writeJSON(env *Env, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(append(data, '\n'))
	return err
}

// exists reports whether path exists (a broken permission counts as existing: Open will say why).
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// dbStatus is what seam db status reports; its JSON form is `seam db status --format json`.
type dbStatus struct {
	Dir       string                    `json:"dir"`
	Present   bool                      `json:"present"`
	Hint      string                    `json:"hint,omitempty"`       // how to get a database, when there is none
	UpdatedAt *time.Time                `json:"updated_at,omitempty"` // from the manifest
	AgeHours  *float64                  `json:"age_hours,omitempty"`  // since the update, else since the index build
	Source    string                    `json:"source,omitempty"`     // the OSV base URL of the update
	Files     []vulnupdate.ManifestFile `json:"files,omitempty"`
	Integrity string                    `json:"integrity"` // "ok", "no manifest", or what differs
	Index     *dbIndexStatus            `json:"index,omitempty"`
}

// dbIndexStatus is the part of vuln.Info status shows (not its Source: see the package decisions).
type dbIndexStatus struct {
	BuiltAt         time.Time             `json:"built_at"`
	Advisories      int                   `json:"advisories"`
	Vulnerabilities int                   `json:"vulnerabilities"`
	Withdrawn       int                   `json:"withdrawn"`
	Malformed       int                   `json:"malformed"`
	Diagnostics     int                   `json:"diagnostics"`
	Ecosystems      []vuln.EcosystemCount `json:"ecosystems"`
}

func newDBStatusCmd(env *Env) *cobra.Command {
	var dir, format string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the vulnerability database: files, advisories per ecosystem, age, integrity",
		Long: `Status reads the database's manifest, re-checks every file's size and SHA-256 against it, opens the
index and prints the advisories per ecosystem, when the index was built and how old the data is. No database
is not an error: status says so and how to get one. Files that differ from the manifest exit 3.`,
		Example: `  seam db status
  seam db status --dir ./vulndb --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return usageError{fmt.Errorf("unknown format %q for db status (choose one of: json, table)", format)}
			}
			return runDBStatus(cmd.Context(), env, dir, format)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "database directory (default: as for seam db update)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func runDBStatus(ctx context.Context, env *Env, flagDir, format string) error {
	dir, err := dbDir(env, flagDir)
	if err != nil {
		return err
	}
	now, err := dbClock(env)
	if err != nil {
		return usageError{err}
	}
	st, err := readDBStatus(ctx, dir, now)
	if err != nil {
		return err
	}
	if !st.Present && flagDir != "" {
		st.Hint = "run seam db update --dir " + flagDir + " to download one (or give --vuln-db to a scan)"
	}
	if format == "json" {
		err = writeJSON(env, st)
	} else {
		err = writeDBStatus(env, st)
	}
	if err == nil && st.Present && st.Integrity != "ok" && st.Integrity != "no manifest" {
		err = fmt.Errorf("db status: %s; run seam db update to replace it", st.Integrity)
	}
	return err
}

// readDBStatus gathers the status of the database at dir. Opening a source without an index builds one, as
// a scan would, stamped with now.
func readDBStatus(ctx context.Context, dir string, now func() time.Time) (*dbStatus, error) {
	st := &dbStatus{Dir: dir}
	if !exists(dir) {
		st.Integrity = "no database"
		st.Hint = "run seam db update to download one (or give --vuln-db to a scan)"
		return st, nil
	}
	st.Present = true
	m, verr := vulnupdate.Verify(dir)
	switch {
	case m == nil && errors.Is(verr, os.ErrNotExist):
		st.Integrity = "no manifest"
	case m == nil:
		st.Integrity = verr.Error()
	case verr != nil:
		st.Integrity = verr.Error()
	default:
		st.Integrity = "ok"
	}
	if m != nil {
		t := m.UpdatedAt
		st.UpdatedAt, st.Source, st.Files = &t, m.Source, m.Files
	}
	db, err := vuln.OpenWith(ctx, dir, vuln.Options{Now: now})
	if err != nil {
		return nil, fmt.Errorf("db status: %w", err)
	}
	defer db.Close()
	info := db.Info()
	st.Index = &dbIndexStatus{
		BuiltAt: info.BuiltAt, Advisories: info.Advisories, Vulnerabilities: info.Vulnerabilities,
		Withdrawn: info.Withdrawn, Malformed: info.Malformed, Diagnostics: info.DiagnosticsTotal,
		Ecosystems: info.Ecosystems,
	}
	from := info.BuiltAt
	if st.UpdatedAt != nil {
		from = *st.UpdatedAt
	}
	age := now().Sub(from).Hours()
	st.AgeHours = &age
	return st, nil
}

// writeDBStatus prints the status as a few labelled lines and a table of ecosystems.
func writeDBStatus(env *Env, st *dbStatus) error {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "vulnerability database\t%s\n", st.Dir)
	if !st.Present {
		fmt.Fprintf(w, "status\tnone: %s\n", st.Hint)
		return w.Flush()
	}
	if st.UpdatedAt != nil {
		fmt.Fprintf(w, "updated\t%s (%s ago) from %s\n", st.UpdatedAt.Format(time.RFC3339), humanAge(*st.AgeHours), st.Source)
	} else {
		fmt.Fprintf(w, "updated\tunknown: not built by seam db update\n")
	}
	if st.Integrity == "ok" {
		fmt.Fprintf(w, "integrity\tok: %d files match the manifest's sizes and SHA-256\n", len(st.Files))
	} else {
		fmt.Fprintf(w, "integrity\t%s\n", st.Integrity)
	}
	ix := st.Index
	fmt.Fprintf(w, "index\tbuilt %s: %d advisories, %d vulnerabilities after merging aliases, %d withdrawn, %d malformed, %d diagnostics\n",
		ix.BuiltAt.Format(time.RFC3339), ix.Advisories, ix.Vulnerabilities, ix.Withdrawn, ix.Malformed, ix.Diagnostics)
	if st.UpdatedAt == nil {
		fmt.Fprintf(w, "age\t%s since the index was built\n", humanAge(*st.AgeHours))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return writeDBFiles(env, st)
}

// writeDBFiles prints advisories per ecosystem beside the downloaded file, then the feeds.
func writeDBFiles(env *Env, st *dbStatus) error {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\nECOSYSTEM\tADVISORIES\tFILE\tSIZE\tVERIFIED")
	files := map[string]vulnupdate.ManifestFile{}
	for _, f := range st.Files {
		if f.Kind == "osv" {
			files[f.Ecosystem] = f
		}
	}
	for _, e := range st.Index.Ecosystems {
		f, ok := files[e.Ecosystem]
		if !ok {
			fmt.Fprintf(w, "%s\t%d\t-\t-\t-\n", e.Ecosystem, e.Advisories)
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\n", e.Ecosystem, e.Advisories, f.Path, byteSize(f.Size), f.Verified)
	}
	for _, f := range st.Files {
		if f.Kind != "osv" {
			fmt.Fprintf(w, "%s feed\t-\t%s\t%s\t%s\n", f.Kind, f.Path, byteSize(f.Size), f.Verified)
		}
	}
	return w.Flush()
}

// humanAge renders hours as "3 hours", "2 days 4 hours".
func humanAge(h float64) string {
	if h < 0 {
		return "in the future: check the clock"
	}
	total := int(h)
	if total < 1 {
		return "less than an hour"
	}
	days, hours := total/24, total%24
	plural := func(n int, s string) string {
		if n == 1 {
			return "1 " + s
		}
		return fmt.Sprintf("%d %ss", n, s)
	}
	switch {
	case days == 0:
		return plural(hours, "hour")
	case hours == 0:
		return plural(days, "day")
	}
	return plural(days, "day") + " " + plural(hours, "hour")
}
