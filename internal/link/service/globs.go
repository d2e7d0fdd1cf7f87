package service

import (
	"github.com/seam-sec/seam/internal/link"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/model"
)

// idIndex finds the nodes whose IDs a seam.yaml resources glob matches. Nodes are sorted by ID, so a glob only
// tests the IDs that start with its literal prefix ("k8s:shop/" for "k8s:shop/*/api").
type idIndex struct{ nodes []*model.Node }

func newIDIndex(sorted []*model.Node) idIndex { return idIndex{nodes: sorted} }

// match returns the nodes whose ID the doublestar glob matches, sorted by ID. A glob that does not compile
// matches nothing (seam.yaml validation already refused it).
func (ix idIndex) match(glob string) []*model.Node {
	prefix := link.LiteralPrefix(glob)
	lo := sort.Search(len(ix.nodes), func(i int) bool { return ix.nodes[i].ID >= prefix })
	var out []*model.Node
	for i := lo; i < len(ix.nodes) && strings.HasPrefix(ix.nodes[i].ID, prefix); i++ {
		if ok, _ := doublestar.Match(glob, ix.nodes[i].ID); ok {
			out = append(out, ix.nodes[i])
		}
	}
	return out
}

// fileIndex groups the nodes a file defines (see definedInFile) by that file, so that a path glob is tested
// once per file rather than once per node.
type fileIndex struct {
	files []string // sorted
	nodes map[string][]*model.Node
}

func newFileIndex(sorted []*model.Node) fileIndex {
	ix := fileIndex{nodes: map[string][]*model.Node{}}
	for _, n := range sorted {
		if !definedInFile(n) {
			continue
		}
		if _, ok := ix.nodes[n.Prov.File]; !ok {
			ix.files = append(ix.files, n.Prov.File)
		}
		ix.nodes[n.Prov.File] = append(ix.nodes[n.Prov.File], n)
	}
	sort.Strings(ix.files)
	return ix
}

// match returns the files a doublestar path glob matches, sorted.
func (ix fileIndex) match(glob string) []string {
	prefix := link.LiteralPrefix(glob)
	lo := sort.SearchStrings(ix.files, prefix)
	var out []string
	for i := lo; i < len(ix.files) && strings.HasPrefix(ix.files[i], prefix); i++ {
		if ok, _ := doublestar.Match(glob, ix.files[i]); ok {
			out = append(out, ix.files[i])
		}
	}
	return out
}

// under returns the files below a directory, or the file itself when dir is one, sorted.
func (ix fileIndex) under(dir string) []string {
	var out []string
	if _, ok := ix.nodes[dir]; ok {
		out = append(out, dir)
	}
	prefix := dir + "/"
	lo := sort.SearchStrings(ix.files, prefix)
	for i := lo; i < len(ix.files) && strings.HasPrefix(ix.files[i], prefix); i++ {
		out = append(out, ix.files[i])
	}
	return out
}
