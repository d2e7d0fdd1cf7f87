package update

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ManifestName is the manifest's file name inside the database directory.
const ManifestName = "manifest.json"

const manifestVersion = 1

// Manifest records what an update fetched: `seam db status` reads it, and a scan can say how old its data is.
type Manifest struct {
	Version   int            `json:"version"`    // manifest format, 1
	UpdatedAt time.Time      `json:"updated_at"` // from the injected clock, UTC
	Source    string         `json:"source"`     // the OSV base URL
	Files     []ManifestFile `json:"files"`      // ecosystems by name, then kev.json, then epss.csv.gz
}

// ManifestFile is one downloaded file.
type ManifestFile struct {
	Path         string `json:"path"`                // inside the database, slash-separated
	Kind         string `json:"kind"`                // "osv", "kev" or "epss"
	Ecosystem    string `json:"ecosystem,omitempty"` // for kind osv
	URL          string `json:"url"`
	Size         int64  `json:"size"`          // bytes as stored
	SHA256       string `json:"sha256"`        // hex, of the stored file
	MD5          string `json:"md5,omitempty"` // base64, as the server stated it
	Verified     string `json:"verified"`      // what the download was checked against, e.g. "md5, crc32c, length"
	LastModified string `json:"last_modified,omitempty"`
}

func writeManifest(dir string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644)
}

// ReadManifest reads the manifest of a database directory built by Update.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("%s: manifest version %d, want %d", filepath.Join(dir, ManifestName), m.Version, manifestVersion)
	}
	return &m, nil
}

// ErrCorrupt is returned by Verify when a file of the database is missing or differs from the manifest.
var ErrCorrupt = errors.New("database differs from its manifest")

// Verify re-reads every file the manifest of dir lists and checks its size and SHA-256 (for `seam db status`).
// The error wraps ErrCorrupt and names each file that is missing or changed.
func Verify(dir string) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	var bad []string
	for _, f := range m.Files {
		if problem := verifyFile(filepath.Join(dir, filepath.FromSlash(f.Path)), f); problem != "" {
			bad = append(bad, f.Path+": "+problem)
		}
	}
	if len(bad) > 0 {
		return m, fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(bad, "; "))
	}
	return m, nil
}

func verifyFile(path string, f ManifestFile) string {
	fh, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	switch {
	case err != nil:
		return err.Error()
	case n != f.Size:
		return fmt.Sprintf("%d bytes, manifest says %d", n, f.Size)
	case hex.EncodeToString(h.Sum(nil)) != f.SHA256:
		return "sha256 differs from the manifest"
	}
	return ""
}
