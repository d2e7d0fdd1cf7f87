// Package config reads seam.yaml, the repository's declaration of what the files cannot say: who owns what,
// which business services matter how much, where sensitive data lives, what the attacker starts from and what
// they must not reach. It validates the file against an embedded JSON Schema plus a few checks a schema cannot
// express, reports every problem with file:line:column at once, and turns the declarations into graph facts.
package config

import (
	"errors"
	"io/fs"
	"runtime"
)

// DefaultMaxFileSize is the cap on input files when seam.yaml does not set one: 5 MiB.
const DefaultMaxFileSize int64 = 5 << 20

// MaxConfigSize is the largest seam.yaml Seam reads: 256 KiB, room for about a thousand services. The YAML
// parser's time grows with the square of the keys in one mapping, so the cap also bounds the time a hostile
// file can cost (a few seconds).
const MaxConfigSize = 256 << 10

// ExtractorName is recorded as the extractor in the provenance of every fact that comes from seam.yaml.
const ExtractorName = "seam.yaml"

// FileNames are the names Find looks for at the scanned root, in order of preference.
var FileNames = []string{"seam.yaml", "seam.yml", ".seam.yaml"}

// Config is a loaded seam.yaml. The zero value is not useful; use Default or Load.
type Config struct {
	// Version of the file format; always 1.
	Version     int          `json:"version"`
	Owners      []Owner      `json:"owners,omitempty"`
	Services    []Service    `json:"services,omitempty"`
	DataClasses []DataClass  `json:"data_classes,omitempty"`
	CrownJewels []CrownJewel `json:"crown_jewels,omitempty"`
	EntryPoints []EntryPoint `json:"entry_points,omitempty"`
	// Ignore holds doublestar globs of paths the scan skips, relative to the scanned root.
	Ignore   []string `json:"ignore,omitempty"`
	Settings Settings `json:"settings,omitzero"`
	// Policies says where guardrail controls come from besides the built-in library, and which are disabled.
	Policies Policies `json:"policies,omitzero"`
	// Exceptions excuse named resources from a control, each with an owner, a reason and an expiry date.
	Exceptions []Exception `json:"exceptions,omitempty"`
	VulnDB     VulnDB      `json:"vuln_db,omitzero"`
	// Thresholds is reserved for a later feature: accepted as an object and kept as decoded, with no meaning yet.
	Thresholds map[string]any `json:"thresholds,omitempty"`

	// File is the path the configuration was loaded from, "" for Default.
	File string `json:"-"`
}

// Owner is a team that owns paths and resources. Declared ownership has the highest precedence.
type Owner struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Aliases are other names of the same team in CODEOWNERS, Backstage or tags, for the ownership linker.
	Aliases  []string `json:"aliases,omitempty"`
	Contacts Contacts `json:"contacts,omitzero"`
	// Paths are doublestar globs of repository paths the team owns.
	Paths []string `json:"paths,omitempty"`
	// Resources are doublestar globs of node IDs the team owns.
	Resources []string `json:"resources,omitempty"`
	// Line is where the owner is declared.
	Line int `json:"-"`
}

// Contacts are the ways to reach a team. None of them is a secret.
type Contacts struct {
	Slack     string `json:"slack,omitempty"`
	Email     string `json:"email,omitempty"`
	PagerDuty string `json:"pagerduty,omitempty"`
	Opsgenie  string `json:"opsgenie,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Service is a business service: what the organisation cares about, with its criticality.
type Service struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Owner is the id of the owning team; it may be declared in seam.yaml or come from another source.
	Owner     string   `json:"owner,omitempty"`
	Tier      Tier     `json:"tier"`
	Paths     []string `json:"paths,omitempty"`
	Resources []string `json:"resources,omitempty"`
	// Line is where the service is declared; OwnerLine where its owner is named.
	Line      int `json:"-"`
	OwnerLine int `json:"-"`
}

// DataClass is a class of sensitive data (pii, pci, phi, credentials or a custom one) and where it lives.
type DataClass struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Resources are doublestar globs of node IDs that hold the class.
	Resources []string `json:"resources,omitempty"`
	// Tags map a tag or label key to a glob of its value: a resource so tagged holds the class.
	Tags map[string]string `json:"tags,omitempty"`
	// Line is where the data class is declared.
	Line int `json:"-"`
}

// CrownJewel is a declared target of the attack-path analysis.
type CrownJewel struct {
	// Name is optional; without it the crown jewel is numbered by its position (1-based).
	Name   string `json:"name,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Resources are doublestar globs of node IDs.
	Resources []string `json:"resources"`
	// Line is where the crown jewel is declared.
	Line int `json:"-"`
}

// EntryType is the kind of foothold an entry point gives an attacker.
type EntryType string

// The entry point types.
const (
	EntryInternet           EntryType = "internet"
	EntryLeakedCredential   EntryType = "leaked-credential"
	EntryInsider            EntryType = "insider"
	EntryCompromisedPackage EntryType = "compromised-package"
)

// EntryPoint is where an attacker starts. The internet is always an entry point, declared or not.
type EntryPoint struct {
	Name        string    `json:"name"`
	Type        EntryType `json:"type"`
	Description string    `json:"description,omitempty"`
	// Identity is the node ID (or glob) of a leaked or insider-held identity.
	Identity string `json:"identity,omitempty"`
	// Namespace is the Kubernetes namespace an insider can run code in.
	Namespace string `json:"namespace,omitempty"`
	// Package is the package URL of a compromised package; without a version it means every version.
	Package string `json:"package,omitempty"`
	// Resources are doublestar globs of node IDs reachable from the entry point.
	Resources []string `json:"resources,omitempty"`
	// Line is where the entry point is declared.
	Line int `json:"-"`
}

// Settings tune the scan.
type Settings struct {
	// MaxFileSize caps input files in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize ByteSize          `json:"max_file_size,omitempty"`
	Terraform   TerraformSettings `json:"terraform,omitzero"`
	// Workers is the extraction parallelism; 0 means the number of CPUs.
	Workers int `json:"workers,omitempty"`
}

// TerraformSettings are the Terraform extractor's settings.
type TerraformSettings struct {
	// VarFiles are extra variable files, slash-separated and relative to the scanned root, applied in order.
	VarFiles []string `json:"var_files,omitempty"`
}

// Default returns the configuration used when a repository has no seam.yaml.
func Default() *Config { return &Config{Version: 1} }

// MaxFileSize returns the cap on input files in bytes.
func (c *Config) MaxFileSize() int64 {
	if c == nil || c.Settings.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return int64(c.Settings.MaxFileSize)
}

// Workers returns the extraction parallelism: the configured value, else the number of CPUs.
func (c *Config) Workers() int {
	if c == nil || c.Settings.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return c.Settings.Workers
}

// TerraformVarFiles returns the extra Terraform variable files, relative to the scanned root.
func (c *Config) TerraformVarFiles() []string {
	if c == nil {
		return nil
	}
	return c.Settings.Terraform.VarFiles
}

// IgnoreGlobs returns the doublestar globs of paths to skip.
func (c *Config) IgnoreGlobs() []string {
	if c == nil {
		return nil
	}
	return c.Ignore
}

// Find looks for a configuration file at the root of fsys and returns its name: seam.yaml, seam.yml or
// .seam.yaml, the first that exists as a regular file.
func Find(fsys fs.FS) (string, bool) {
	for _, name := range FileNames {
		info, err := fs.Stat(fsys, name)
		if err == nil && info.Mode().IsRegular() {
			return name, true
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			// Unreadable but present: let Load report it rather than silently using the defaults.
			return name, true
		}
	}
	return "", false
}
