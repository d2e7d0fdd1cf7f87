// Package extractors lists every extractor Seam runs, in one place. A new input format is one new package under
// internal/extract plus one line here; a test fails when an extractor package exists but is not listed.
package extractors

import (
	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/buildconfig"
	"github.com/seam-sec/seam/internal/extract/catalog"
	"github.com/seam-sec/seam/internal/extract/codeflaw"
	"github.com/seam-sec/seam/internal/extract/codeowners"
	"github.com/seam-sec/seam/internal/extract/cyclonedx"
	"github.com/seam-sec/seam/internal/extract/dockerfile"
	"github.com/seam-sec/seam/internal/extract/kubernetes"
	"github.com/seam-sec/seam/internal/extract/lockfile"
	"github.com/seam-sec/seam/internal/extract/sarif"
	"github.com/seam-sec/seam/internal/extract/secrets"
	"github.com/seam-sec/seam/internal/extract/terraform"
	"github.com/seam-sec/seam/internal/extract/tfplan"
	"github.com/seam-sec/seam/internal/extract/vex"
	"github.com/seam-sec/seam/internal/extract/vulnreport"
)

// All returns a fresh instance of every extractor, in a fixed order.
func All() []extract.Extractor {
	return []extract.Extractor{
		terraform.New(),
		tfplan.New(),
		kubernetes.New(),
		dockerfile.New(),
		buildconfig.New(),
		lockfile.New(),
		codeowners.New(),
		catalog.New(),
		codeflaw.New(),
		sarif.New(),
		secrets.New(),
		vulnreport.New(),
		cyclonedx.New(),
		vex.New(),
	}
}
