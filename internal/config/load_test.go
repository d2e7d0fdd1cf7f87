package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestLoadInvalid loads each invalid fixture and compares every problem, rendered as the CLI prints it.
func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"wrong-type.yaml", []string{
			"wrong-type.yaml:4:1: owners: must be a list, not a mapping",
			"wrong-type.yaml:7:3: settings.workers: must be a whole number, not a string",
			"wrong-type.yaml:8:3: settings.max_file_size: must be a whole number or a string, not a boolean",
		}},
		{"unknown-key.yaml", []string{
			`unknown-key.yaml:4:1: ownrs: unknown key "ownrs" (did you mean "owners"?)`,
			`unknown-key.yaml:7:5: services[0]: missing required key "tier"`,
			`unknown-key.yaml:8:5: services[0].tiers: unknown key "tiers" (did you mean "tier"?)`,
			`unknown-key.yaml:9:5: services[0].colour: unknown key "colour"`,
		}},
		{"bad-tier.yaml", []string{
			"bad-tier.yaml:6:5: services[0].tier: must be one of tier-1, tier-2, tier-3, tier-4 (critical is tier-1)",
			"bad-tier.yaml:8:5: services[1].tier: must be one of tier-1, tier-2, tier-3, tier-4",
			"bad-tier.yaml:10:5: services[2].tier: must be one of tier-1, tier-2, tier-3, tier-4",
		}},
		{"bad-glob.yaml", []string{
			`bad-glob.yaml:5:5: ignore[0]: invalid glob "build/[abc": an unclosed '[' or '{', or a trailing '\'`,
			`bad-glob.yaml:8:13: owners[0].paths[0]: glob "/services/payments/**" must be relative to the scanned root (no leading '/')`,
			`bad-glob.yaml:9:17: owners[0].resources[0]: invalid glob "aws_s3_bucket.{a,b": an unclosed '[' or '{', or a trailing '\'`,
			`bad-glob.yaml:13:7: data_classes[0].tags.data_classification: invalid glob "pii\\": an unclosed '[' or '{', or a trailing '\'`,
		}},
		{"syntax.yaml", []string{
			"syntax.yaml:6:4: invalid YAML: value is not allowed in this context",
		}},
		{"duplicate-owner.yaml", []string{
			`duplicate-owner.yaml:7:5: owners[2].id: duplicate owner id "Payments" (first declared on line 5)`,
			`duplicate-owner.yaml:11:5: services[1].name: duplicate service "checkout" (first declared on line 9)`,
		}},
		{"entry-points.yaml", []string{
			`entry-points.yaml:6:5: entry_points[0]: an entry point of type leaked-credential needs "identity"`,
			`entry-points.yaml:8:5: entry_points[1]: an entry point of type insider needs "namespace" or "identity"`,
			`entry-points.yaml:10:5: entry_points[1].package: "package" does not apply to an entry point of type insider`,
			`entry-points.yaml:13:5: entry_points[2].package: must be a package URL such as pkg:npm/left-pad or pkg:golang/example.com/mod@v1.2.3`,
			`entry-points.yaml:15:5: entry_points[3].type: must be one of internet, leaked-credential, insider, compromised-package`,
			`entry-points.yaml:17:5: entry_points[4].type: the entry point named "internet" must have type internet`,
		}},
		{"multi-doc.yaml", []string{
			"multi-doc.yaml:4:1: a configuration file holds one YAML document; this is a second one",
		}},
		{"empty.yaml", []string{
			`empty.yaml:1:1: the file is empty; a configuration needs at least "version: 1"`,
		}},
		{"settings.yaml", []string{
			"settings.yaml:3:1: version: must be 1, the only version of this format",
			"settings.yaml:5:3: settings.max_file_size: must be at least 1 byte",
			"settings.yaml:6:3: settings.workers: must be at least 1",
			`settings.yaml:8:17: settings.terraform.var_files[0]: "../shared.tfvars" must be a path inside the scanned root, relative to it`,
			`settings.yaml:8:37: settings.terraform.var_files[1]: use '/' to separate directories in "envs\\prod.tfvars"`,
		}},
	}
	fsys := os.DirFS("testdata/invalid")
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			cfg, err := Load(fsys, tt.file)
			if cfg != nil {
				t.Fatalf("Load returned a config for an invalid file")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Load error = %v (%T), want *ValidationError", err, err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if ve.Error() != strings.Join(got, "\n") {
				t.Errorf("Error() = %q, want the problems one per line", ve.Error())
			}
		})
	}
	// Every invalid fixture must be in the table.
	files, _ := fs.Glob(fsys, "*.yaml")
	for _, f := range files {
		if !seen[f] {
			t.Errorf("testdata/invalid/%s has no test case", f)
		}
	}
}

// TestLoadFull checks the typed configuration of the full fixture, including declaration lines.
func TestLoadFull(t *testing.T) {
	cfg, err := Load(os.DirFS("testdata/valid"), "full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Version: 1,
		File:    "full.yaml",
		Owners: []Owner{{
			ID: "@acme/payments", Name: "Payments team", Aliases: []string{"group:default/payments", "payments"},
			Contacts:  Contacts{Slack: "#payments-oncall", Email: "payments@acme.example", PagerDuty: "PXYZ789"},
			Paths:     []string{"services/payments/**", "infra/payments/**"},
			Resources: []string{"aws_rds_cluster.payments*", "k8s:payments/**"},
			Line:      11,
		}, {
			ID: "platform", Contacts: Contacts{PagerDuty: "PABC123"}, Paths: []string{"infra/**"}, Line: 20,
		}},
		Services: []Service{{
			Name: "checkout", Description: "Takes customer orders and card payments", Owner: "@ACME/Payments",
			Tier: Tier1, Paths: []string{"services/payments/**"}, Resources: []string{"k8s:payments/Deployment/*"},
			Line: 25, OwnerLine: 27,
		}, {
			Name: "catalog", Owner: "web", Tier: Tier3, Line: 31, OwnerLine: 32,
		}, {
			Name: "internal-tools", Tier: Tier4, Line: 34,
		}},
		DataClasses: []DataClass{
			{Name: "pci", Description: "Cardholder data", Resources: []string{"aws_rds_cluster.payments"}, Line: 38},
			{Name: "pii", Tags: map[string]string{"data_classification": "pii*", "app.kubernetes.io/data": "personal"}, Line: 41},
			{Name: "credentials", Line: 45},
		},
		CrownJewels: []CrownJewel{
			{Name: "card-vault", Reason: "Holds card numbers", Resources: []string{"aws_rds_cluster.payments"}, Line: 48},
			{Resources: []string{"aws_iam_role.admin", "k8s:_cluster/ClusterRole/cluster-admin"}, Line: 51},
		},
		EntryPoints: []EntryPoint{
			{Name: "ci-deploy-key", Type: EntryLeakedCredential, Description: "The CI user's access key, stored in the CI system",
				Identity: "aws_iam_user.ci", Line: 54},
			{Name: "cluster-insider", Type: EntryInsider, Namespace: "payments", Line: 58},
			{Name: "npm-supply-chain", Type: EntryCompromisedPackage, Package: "pkg:npm/left-pad", Line: 61},
			{Name: "partner-vpn", Type: EntryInternet, Resources: []string{"aws_lb.partner"}, Line: 64},
		},
		Ignore: []string{"docs/**", "**/*.generated.yaml"},
		Settings: Settings{
			MaxFileSize: 8 << 20, Workers: 2,
			Terraform: TerraformSettings{VarFiles: []string{"infra/prod.tfvars", "infra/secrets.auto.tfvars"}},
		},
		Policies:   Policies{Bundles: []PolicyBundle{}},
		Thresholds: map[string]any{"fail_on": "high"},
	}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if got := cfg.MaxFileSize(); got != 8<<20 {
		t.Errorf("MaxFileSize() = %d, want %d", got, 8<<20)
	}
	if got := cfg.Workers(); got != 2 {
		t.Errorf("Workers() = %d, want 2", got)
	}
}

// TestValidFixtures loads every valid fixture: none may have a problem.
func TestValidFixtures(t *testing.T) {
	fsys := os.DirFS("testdata/valid")
	files, _ := fs.Glob(fsys, "*.yaml")
	if len(files) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, f := range files {
		if _, err := Load(fsys, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestDefault checks the settings of a repository without seam.yaml.
func TestDefault(t *testing.T) {
	c := Default()
	if c.MaxFileSize() != DefaultMaxFileSize || DefaultMaxFileSize != 5<<20 {
		t.Errorf("MaxFileSize() = %d, want 5 MiB", c.MaxFileSize())
	}
	if c.Workers() < 1 {
		t.Errorf("Workers() = %d, want the number of CPUs", c.Workers())
	}
	if c.TerraformVarFiles() != nil || c.IgnoreGlobs() != nil {
		t.Errorf("defaults have var files or ignore globs")
	}
	var nilCfg *Config
	if nilCfg.MaxFileSize() != DefaultMaxFileSize {
		t.Errorf("a nil *Config must give the defaults")
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name   string
		files  []string
		want   string
		wantOK bool
	}{
		{"none", []string{"main.tf"}, "", false},
		{"seam.yaml", []string{"seam.yaml", "seam.yml"}, "seam.yaml", true},
		{"seam.yml", []string{"seam.yml", ".seam.yaml"}, "seam.yml", true},
		{"hidden", []string{".seam.yaml"}, ".seam.yaml", true},
		{"directory is not a file", []string{"seam.yaml/x"}, "", false},
		{"not in a subdirectory", []string{"sub/seam.yaml"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = &fstest.MapFile{Data: []byte("version: 1\n")}
			}
			got, ok := Find(fsys)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Find() = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestLoadErrors covers files that cannot be read or are too large to try.
func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{"big.yaml": &fstest.MapFile{Data: make([]byte, MaxConfigSize+1)}}
	if _, err := Load(fsys, "missing.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
	_, err := Load(fsys, "big.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Line != 0 {
		t.Fatalf("oversized file: err = %v, want one file-level problem", err)
	}
	want := "big.yaml: is larger than 256 KiB, the most Seam reads for a configuration file"
	if ve.Error() != want {
		t.Errorf("oversized file: %q, want %q", ve.Error(), want)
	}
}

// TestSeeds checks the hand-written fuzz seeds: aliases that expand exponentially are refused quickly, and the
// mixed-feature seed is valid.
func TestSeeds(t *testing.T) {
	fsys := os.DirFS("testdata/fuzz-seeds")
	_, err := Load(fsys, "laughs.yaml")
	want := "laughs.yaml:3:1: the document expands to more than 1000000 values (aliases?)"
	if err == nil || err.Error() != want {
		t.Errorf("laughs.yaml: %v, want %q", err, want)
	}
	cfg, err := Load(fsys, "anchors.yaml")
	if err != nil {
		t.Fatalf("anchors.yaml: %v", err)
	}
	if len(cfg.Services) != 2 || cfg.Services[0].Tier != Tier2 || cfg.Services[1].Tier != Tier1 {
		t.Errorf("anchors.yaml: services %+v", cfg.Services)
	}
}

// TestYAMLFeatures checks that anchors, aliases, merge keys, tags, flow style and quoted keys decode and
// locate as an author expects.
func TestYAMLFeatures(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // problems; nil: valid
	}{
		{"anchors and merge keys", "version: 1\nx-base: &b {tier: tier-2}\nservices:\n  - <<: *b\n    name: a\n", nil},
		{"unknown key beside a merge", "version: 1\nx-base: &b {tier: tier-2}\nservices:\n  - <<: *b\n    name: a\n    color: x\n",
			[]string{`seam.yaml:6:5: services[0].color: unknown key "color"`}},
		{"quoted keys and flow style", "\"version\": 1\nowners: [{'id': a, paths: ['x/**']}]\n", nil},
		{"integer tag", "version: !!int \"1\"\n", nil},
		{"non-finite size", "version: 1\nsettings: {max_file_size: .inf}\n", []string{
			`seam.yaml:2:12: settings.max_file_size: must be a size such as "5MiB", "512KiB", "10MB", or a number of bytes`}},
		{"huge size", "version: 1\nsettings: {max_file_size: 9999999999GiB}\n", []string{
			"seam.yaml:2:12: settings.max_file_size: is too large for a size in bytes"}},
		{"null section", "version: 1\nowners:\n", []string{"seam.yaml:2:1: owners: must be a list, not empty (null)"}},
		{"root is a list", "- version: 1\n", []string{"seam.yaml:1:1: must be a mapping, not a list"}},
		{"duplicate key", "version: 1\nversion: 1\n", []string{
			`seam.yaml:2:1: invalid YAML: mapping key "version" already defined at [1:1]`}},
		{"key needing quotes in the path", "version: 1\ndata_classes: [{name: pii, tags: {\"a b\": \"[\"}}]\n", []string{
			`seam.yaml:2:35: data_classes[0].tags["a b"]: invalid glob "[": an unclosed '[' or '{', or a trailing '\'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("seam.yaml", []byte(tt.src))
			var got []string
			var ve *ValidationError
			if errors.As(err, &ve) {
				for _, p := range ve.Problems {
					got = append(got, p.String())
				}
			} else if err != nil {
				t.Fatalf("err = %v, want nil or *ValidationError", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProblemCap checks that a file with hundreds of problems lists the first maxProblems and counts the rest.
func TestProblemCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\n")
	for i := range 300 {
		fmt.Fprintf(&b, "unknown%03d: 1\n", i)
	}
	_, err := Parse("seam.yaml", []byte(b.String()))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	if len(ve.Problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ve.Problems), maxProblems+1)
	}
	first := `seam.yaml:2:1: unknown000: unknown key "unknown000"`
	last := "seam.yaml: 100 more problems not shown; fix the ones above first"
	if got := ve.Problems[0].String(); got != first {
		t.Errorf("first problem %q, want %q", got, first)
	}
	if got := ve.Problems[maxProblems].String(); got != last {
		t.Errorf("last problem %q, want %q", got, last)
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"5MiB", 5 << 20, false}, {"512 KiB", 512 << 10, false}, {"10MB", 10_000_000, false},
		{"1.5GiB", 3 << 29, false}, {"1048576", 1 << 20, false}, {"2kB", 2000, false}, {"7B", 7, false},
		{"0", 0, true}, {"0.1B", 0, true}, {"5mib", 0, true}, {"MiB", 0, true}, {"1..2MB", 0, true},
		{"-1", 0, true}, {"99999999999GiB", 0, true}, {"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseByteSize(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestLoadVulnDB(t *testing.T) {
	fsys := fstest.MapFS{"seam.yaml": {Data: []byte("version: 1\nvuln_db:\n  path: .osv\n  kev: feeds/kev.json\n  epss: feeds/epss.csv.gz\n")}}
	cfg, err := Load(fsys, "seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := VulnDB{Path: ".osv", KEV: "feeds/kev.json", EPSS: "feeds/epss.csv.gz"}
	if cfg.VulnDB != want {
		t.Errorf("vuln_db = %+v, want %+v", cfg.VulnDB, want)
	}
	fsys["seam.yaml"] = &fstest.MapFile{Data: []byte("version: 1\nvuln_db:\n  url: https://example.com\n")}
	if _, err := Load(fsys, "seam.yaml"); err == nil || !strings.Contains(err.Error(), "seam.yaml:3") {
		t.Errorf("an unknown vuln_db key: err = %v, want one at seam.yaml:3", err)
	}
}
