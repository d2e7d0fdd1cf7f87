package vuln

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ev writes a range's events compactly: "i:0 f:1.2.7 l:2.0 L:3.0" (introduced, fixed, last_affected, limit).
func ev(spec string) []event {
	var out []event
	for _, f := range strings.Fields(spec) {
		k, v, _ := strings.Cut(f, ":")
		kind := map[string]byte{"i": evIntroduced, "f": evFixed, "l": evLastAffected, "L": evLimit}[k]
		out = append(out, event{Kind: kind, Version: v})
	}
	return out
}

func TestInRange(t *testing.T) {
	type result struct {
		Affected bool
		Range    string
		Fixed    string
	}
	tests := []struct {
		eco, typ, events, version string
		want                      result
	}{
		// semver pre-releases order below their release.
		{"npm", rangeSemver, "i:0 f:1.2.7", "1.2.7-rc.1", result{true, "introduced 0, fixed 1.2.7", "1.2.7"}},
		{"npm", rangeSemver, "i:1.2.0 f:1.2.7", "1.2.0-beta", result{false, "", "1.2.7"}},
		// events in any order; the interval holding the version is named.
		{"npm", rangeSemver, "f:2.3.1 i:2.0.0 f:1.9.9 i:1.0.0", "2.1.0", result{true, "introduced 2.0.0, fixed 2.3.1", "2.3.1"}},
		{"npm", rangeSemver, "f:2.3.1 i:2.0.0 f:1.9.9 i:1.0.0", "1.9.9", result{false, "", "2.3.1"}},
		// last_affected includes its version; limit caps an open range.
		{"crates.io", rangeEcosystem, "i:0 l:0.4.3", "0.4.3", result{true, "introduced 0, last affected 0.4.3", ""}},
		{"crates.io", rangeEcosystem, "i:0 l:0.4.3", "0.4.4", result{false, "", ""}},
		{"crates.io", rangeEcosystem, "i:1.0.0 L:2.0.0", "1.9.0", result{true, "introduced 1.0.0, no fixed version, limit 2.0.0", ""}},
		{"crates.io", rangeEcosystem, "i:1.0.0 L:2.0.0", "2.0.0", result{false, "", ""}},
		// Go: pseudo-versions are pre-releases of the next patch; +incompatible is build metadata.
		{"Go", rangeSemver, "i:0 f:1.5.0", "v1.4.1-0.20220101120000-abcdefabcdef", result{true, "introduced 0, fixed 1.5.0", "1.5.0"}},
		{"Go", rangeSemver, "i:0 f:1.5.0", "v1.5.1-0.20220101120000-abcdefabcdef", result{false, "", ""}},
		{"Go", rangeEcosystem, "i:2.0.0 f:2.4.0", "v2.3.0+incompatible", result{true, "introduced 2.0.0, fixed 2.4.0", "2.4.0"}},
		{"Go", rangeSemver, "i:1.21.0 f:1.21.8", "go1.21.5", result{true, "introduced 1.21.0, fixed 1.21.8", "1.21.8"}},
		// PEP 440: epochs, pre, post, dev releases.
		{"PyPI", rangeEcosystem, "i:0 f:2.0", "1!0.1", result{false, "", ""}},
		{"PyPI", rangeEcosystem, "i:0 f:2.0", "2.0rc1", result{true, "introduced 0, fixed 2.0", "2.0"}},
		{"PyPI", rangeEcosystem, "i:0 f:2.0", "2.0.dev3", result{true, "introduced 0, fixed 2.0", "2.0"}},
		{"PyPI", rangeEcosystem, "i:1.0 f:2.0", "1.0.post2", result{true, "introduced 1.0, fixed 2.0", "2.0"}},
		{"PyPI", rangeEcosystem, "i:1.0 f:2.0", "1.0a1", result{false, "", "2.0"}},
		// Maven: qualifiers order below the release; "2.0" equals "2.0.0".
		{"Maven", rangeEcosystem, "i:0 f:2.0.0", "2.0-alpha-1", result{true, "introduced 0, fixed 2.0.0", "2.0.0"}},
		{"Maven", rangeEcosystem, "i:0 f:2.0.0", "2.0", result{false, "", ""}},
		{"Maven", rangeEcosystem, "i:1.0 f:1.10", "1.9", result{true, "introduced 1.0, fixed 1.10", "1.10"}},
		// RubyGems: a letter makes a pre-release.
		{"RubyGems", rangeEcosystem, "i:5.0 f:5.2.4.3", "5.2.4.rc1", result{true, "introduced 5.0, fixed 5.2.4.3", "5.2.4.3"}},
		// NuGet: case-insensitive pre-release labels, four-part versions.
		{"NuGet", rangeEcosystem, "i:0 f:4.7.2", "4.7.1.1", result{true, "introduced 0, fixed 4.7.2", "4.7.2"}},
		{"NuGet", rangeEcosystem, "i:0 f:4.7.2", "4.7.2-PREVIEW1", result{true, "introduced 0, fixed 4.7.2", "4.7.2"}},
		// Packagist: a leading v and patch levels.
		{"Packagist", rangeEcosystem, "i:4.0 f:4.4.6", "v4.4.5", result{true, "introduced 4.0, fixed 4.4.6", "4.4.6"}},
		{"Packagist", rangeEcosystem, "i:4.0 f:4.4.6", "4.4.6-p1", result{false, "", ""}},
		// Debian: epochs win over upstream versions; ~ sorts before everything.
		{"Debian:12", rangeEcosystem, "i:0 f:1:2.3-1", "2.9-1", result{true, "introduced 0, fixed 1:2.3-1", "1:2.3-1"}},
		{"Debian:12", rangeEcosystem, "i:0 f:2.3-1", "2.3-1~bpo12+1", result{true, "introduced 0, fixed 2.3-1", "2.3-1"}},
		// Hex and Pub.
		{"Hex", rangeEcosystem, "i:1.6.0 f:1.6.14", "1.6.13", result{true, "introduced 1.6.0, fixed 1.6.14", "1.6.14"}},
		{"Pub", rangeEcosystem, "i:0 f:0.13.5", "0.13.5-dev.1", result{true, "introduced 0, fixed 0.13.5", "0.13.5"}},
		// The lowest fix above the installed version, across branches.
		{"npm", rangeSemver, "i:0 f:1.2.7 i:2.0.0 f:2.0.3", "1.9.0", result{false, "", "2.0.3"}},
	}
	for _, tt := range tests {
		r := vrange{Type: tt.typ, Events: ev(tt.events)}
		v, err := parseVersion(tt.eco, tt.typ, tt.version)
		if err != nil {
			t.Errorf("%s %s: %v", tt.eco, tt.version, err)
			continue
		}
		sorted, _, err := sortEvents(tt.eco, r)
		if err != nil {
			t.Fatal(err)
		}
		res := inRange(tt.eco, sorted, v)
		got := result{Affected: res.affected, Range: res.text}
		if res.fixed != nil {
			got.Fixed = res.fixed.Version
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s %s [%s] %s (-want +got):\n%s", tt.eco, tt.typ, tt.events, tt.version, diff)
		}
	}
}

func TestParseVersionRejects(t *testing.T) {
	tests := []struct{ eco, typ, version string }{
		{"npm", rangeSemver, "latest"},
		{"npm", rangeEcosystem, "^1.2.3"},
		{"Go", rangeEcosystem, "master"},
		{"crates.io", rangeEcosystem, "*"},
		{"PyPI", rangeEcosystem, "release-1"},
		{"Maven", rangeEcosystem, "RELEASE"},
		{"Packagist", rangeEcosystem, "dev-main"},
		{"RubyGems", rangeEcosystem, ""},
		{"Debian", rangeEcosystem, "a:b"},
	}
	for _, tt := range tests {
		if _, err := parseVersion(tt.eco, tt.typ, tt.version); err == nil {
			t.Errorf("%s %q: want an error", tt.eco, tt.version)
		}
	}
	if _, err := parseVersion("GitHub Actions", rangeEcosystem, "1.0.0"); err != errUnsupported {
		t.Errorf("unsupported ecosystem: got %v", err)
	}
}

func TestListed(t *testing.T) {
	v, _ := parseVersion("PyPI", rangeEcosystem, "1.0.0")
	if !listed("PyPI", []string{"0.9", "1.0"}, "1.0.0", v) {
		t.Error("1.0.0 is 1.0 under PEP 440")
	}
	if listed("PyPI", []string{"0.9"}, "1.0.0", v) {
		t.Error("1.0.0 is not listed")
	}
}
