package image

import (
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// dockerfile is a Dockerfile node as the matching reads it.
type dockerfile struct {
	node    *model.Node
	path    string
	dir     string
	names   []string // the name segments, normalised: the directories, then the stem of api.Dockerfile
	variant bool     // a development variant (Dockerfile.dev)
}

// name is the last name segment: the stem, else the directory.
func (d *dockerfile) name() string {
	if len(d.names) == 0 {
		return ""
	}
	return d.names[len(d.names)-1]
}

func readDockerfile(n *model.Node) *dockerfile {
	p := strings.TrimPrefix(n.ID, string(model.KindDockerfile)+":")
	d := &dockerfile{node: n, path: p, dir: path.Dir(p)}
	for _, s := range strings.Split(d.dir, "/") {
		if s != "." && s != "" {
			d.names = append(d.names, normName(s))
		}
	}
	base := path.Base(p)
	stem := ""
	for _, pre := range []string{"Dockerfile.", "Containerfile.", "dockerfile."} {
		if strings.HasPrefix(base, pre) {
			stem = base[len(pre):]
		}
	}
	for _, suf := range []string{".Dockerfile", ".dockerfile", ".Containerfile"} {
		if strings.HasSuffix(base, suf) {
			stem = strings.TrimSuffix(base, suf)
		}
	}
	stem = normName(stem)
	switch {
	case devVariants[stem]:
		d.variant = true
	case stem == "prod" || stem == "production" || stem == "release" || stem == "":
	default:
		d.names = append(d.names, stem)
	}
	return d
}

// buildEntry is one build a build configuration lists (the buildconfig extractor's "builds" attribute).
type buildEntry struct {
	config            *model.Node
	line              int
	image             string // the image node ID
	repository        string
	pattern           *regexp.Regexp // the repository with its unknown parts as wildcards, when it has any
	dockerfile        string
	dockerfileDefault bool
	dockerfilePattern *regexp.Regexp
	context           string
	contextKnown      bool
	target            string
	noDockerfile      string
	remote            string
	builder           string
}

// evidence points at the build's line in its configuration.
func (b *buildEntry) evidence() model.Evidence {
	what := b.builder + " builds " + b.imageRef()
	if b.dockerfile != "" {
		what += " from " + b.dockerfile
	}
	return model.Evidence{File: b.config.Prov.File, Line: b.line, What: what}
}

func (b *buildEntry) imageRef() string { return strings.TrimPrefix(b.image, "image:") }

// readBuilds reads every build of every build configuration node.
func readBuilds(g *graph.Graph) []*buildEntry {
	var out []*buildEntry
	for _, n := range g.NodesOfKind(model.KindConfig) {
		list, _ := n.Attrs["builds"].([]any)
		for _, it := range list {
			m, _ := it.(map[string]any)
			if b := readBuild(n, m); b != nil {
				out = append(out, b)
			}
		}
	}
	return out
}

func readBuild(cfg *model.Node, m map[string]any) *buildEntry {
	img, _ := m["image"].(string)
	if img == "" {
		return nil
	}
	b := &buildEntry{config: cfg, image: img, builder: str(m["builder"])}
	b.line = intOf(m["config_line"])
	b.repository, b.dockerfile, b.context = str(m["repository"]), str(m["dockerfile"]), str(m["context"])
	b.target, b.noDockerfile, b.remote = str(m["build_target"]), str(m["no_dockerfile"]), str(m["context_remote"])
	b.dockerfileDefault, _ = m["dockerfile_default"].(bool)
	unknown, _ := m["unknown_parts"].(map[string]any)
	if parts := strList(unknown["ref"]); len(parts) > 0 {
		b.pattern = wildcard(b.repository, parts)
	}
	if parts := strList(unknown["dockerfile"]); len(parts) > 0 {
		b.dockerfilePattern = wildcard(b.dockerfile, parts)
	}
	b.contextKnown = len(strList(unknown["context"])) == 0
	return b
}

// wildcard turns a value with unknown parts into a pattern in which each unknown part matches anything. It
// is nil when nothing known is left that could tell one image or path from another.
func wildcard(s string, unknown []string) *regexp.Regexp {
	quoted := make([]string, len(unknown))
	for i, u := range unknown {
		quoted[i] = regexp.QuoteMeta(u)
	}
	sort.Slice(quoted, func(i, j int) bool { return len(quoted[i]) > len(quoted[j]) })
	split := regexp.MustCompile(strings.Join(quoted, "|"))
	var b strings.Builder
	b.WriteString("^")
	knownLen := 0
	last := 0
	for _, loc := range split.FindAllStringIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:loc[0]]))
		knownLen += len(strings.Trim(s[last:loc[0]], "/:.-_"))
		b.WriteString(".+")
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]))
	knownLen += len(strings.Trim(s[last:], "/:.-_"))
	b.WriteString("$")
	if knownLen < 2 {
		return nil
	}
	return regexp.MustCompile(b.String())
}

// use is a workload running an image: the runs edge and the workload.
type use struct {
	edge     *model.Edge
	workload *model.Node
}

// containers are the names of the workload's containers that run the image: the Kubernetes extractor lists
// them in the runs edge's "via" attribute ([{container, container_type}]).
func (u use) containers() []string {
	var out []string
	if c, ok := u.edge.Attrs["container"].(string); ok && c != "" {
		out = append(out, c)
	}
	list, _ := u.edge.Attrs["via"].([]any)
	for _, v := range list {
		m, _ := v.(map[string]any)
		if c, ok := m["container"].(string); ok && c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// names are the names the directory convention tries: the workload's and its containers'.
func (u use) names() []string {
	out := []string{normName(u.workload.Name)}
	for _, c := range u.containers() {
		if !contains(out, normName(c)) {
			out = append(out, normName(c))
		}
	}
	return out
}

// uses returns, for every image node a workload runs, the runs edges, in the graph's order.
func uses(g *graph.Graph) map[string][]use {
	out := map[string][]use{}
	for _, e := range g.Edges() {
		if e.Kind != model.EdgeRuns {
			continue
		}
		wl, ok := g.Node(e.From)
		if !ok || wl.Kind != model.KindWorkload {
			continue
		}
		if img, ok := g.Node(e.To); ok && img.Kind == model.KindImage {
			out[e.To] = append(out[e.To], use{edge: e, workload: wl})
		}
	}
	return out
}

// orgEvidence is what says a registry or namespace is the organisation's own.
type orgEvidence struct {
	namespaces map[string]model.Evidence // host/first-segment that build configurations push to
	ecrRepos   map[string]model.Evidence // ECR repository names Terraform creates
	accounts   map[string]model.Evidence // AWS accounts a provider allows or an identity's ARN names
}

func readOrg(g *graph.Graph, builds []*buildEntry) orgEvidence {
	o := orgEvidence{namespaces: map[string]model.Evidence{}, ecrRepos: map[string]model.Evidence{},
		accounts: orgAccounts(g)}
	for _, b := range builds {
		if b.pattern != nil {
			continue
		}
		if r, ok := parseRepo(b.repository + ":x"); ok {
			if _, seen := o.namespaces[r.namespace()]; !seen {
				o.namespaces[r.namespace()] = b.evidence()
			}
		}
	}
	for _, n := range g.NodesOfKind(model.KindDataStore) {
		if n.Type != "aws_ecr_repository" {
			continue
		}
		if name, ok := n.Attrs["name"].(string); ok && name != "" {
			if _, seen := o.ecrRepos[name]; !seen {
				o.ecrRepos[name] = link.Evidence(n, "aws_ecr_repository "+name)
			}
		}
	}
	return o
}

var arnAccount = regexp.MustCompile(`\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12}):`)

// orgAccounts collects the AWS accounts the organisation's own configuration names: the accounts an AWS
// provider allows, and the accounts in the ARNs of identities (IRSA annotations, roles). Image references
// are not evidence: an image cannot vouch for its own registry.
func orgAccounts(g *graph.Graph) map[string]model.Evidence {
	out := map[string]model.Evidence{}
	note := func(a string, ev model.Evidence) {
		if _, ok := out[a]; !ok {
			out[a] = ev
		}
	}
	for _, n := range g.Nodes() {
		if n.Type != "provider.aws" {
			continue
		}
		for _, a := range strList(n.Attrs["allowed_account_ids"]) {
			note(a, link.Evidence(n, "provider allowed_account_ids "+a))
		}
	}
	for _, n := range g.NodesOfKind(model.KindIdentity) {
		walkStrings(n.Attrs, 0, func(s string) {
			for _, m := range arnAccount.FindAllStringSubmatch(s, -1) {
				note(m[1], link.Evidence(n, "ARN "+m[0]+"…"))
			}
		})
	}
	return out
}

// walkStrings calls f for every string in an attribute value, to a bounded depth.
func walkStrings(v any, depth int, f func(string)) {
	if depth > 16 {
		return
	}
	switch x := v.(type) {
	case string:
		f(x)
	case map[string]any:
		for _, e := range x {
			walkStrings(e, depth+1, f)
		}
	case []any:
		for _, e := range x {
			walkStrings(e, depth+1, f)
		}
	}
}

// owns says whether the organisation's files claim an image's registry, and with what evidence.
func (o orgEvidence) owns(r repo) (model.Evidence, string, bool) {
	if ev, ok := o.ecrRepos[strings.Join(r.path, "/")]; ok && r.account() != "" {
		return ev, "its ECR repository " + strings.Join(r.path, "/") + " is created by the Terraform here", true
	}
	if ev, ok := o.namespaces[r.namespace()]; ok {
		return ev, "build configurations here push to " + r.namespace(), true
	}
	if ev, ok := o.accounts[r.account()]; ok {
		return ev, "its ECR registry is in account " + r.account() + ", which the configuration here deploys to", true
	}
	return model.Evidence{}, "", false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func intOf(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return 0
}

func strList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}
