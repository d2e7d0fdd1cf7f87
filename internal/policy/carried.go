package policy

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// carried names the kinds of n's edges that sel reads, by direction and sorted ("o:a,b|i:c"): "*" when that
// is all of them and "" when none, so that selections declaring different kinds share an entry wherever the
// node's own edges give the same one; a leading "-" leaves the neighbours out (edges neighbours: false).
func (in *inputs) carried(n *model.Node, sel Select) string {
	k, ok := in.kinds[n.ID]
	if !ok {
		k = [2][]string{kindsOf(in.g.Out(n.ID)), kindsOf(in.g.In(n.ID))}
		in.kinds[n.ID] = k
	}
	var read [2][]string
	for d, kinds := range k {
		for _, kind := range kinds {
			if sel.Reads(d == 0, model.EdgeKind(kind)) {
				read[d] = append(read[d], kind)
			}
		}
	}
	key := "o:" + strings.Join(read[0], ",") + "|i:" + strings.Join(read[1], ",")
	switch {
	case len(read[0])+len(read[1]) == 0:
		return ""
	case len(read[0]) == len(k[0]) && len(read[1]) == len(k[1]):
		key = "*"
	}
	if sel.Edges != nil && sel.Edges.NoNeighbours {
		key = "-" + key
	}
	return key
}

// withNeighbours reports whether an entry carrying the edges key names (see carried) holds their other ends'
// summaries.
func withNeighbours(key string) bool { return !strings.HasPrefix(key, "-") }

// kindsOf lists the kinds of edges, sorted and once each.
func kindsOf(es []*model.Edge) []string {
	var out []string
	for _, e := range es {
		if !contains(out, string(e.Kind)) {
			out = append(out, string(e.Kind))
		}
	}
	sort.Strings(out)
	return out
}

// readsKind reports whether an entry carrying the kinds named by key (see carried) holds the edges of kind
// k out of the node (out) or into it.
func readsKind(key string, out bool, k model.EdgeKind) bool {
	key = strings.TrimPrefix(key, "-")
	if key == "*" {
		return true
	}
	o, i, _ := strings.Cut(strings.TrimPrefix(key, "o:"), "|i:")
	list := i
	if out {
		list = o
	}
	for list != "" {
		var x string
		x, list, _ = strings.Cut(list, ",")
		if x == string(k) {
			return true
		}
	}
	return false
}
