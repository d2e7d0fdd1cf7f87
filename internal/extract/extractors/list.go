// Package extractors lists every extractor Seam runs, in one place. A new input format is one new package under
// internal/extract plus one line here; a test fails when an extractor package exists but is not listed.
package extractors

import (
	"github.com/seam-sec/seam/internal/extract"
)

// All returns a fresh instance of every extractor, in a fixed order.
func All() []extract.Extractor {
	return []extract.Extractor{
		// TODO(#2): list the extractors as they land.
	}
}
