package policy

import (
	"context"
	"testing"

	"github.com/seam-sec/seam/internal/policy/library"
)

// TestLibraryLint holds the embedded library to the convention of built-in controls (Lint): IDs of the form
// SEAM-<AREA>-<SVC>-NNN, unique; title, severity, remediation, select and a framework reference; and tests
// that show each control passing and failing.
func TestLibraryLint(t *testing.T) {
	origin := Origin{Source: SourceBuiltin, Path: "library", FS: library.FS}
	for _, p := range Lint(context.Background(), origin) {
		t.Error(p.String())
	}
	s, err := Load(context.Background(), []Origin{origin})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d controls", len(s.Controls))
}
