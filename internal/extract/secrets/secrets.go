// Package secrets finds keys, tokens and passwords in every scanned text file with gitleaks' detection
// engine and its default rules (github.com/zricethezav/gitleaks/v8/detect), and records each finding as a
// secret node whose value is never stored.
//
// One node per finding, ID model.SecretID(file, line, rule), Kind secret, Type the rule ID, Name the rule's
// description. Attributes: rule, description, kind (below), masked (Mask: the first four characters, "…"
// and the length; a value under 12 characters shows none), fingerprint (Fingerprint: stable when lines
// move), entropy, key (the name the value is assigned to, when the text shows one: AWS_SECRET_ACCESS_KEY=,
// password:, the name of a Kubernetes env entry), line and column of the value, tags, baselined and, when
// baselined, baseline_reason, baseline_owner and baseline_expires. Context for the link stage, read from the
// text around the value and never from it: tf_block (the Terraform block a .tf finding is written in),
// hosts (database hosts written beside a password, in the same YAML document or file), kube_servers and
// kube_clusters (a kubeconfig's), and value_hash for AWS access key IDs only.
//
// Decisions:
//   - The value, gitleaks' Match and its Line are read once, to compute the mask, the fingerprint, the
//     value's column and the key name, and dropped with the gitleaks finding: nothing Seam stores (attribute,
//     diagnostic, evidence) holds them. value_hash is kept for AWS access key IDs only, which AWS does not
//     treat as secret (they appear in CloudTrail and in Terraform state) and which the link stage must match
//     against a state's aws_iam_access_key; a password's hash is never kept, as a short one could be guessed.
//   - Every file is offered (FileRequired rejects only names that are binary by extension) and each is
//     sniffed: a NUL byte in its first 8 KiB makes it binary, and it is skipped silently, as git does.
//     Lockfiles, vendored code and images are left to gitleaks' global path allowlist (go.sum,
//     package-lock.json, yarn.lock, pnpm-lock.yaml, poetry.lock, Pipfile.lock …), so Seam and gitleaks agree
//     on what is scanned; a test checks that the repository's example and lockfile fixtures give no finding.
//   - The gitleaks detectors are built once for the process (building them uses viper's global state) and
//     shared by the workers: Detect is safe for concurrent use (see detector.go). gitleaks' package logger
//     is silenced, since a library must not print. Rules run per rule over the windows of lines around
//     their keywords, not over whole files, and the rules whose keywords are everywhere (generic-api-key,
//     vault-service-token, kubernetes-secret-yaml, lob-pub-api-key) over narrow windows derived from their
//     regexps (detector.go, narrow.go: the same findings as gitleaks over whole files, which a comparison
//     test and a fuzz test check). The Secret documents of a Kubernetes manifest are also scanned with
//     base64 decoded one level deep, so a Secret's data values are scanned too.
//   - The extractor takes all files in one call (extract.UnitRoot) so that the baseline is read once and an
//     entry that matches nothing can be reported; it scans files in parallel inside, and output is sorted.
//   - Two findings of one rule on one line share the contract's ID: the first (by column) is the node, the
//     others are listed in its "more" attribute with their own masked value, fingerprint and baselined flag.
//   - Baseline (DefaultBaseline, or extract.Options.SecretsBaseline): a YAML list of accepted fingerprints
//     with a reason (required), an owner and an expiry date. A baselined finding stays a node, marked, so
//     nothing is lost and a path through it still shows; an expired entry accepts nothing and is a warning;
//     an entry matching no finding is an info diagnostic; a malformed file or entry is an error with
//     file:line and accepts nothing.
//   - Kind (kindOf): what the value is, from the rule (aws-access-token → aws-access-key-id, private-key,
//     github-*, gitlab-*, slack-*, jwt), else from the name it is assigned to (…SECRET_ACCESS_KEY →
//     aws-secret-key, a password whose name or Terraform resource says database → database-password, other
//     passwords → password; a kubeconfig's token → kubernetes-token, its client-key-data → private-key),
//     else generic-api-key for gitleaks' generic rule and api-token for the vendor rules.
package secrets

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "secrets"

// Extractor finds secrets in text files. It is safe for concurrent use.
type Extractor struct {
	// Now is the clock baseline expiry is judged by; nil means time.Now.
	Now func() time.Time
	// Workers bounds the files scanned at once; 0 means GOMAXPROCS.
	Workers int
}

// New returns a secrets extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "secrets".
func (e *Extractor) Name() string { return Name }

// Unit says the extractor takes every file in one call (the baseline spans them).
func (e *Extractor) Unit() extract.Unit { return extract.UnitRoot }

// binaryExt are extensions of files that are never text. The walker sniffs every file an extractor wants and
// warns about binary content, so asking for files that are binary by name would only add warnings.
var binaryExt = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".bmp": true, ".ico": true, ".webp": true,
	".tif": true, ".tiff": true, ".pdf": true, ".zip": true, ".gz": true, ".tgz": true, ".bz2": true, ".xz": true,
	".zst": true, ".7z": true, ".rar": true, ".tar": true, ".jar": true, ".war": true, ".class": true,
	".so": true, ".dylib": true, ".dll": true, ".exe": true, ".o": true, ".a": true, ".pyc": true,
	".wasm": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".mp3": true,
	".mp4": true, ".mov": true, ".avi": true, ".sqlite": true, ".db": true,
	".bin": true, ".dat": true, ".pdb": true, ".iso": true, ".img": true, ".dmg": true, ".deb": true,
	".rpm": true, ".apk": true, ".ipa": true, ".psd": true, ".heic": true, ".webm": true, ".mkv": true,
	".flac": true, ".wav": true, ".ogg": true, ".parquet": true, ".avro": true, ".orc": true, ".onnx": true,
	".pt": true, ".h5": true, ".npy": true, ".pkl": true, ".lockb": true, ".xlsx": true, ".docx": true,
}

// FileRequired reports whether the file may be text: every regular file but those binary by extension.
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && !info.Mode().IsRegular() {
		return false
	}
	return !binaryExt[strings.ToLower(path.Ext(p))]
}

// sniffLen is how much of a file is checked for NUL bytes.
const sniffLen = 8 << 10

// isBinary reports whether data looks binary: a NUL byte in its first sniffLen bytes.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), sniffLen)], 0) >= 0
}

// fileResult is what one file gives.
type fileResult struct {
	findings []finding
	diags    []model.Diagnostic
}

// Extract scans every file in in.Paths and applies the baseline.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	d, err := sharedDetector()
	if err != nil {
		return model.Facts{}, fmt.Errorf("gitleaks default rules: %w", err)
	}
	basePath := in.Options.SecretsBaseline
	if basePath == "" {
		basePath = DefaultBaseline
	}
	base, facts := e.loadBaseline(in, basePath, in.Options.SecretsBaseline != "")
	results := make([]fileResult, len(in.Paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := e.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if p := in.Paths[i]; p != basePath {
					results[i] = scanFile(d, in, p)
				}
			}
		}()
	}
	for i := range in.Paths {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return facts, err
	}
	var all []finding
	files := make([]string, 0, len(in.Paths))
	for i, r := range results {
		facts.Diagnostics = append(facts.Diagnostics, r.diags...)
		all = append(all, r.findings...)
		for range r.findings {
			files = append(files, in.Paths[i])
		}
	}
	facts.Nodes, facts.Diagnostics = e.nodes(all, files, base, facts.Diagnostics)
	model.SortDiagnostics(facts.Diagnostics)
	return facts, nil
}

// loadBaseline reads the baseline; a missing default file is no baseline, a missing named one a warning.
func (e *Extractor) loadBaseline(in extract.Input, p string, named bool) (Baseline, model.Facts) {
	var facts model.Facts
	data, err := fs.ReadFile(in.FS, p)
	if err != nil {
		if named {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Severity: model.SeverityWarning,
				Extractor: Name, Message: "secrets baseline cannot be read: " + err.Error()})
		}
		return Baseline{File: p}, facts
	}
	b, diags := ParseBaseline(p, data)
	facts.Diagnostics = append(facts.Diagnostics, diags...)
	return b, facts
}

// scanFile reads and scans one file.
func scanFile(d *detectors, in extract.Input, p string) fileResult {
	data, err := fs.ReadFile(in.FS, p)
	if err != nil {
		return fileResult{diags: []model.Diagnostic{{File: p, Severity: model.SeverityError, Extractor: Name,
			Message: "cannot read file: " + err.Error()}}}
	}
	if in.MaxFileSize > 0 && int64(len(data)) > in.MaxFileSize {
		return fileResult{diags: []model.Diagnostic{{File: p, Severity: model.SeverityWarning, Extractor: Name,
			Message: fmt.Sprintf("file is larger than the %d-byte cap; not scanned for secrets", in.MaxFileSize)}}}
	}
	if isBinary(data) {
		return fileResult{}
	}
	return fileResult{findings: findFile(d, p, string(data))}
}
