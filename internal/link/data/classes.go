package data

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// The data classes Seam knows by name.
const (
	classPII          = "pii"
	classPCI          = "pci"
	classPHI          = "phi"
	classCredentials  = "credentials"
	classConfidential = "confidential"
)

// classDescriptions describe the classes Seam knows, for the implicit nodes of classes seam.yaml does not
// declare.
var classDescriptions = map[string]string{
	classPII:          "Personal data (named by a tag, label or catalog entry; not declared in seam.yaml)",
	classPCI:          "Payment card data (named by a tag, label or catalog entry; not declared in seam.yaml)",
	classPHI:          "Protected health information (named by a tag, label or catalog entry; not declared in seam.yaml)",
	classCredentials:  "Credentials: passwords, keys, tokens (not declared in seam.yaml)",
	classConfidential: "Data marked confidential, secret or restricted, of an unstated kind (not declared in seam.yaml)",
}

// classWords maps a classification word (lowercase, "_" and spaces as "-") to the class it names; "" for
// the words that name no class.
var classWords = map[string]string{
	"pii": classPII, "personal": classPII, "personal-data": classPII,
	"pci": classPCI, "pci-dss": classPCI, "cardholder": classPCI, "cardholder-data": classPCI,
	"phi": classPHI, "hipaa": classPHI, "health": classPHI,
	"credentials": classCredentials, "credential": classCredentials, "creds": classCredentials,
	"confidential": classConfidential, "secret": classConfidential, "restricted": classConfidential,
	"sensitive": classConfidential, "highly-confidential": classConfidential,
	"strictly-confidential": classConfidential, "top-secret": classConfidential,
	"public": "", "internal": "", "none": "", "non-sensitive": "", "unclassified": "", "general": "",
}

// catalogWords are the Backstage tags that name a class (other tags, such as "postgres", say nothing).
var catalogWords = map[string]string{"pii": classPII, "pci": classPCI, "phi": classPHI, "credentials": classCredentials}

// conventionalKeys are the tag and label keys that carry a classification, as normalizeKey writes them:
// data_classification, data-classification, dataClassification, classification, sensitivity, data_class.
var conventionalKeys = map[string]bool{"dataclassification": true, "classification": true, "sensitivity": true,
	"dataclass": true}

// normalizeKey drops a key's "prefix/", its case and its "_", "-" and ".".
func normalizeKey(k string) string {
	if i := strings.LastIndex(k, "/"); i >= 0 {
		k = k[i+1:]
	}
	return keyReplacer.Replace(strings.ToLower(k))
}

// keyReplacer and wordReplacer are the rewrites of normalizeKey and normalizeWord.
var (
	keyReplacer  = strings.NewReplacer("_", "", "-", "", ".", "")
	wordReplacer = strings.NewReplacer("_", "-", " ", "-")
)

// normalizeWord writes a classification word as classWords keys it.
func normalizeWord(s string) string {
	return wordReplacer.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// declaredClass is a data class seam.yaml declares, as its node carries it.
type declaredClass struct {
	name  string
	node  *model.Node
	tags  []tagRule // sorted by key
	globs []string  // resources
}

// tagRule is one key → value glob of a declared class.
type tagRule struct{ key, glob string }

// classSet holds the declared classes.
type classSet struct {
	byName map[string]*declaredClass
	list   []*declaredClass // sorted by name
}

// readClasses reads the data-class nodes of the graph.
func readClasses(g interface {
	NodesOfKind(model.NodeKind) []*model.Node
}) *classSet {
	cs := &classSet{byName: map[string]*declaredClass{}}
	for _, n := range g.NodesOfKind(model.KindDataClass) {
		if n.Implicit {
			continue
		}
		d := &declaredClass{name: n.Name, node: n}
		if tags, ok := n.Attrs["tags"].(map[string]any); ok {
			for k, v := range tags {
				if s, ok := v.(string); ok {
					d.tags = append(d.tags, tagRule{key: k, glob: s})
				}
			}
			sort.Slice(d.tags, func(i, j int) bool { return d.tags[i].key < d.tags[j].key })
		}
		d.globs = link.Strings(n.Attrs["resources"])
		cs.byName[d.name] = d
		cs.list = append(cs.list, d)
	}
	return cs
}

// classesOf reads a classification value: the classes its words name, the words that name none (none), and
// the words Seam does not know.
func (cs *classSet) classesOf(value string) (classes, unknown []string, none bool) {
	words := strings.FieldsFunc(value, func(r rune) bool { return strings.ContainsRune(",;| \t", r) })
	if whole := normalizeWord(value); cs.known(whole) {
		words = []string{whole} // "Personal Data" is one word, not two
	}
	for _, raw := range words {
		word := normalizeWord(raw)
		if _, ok := cs.byName[word]; ok {
			classes = append(classes, word)
			continue
		}
		c, ok := classWords[word]
		switch {
		case !ok:
			unknown = append(unknown, raw)
		case c == "":
			none = true
		default:
			classes = append(classes, c)
		}
	}
	return dedupe(classes), unknown, none
}

// known reports whether a classification word is declared or one Seam knows.
func (cs *classSet) known(word string) bool {
	_, declared := cs.byName[word]
	_, ok := classWords[word]
	return declared || ok
}

// catalogClass returns the class a Backstage tag names, if any.
func (cs *classSet) catalogClass(tag string) (string, bool) {
	word := normalizeWord(tag)
	if _, ok := cs.byName[word]; ok {
		return word, true
	}
	c, ok := catalogWords[word]
	return c, ok
}

// classID returns the node ID of a class, noting an implicit node for a class no seam.yaml declares.
func (w *work) classID(name string, ev model.Evidence) string {
	id := model.DataClassID(name)
	if _, declared := w.classes.byName[name]; declared {
		return id
	}
	if _, exists := w.g.Node(id); exists {
		return id
	}
	if cur, ok := w.implicit[name]; !ok || evidenceLess(ev, cur) {
		w.implicit[name] = ev
	}
	return id
}

// evidence points at a declared class's entry in seam.yaml.
func (d *declaredClass) evidence(what string) model.Evidence { return link.Evidence(d.node, what) }

func evidenceLess(a, b model.Evidence) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

// stringMap reads a map of strings from an attribute.
func stringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, e := range m {
		if s, ok := e.(string); ok {
			out[k] = s
		}
	}
	return out
}

// dedupe removes repeats from a list, keeping the first.
func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
