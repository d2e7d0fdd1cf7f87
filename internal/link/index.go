package link

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Index holds the lookups several builders need, computed from one state of the graph: Terraform objects by
// root module and address, constructed ARNs, and the AWS accounts and regions the scanned files name.
type Index struct {
	g *graph.Graph
	// tf maps root module directory → address → node.
	tf map[string]map[string]*model.Node

	arnOnce sync.Once
	arns    map[string]string   // node ID → ARN, unknown parts as ${...} tokens
	byARN   map[string][]string // ARN → node IDs (exact, for ARNs without tokens and for tokens alike)

	acctOnce sync.Once
	account  Fact
	region   Fact
}

// Fact is a value the scanned files state, with where they state it.
type Fact struct {
	Value    string
	Evidence model.Evidence
	// Assumed is true when the value was inferred (the only account the files name) rather than stated for the
	// resource at hand.
	Assumed bool
}

// NewIndex builds the lookups for g.
func NewIndex(g *graph.Graph) *Index {
	ix := &Index{g: g, tf: map[string]map[string]*model.Node{}}
	for _, n := range g.Nodes() {
		root, addr, ok := TerraformAddress(n)
		if !ok {
			continue
		}
		m := ix.tf[root]
		if m == nil {
			m = map[string]*model.Node{}
			ix.tf[root] = m
		}
		m[addr] = n
	}
	return ix
}

// Graph returns the graph the index was built from.
func (ix *Index) Graph() *graph.Graph { return ix.g }

// TerraformAddress returns the root module directory ("." at the scan root) and address of a node the
// Terraform extractors made.
func TerraformAddress(n *model.Node) (root, addr string, ok bool) {
	addr, ok = n.Attrs["tf_address"].(string)
	if !ok || addr == "" {
		return "", "", false
	}
	if n.ID == addr {
		return ".", addr, true
	}
	if strings.HasSuffix(n.ID, ":"+addr) {
		return strings.TrimSuffix(n.ID, ":"+addr), addr, true
	}
	return "", "", false
}

// TFNode returns the Terraform object at an address of a root module.
func (ix *Index) TFNode(root, addr string) (*model.Node, bool) {
	n, ok := ix.tf[root][addr]
	return n, ok
}

// refPattern finds Terraform references in expression text: an optional chain of module calls, an optional
// "data.", a type and a name, an optional instance key, then the attribute path.
var refPattern = regexp.MustCompile(`((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*)`)

// Ref is a Terraform reference found in expression text, resolved to the node it reads.
type Ref struct {
	Node *model.Node
	Attr string // attribute path read from it ("arn", "id", "identity[0].oidc[0].issuer"), "" for the object
	// Start and End locate the reference in the text.
	Start, End int
}

// ResolveRefs finds the Terraform references in text written in (or passed into) the module of from, and
// resolves each to a node of from's root module. Source text is relative to the module it was written in,
// which is from's module or one of its callers: the deepest module that has the address wins. A reference
// to a resource with count or for_each but no key resolves to its first instance.
func (ix *Index) ResolveRefs(from *model.Node, text string) []Ref {
	root, _, ok := TerraformAddress(from)
	if !ok {
		return nil
	}
	mod, _ := from.Attrs["tf_module"].(string)
	var out []Ref
	for _, loc := range refPattern.FindAllStringSubmatchIndex(text, -1) {
		addr := text[loc[2]:loc[3]]
		attr := strings.TrimPrefix(text[loc[4]:loc[5]], ".")
		if strings.HasPrefix(addr, "var.") || strings.HasPrefix(addr, "local.") {
			continue
		}
		if n := ix.lookupInModules(root, mod, addr); n != nil {
			out = append(out, Ref{Node: n, Attr: attr, Start: loc[0], End: loc[1]})
		}
	}
	return out
}

func (ix *Index) lookupInModules(root, mod, addr string) *model.Node {
	m := ix.tf[root]
	for {
		full := addr
		if mod != "" {
			full = mod + "." + addr
		}
		if n, ok := m[full]; ok {
			return n
		}
		if n := firstInstance(m, full); n != nil {
			return n
		}
		if mod == "" {
			return nil
		}
		mod = parentModule(mod)
	}
}

// parentModule drops the last "module.<name>[key]" of a module path.
func parentModule(mod string) string {
	i := strings.LastIndex(mod, "module.")
	if i <= 0 {
		return ""
	}
	return strings.TrimSuffix(mod[:i], ".")
}

func firstInstance(m map[string]*model.Node, addr string) *model.Node {
	var keys []string
	for k := range m {
		if strings.HasPrefix(k, addr+"[") && !strings.Contains(k[len(addr):], "].") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	return m[keys[0]]
}

// String renders an attribute value as a string for matching. A known string is itself; an unknown value
// made of Terraform references becomes its expression with each reference replaced by what Seam knows of it
// (an ARN it can construct, a name the configuration sets) and every part it cannot know as a ${...} token.
// ok is false for values that are neither strings nor unknown strings.
func (ix *Index) String(from *model.Node, v any) (s string, known bool, ok bool) {
	switch x := v.(type) {
	case string:
		return x, true, true
	}
	expr, isUnknown := model.IsUnknown(v)
	if !isUnknown {
		return "", false, false
	}
	return ix.substitute(from, expr)
}

// substitute renders an unknown expression as described at String.
func (ix *Index) substitute(from *model.Node, expr string) (string, bool, bool) {
	inner, isTemplate := templateBody(expr)
	if !isTemplate {
		if v, ok := ix.refValue(from, expr); ok {
			return v, !HasToken(v), true
		}
		return Token(expr), false, true
	}
	var b strings.Builder
	known := true
	for _, part := range inner {
		if !part.interp {
			b.WriteString(part.text)
			continue
		}
		if v, ok := ix.refValue(from, part.text); ok {
			b.WriteString(v)
			known = known && !HasToken(v)
			continue
		}
		b.WriteString(Token(part.text))
		known = false
	}
	return b.String(), known, true
}

// refValue resolves a whole expression that is one reference ("aws_s3_bucket.docs.arn") to a string.
func (ix *Index) refValue(from *model.Node, expr string) (string, bool) {
	refs := ix.ResolveRefs(from, expr)
	if len(refs) != 1 || refs[0].Start != 0 || refs[0].End != len(expr) {
		return "", false
	}
	r := refs[0]
	switch r.Attr {
	case "arn":
		return ix.ARN(r.Node), true
	case "", "id", "name", "bucket":
		if v, ok := r.Node.Attrs[r.Attr].(string); ok && r.Attr != "" {
			return v, true
		}
		if r.Attr == "id" {
			if v, ok := idOf(r.Node); ok {
				return v, true
			}
		}
		return Token(r.Node.ID + "." + r.Attr), true
	default:
		if v, ok := r.Node.Attrs[r.Attr].(string); ok {
			return v, true
		}
		return Token(r.Node.ID + "." + r.Attr), true
	}
}

// idOf is the id of resources whose id is their name.
func idOf(n *model.Node) (string, bool) {
	for _, a := range []string{"bucket", "name", "identifier"} {
		if v, ok := n.Attrs[a].(string); ok && v != "" {
			switch n.Type {
			case "aws_s3_bucket", "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_db_instance", "aws_dynamodb_table", "aws_ssm_parameter", "aws_lambda_function", "aws_eks_cluster":
				return v, true
			}
		}
	}
	return "", false
}

// Token is how a part Seam cannot know appears inside a string: "${expr}". The IAM matcher treats a token as
// a part that may match anything, and says so.
func Token(expr string) string { return "${" + expr + "}" }

// HasToken reports whether s holds a ${...} token.
func HasToken(s string) bool { return strings.Contains(s, "${") }

type templatePart struct {
	text   string
	interp bool
}

// templateBody splits "${a}/x${b}" into its literal and interpolated parts; isTemplate is false for text
// without interpolations.
func templateBody(s string) ([]templatePart, bool) {
	if !strings.Contains(s, "${") {
		return nil, false
	}
	var parts []templatePart
	for len(s) > 0 {
		i := strings.Index(s, "${")
		if i < 0 {
			parts = append(parts, templatePart{text: s})
			break
		}
		if i > 0 {
			parts = append(parts, templatePart{text: s[:i]})
		}
		depth, j := 0, i+2
		for ; j < len(s); j++ {
			if s[j] == '{' {
				depth++
			} else if s[j] == '}' {
				if depth == 0 {
					break
				}
				depth--
			}
		}
		if j >= len(s) {
			parts = append(parts, templatePart{text: s[i:]})
			break
		}
		parts = append(parts, templatePart{text: strings.TrimSpace(s[i+2 : j]), interp: true})
		s = s[j+1:]
	}
	return parts, true
}

// MatchTokens reports whether concrete could be the value of s, a string with ${...} tokens for parts Seam
// cannot know: every literal part of s must appear in order, and each token may stand for any text. A string
// without tokens matches only itself.
func MatchTokens(s, concrete string) bool {
	parts, isTemplate := templateBody(s)
	if !isTemplate {
		return s == concrete
	}
	rest := concrete
	anchored := true // the next literal must start at rest[0]
	for i, p := range parts {
		if p.interp {
			anchored = false
			continue
		}
		last := i == len(parts)-1
		switch {
		case anchored && !strings.HasPrefix(rest, p.text):
			return false
		case anchored:
			rest = rest[len(p.text):]
		case last:
			return strings.HasSuffix(rest, p.text)
		default:
			j := strings.Index(rest, p.text)
			if j < 0 {
				return false
			}
			rest = rest[j+len(p.text):]
		}
		anchored = true
	}
	return !anchored || rest == ""
}
