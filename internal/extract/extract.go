// Package extract defines the contract every input format implements: the core walks the repository once and
// asks each Extractor whether it wants a file; the extractor then reads what it was given through io/fs and
// returns facts. Extractors never walk the filesystem themselves and never import the graph or each other.
package extract

import (
	"context"
	"io/fs"

	"github.com/seam-sec/seam/internal/model"
)

// Unit says how the engine hands files to an extractor.
type Unit int

const (
	// UnitFile extractors get one file per call; the engine runs them in a bounded parallel pool.
	UnitFile Unit = iota
	// UnitRoot extractors get every file they asked for in one call, because their facts span files
	// (Terraform modules and variables, Kubernetes selectors across manifests). They may parallelise inside.
	UnitRoot
)

// Extractor reads one input format into facts.
type Extractor interface {
	// Name is the extractor's stable name, recorded in provenance ("terraform", "kubernetes").
	Name() string
	// Unit says whether files come one at a time or all together.
	Unit() Unit
	// FileRequired reports whether the extractor wants the file at path (slash-separated, relative to the
	// scanned root). It must be cheap: it is called for every file the walker sees.
	FileRequired(path string, info fs.FileInfo) bool
	// Extract reads the files in in and returns their facts. A malformed file is a diagnostic in the
	// returned facts, not an error; an error means the extractor itself could not run.
	Extract(ctx context.Context, in Input) (model.Facts, error)
}

// Input is what an extractor is given.
type Input struct {
	// FS is the scanned root. It refuses symlinks that leave the root; paths are slash-separated.
	FS fs.FS
	// Paths are the files this call covers, sorted: one for UnitFile, all wanted files for UnitRoot.
	Paths []string
	// MaxFileSize is the cap the walker applied; an extractor that opens further files (a Terraform local
	// module, a tfvars file) must honour it too.
	MaxFileSize int64
	// Options carries settings from the command line and seam.yaml that some extractors read.
	Options Options
}

// Options are the settings extractors may read.
type Options struct {
	// TerraformVarFiles are extra variable files (--var-file), slash-separated and relative to the scanned
	// root, applied after terraform.tfvars and *.auto.tfvars in the order given.
	TerraformVarFiles []string
	// SecretsBaseline is the secrets baseline file, slash-separated and relative to the scanned root; ""
	// means .seam/secrets-baseline.yaml when it exists.
	SecretsBaseline string
}
