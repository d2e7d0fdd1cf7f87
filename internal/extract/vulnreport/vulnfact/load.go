package vulnfact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// ImportPrefix starts the provenance file of a file given with --import, which may be outside the scanned
// root: "import:<base name>".
const ImportPrefix = "import:"

// MaxImportSize caps a file given with --import (files in the repository are capped by the walker). A
// 50,000-component SBOM is about 20 MB; the largest Trivy reports of big images are around 100 MB.
const MaxImportSize = 256 << 20

// ImportLabel is the provenance file of a file given with --import.
func ImportLabel(name string) string {
	return ImportPrefix + path.Base(strings.ReplaceAll(name, `\`, "/"))
}

// ErrTooLarge is returned by ReadCapped for input over the cap.
var ErrTooLarge = errors.New("file too large")

// ReadCapped reads r up to limit bytes; more is ErrTooLarge.
func ReadCapped(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if s, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok { // a file: read it in one allocation
		if info, err := s.Stat(); err == nil && info.Size() > 0 && info.Size() <= limit {
			buf.Grow(int(info.Size()) + 1)
		}
	} else if l, ok := r.(interface{ Len() int }); ok && int64(l.Len()) <= limit {
		buf.Grow(l.Len() + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d MiB", ErrTooLarge, limit>>20)
	}
	return data, nil
}

// Load decodes an imported file. Malformed JSON is one error diagnostic at the line of the fault, and
// ok false: nothing of the file is read.
func Load(file, extractor string, data []byte) (d *Doc, root *Value, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark, as Windows tools write
	d = NewDoc(file, extractor, data)
	root, err := Decode(data)
	if err != nil {
		var syn *SyntaxError
		off := int64(0)
		if errors.As(err, &syn) {
			off = syn.Off
		}
		d.Diags = append(d.Diags, model.Diagnostic{File: file, Line: d.Lines.Line(max(off-1, 0)),
			Severity: model.SeverityError, Extractor: extractor,
			Message: "malformed JSON: " + err.Error() + "; nothing in the file is read"})
		return d, nil, false
	}
	if root.Kind != Object {
		d.Diag(root, model.SeverityError, "the file is "+root.Kind.String()+", not a JSON object; nothing in it is read")
		return d, root, false
	}
	return d, root, true
}

// ReadError is the facts of a file that could not be read at all.
func ReadError(file, extractor string, err error) model.Facts {
	return model.Facts{Diagnostics: []model.Diagnostic{{File: file, Severity: model.SeverityError,
		Extractor: extractor, Message: "cannot read: " + err.Error()}}}
}

// TopKeys returns the keys of the top-level object at the start of head (the first bytes of a file), as
// far as head goes; it is what the importers' Sniff functions look at.
func TopKeys(head []byte) []string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	s := &keyScanner{data: head}
	return s.top()
}
