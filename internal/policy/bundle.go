package policy

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// maxBundleEntries caps the entries (files and directories) of one .tar.gz bundle.
const maxBundleEntries = 50_000

// capped reads at most n bytes and then fails, so a gzip bomb stops at the cap instead of filling memory.
type capped struct {
	r     io.Reader
	n     int64
	limit int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, fmt.Errorf("expands to more than %d MiB", c.limit>>20)
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// readTarGz expands a gzip-compressed tar of policies into memory. It keeps regular files only, refuses
// entries whose names leave the bundle (absolute, or with ".."), links and devices, and stops at the caps on
// expanded size and entries. Files other than .rego are kept too (a bundle may carry a README); only .rego
// files are read.
// limit is the cap on expanded bytes (maxBundleBytes).
func readTarGz(r io.Reader, limit int64) (fs.FS, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	tr := tar.NewReader(&capped{r: zr, n: limit, limit: limit})
	out := fstest.MapFS{}
	for entries := 0; ; entries++ {
		if entries > maxBundleEntries {
			return nil, fmt.Errorf("more than %d entries", maxBundleEntries)
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		name, err := bundleName(h.Name)
		if err != nil {
			return nil, err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			continue
		case tar.TypeReg:
		case tar.TypeSymlink, tar.TypeLink:
			return nil, fmt.Errorf("%s: links are not allowed in a policy bundle", h.Name)
		default:
			continue // pax headers and the like carry no files
		}
		if name == "" {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		out[name] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
}

// bundleName cleans an entry's name and refuses one that would leave the bundle.
func bundleName(raw string) (string, error) {
	n := strings.TrimPrefix(raw, "./")
	if strings.HasPrefix(n, "/") || strings.Contains(n, `\`) {
		return "", fmt.Errorf("%s: entry names must be relative paths inside the bundle", raw)
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return "", fmt.Errorf("%s: entry names must not leave the bundle (\"..\")", raw)
		}
	}
	n = path.Clean(n)
	if n == "." {
		return "", nil
	}
	return n, nil
}
