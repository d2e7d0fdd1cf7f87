// Package feeds reads the two exploitation feeds Seam uses to weigh known vulnerabilities: CISA's Known
// Exploited Vulnerabilities catalog (JSON, https://www.cisa.gov/known-exploited-vulnerabilities-catalog) and
// FIRST's Exploit Prediction Scoring System scores (CSV, optionally gzip-compressed,
// https://www.first.org/epss/data_stats). Both are looked up by CVE ID.
//
// Decisions:
//
//   - Content problems are diagnostics, never errors: a malformed KEV entry or EPSS row is reported with its
//     file and line and skipped, and reading goes on. The error return is kept for the file as a whole: it
//     cannot be read, it is over the size cap, or it is not the format at all (no JSON object, gzip that does
//     not decompress). A KEV document that breaks off mid-way keeps the entries before the break.
//   - Size caps: 64 MiB for the KEV JSON (the real catalog is under 2 MB) and 512 MiB for the EPSS CSV after
//     decompression (the real file is about 15 MB for 300,000 CVEs), so a gzip bomb or a wrong file stops early.
//   - CVE IDs are checked (CVE-YYYY-NNNN…, four or more digits) and normalised to upper case; lookups accept
//     any case and surrounding space. A repeated CVE is a warning and the first entry wins, so the result does
//     not depend on which duplicate a map kept.
//   - EPSS probability and percentile must be numbers in 0–1. The header may order the columns differently;
//     percentile may be missing (the first EPSS files had none). A file without header is read as
//     cve,epss,percentile with a warning. The "#model_version:…,score_date:…" comment line is optional.
//   - KEV dates (dateAdded, dueDate) must be YYYY-MM-DD and knownRansomwareCampaignUse "Known" or "Unknown";
//     a bad one is a warning and the entry is kept (the CVE is still known exploited). Unknown JSON fields are
//     ignored: CISA adds fields from time to time.
package feeds

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// Size caps; see the package decisions.
const (
	MaxKEVBytes  = 64 << 20
	MaxEPSSBytes = 512 << 20
)

// ErrTooLarge is returned when a feed is over its size cap.
var ErrTooLarge = errors.New("feed over its size cap")

var cvePattern = regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,}$`)

// normalizeCVE trims and upper-cases a CVE ID and reports whether it is well formed.
func normalizeCVE(s string) (string, bool) {
	id := strings.ToUpper(strings.TrimSpace(s))
	return id, cvePattern.MatchString(id)
}

// readCapped reads all of r, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, name string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (%d bytes)", name, ErrTooLarge, max)
	}
	return data, nil
}

// diags collects diagnostics for one file.
type diags struct {
	file, extractor string
	list            []model.Diagnostic
}

func (d *diags) add(line int, sev model.Severity, format string, args ...any) {
	d.list = append(d.list, model.Diagnostic{File: d.file, Line: line, Severity: sev, Extractor: d.extractor,
		Message: fmt.Sprintf(format, args...)})
}

// quote shortens a value for a message so that a huge bad field does not flood the output.
func quote(s string) string {
	const max = 60
	if len(s) > max {
		s = s[:max] + "…"
	}
	return fmt.Sprintf("%q", s)
}
