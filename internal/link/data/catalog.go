package data

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// AnnotationResource is the Backstage annotation that names the nodes a Resource describes: node IDs, globs
// of node IDs, Terraform addresses or ARNs, separated by commas.
const AnnotationResource = "seam.dev/resource"

// The Backstage annotations the builder reads besides its own
// (https://backstage.io/docs/features/software-catalog/well-known-annotations).
const (
	annotationSourceLocation = "backstage.io/source-location"
	annotationKubernetesID   = "backstage.io/kubernetes-id"
	annotationNamespace      = "backstage.io/kubernetes-namespace"
	annotationLabelSelector  = "backstage.io/kubernetes-label-selector"
)

// resourceMatch is a store a Backstage Resource describes.
type resourceMatch struct {
	store    *model.Node
	conf     link.Confidence
	method   string
	reason   string
	evidence []model.Evidence
}

// resources returns the Backstage Resources the catalog defines, sorted by ID.
func (w *work) resources() []*model.Node {
	if w.resourceList != nil {
		return *w.resourceList
	}
	out := []*model.Node{}
	for _, k := range []model.NodeKind{model.KindDataStore, model.KindResource} {
		for _, n := range w.g.NodesOfKind(k) {
			if isCatalog(n) && n.Type == "Resource" && !n.Implicit {
				out = append(out, n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	w.resourceList = &out
	return out
}

// matchResources matches every Backstage Resource to the stores it describes and makes the references edges.
func (w *work) matchResources() {
	for _, r := range w.resources() {
		var ms []resourceMatch
		if v := stringMap(r.Attrs["annotations"])[AnnotationResource]; strings.TrimSpace(v) != "" {
			ms = w.annotationMatches(r, v)
		} else {
			ms = w.nameMatches(r)
		}
		w.matches[r.ID] = ms
		for _, m := range ms {
			w.add(r.ID, model.EdgeReferences, m.store.ID, link.Link{Method: m.method, Confidence: m.conf,
				Reason: m.reason, Evidence: m.evidence})
		}
	}
}

// annotationMatches reads seam.dev/resource.
func (w *work) annotationMatches(r *model.Node, v string) []resourceMatch {
	var out []resourceMatch
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		ev := link.Evidence(r, fmt.Sprintf("annotation %s: %s", AnnotationResource, item))
		targets, conf := w.annotationTargets(item)
		if len(targets) == 0 {
			w.broken(r.ID, model.EdgeReferences, "", link.Link{Method: methodAnnotation, Evidence: []model.Evidence{ev},
				Reason: fmt.Sprintf("annotation %s of Backstage Resource %s names %q, which is no node of the scan", AnnotationResource, r.Name, item)})
			continue
		}
		for _, t := range targets {
			out = append(out, resourceMatch{store: t, conf: conf, method: methodAnnotation,
				reason:   fmt.Sprintf("Backstage Resource %s names %s in its %s annotation", r.Name, t.ID, AnnotationResource),
				evidence: []model.Evidence{ev, link.Evidence(t, t.Type+" "+t.Name)}})
		}
	}
	return out
}

// annotationTargets resolves one item of seam.dev/resource: a node ID or an ARN (certain), a glob of node
// IDs or a Terraform address in any root module (high).
func (w *work) annotationTargets(item string) ([]*model.Node, link.Confidence) {
	if n, ok := w.g.Node(item); ok && !isCatalog(n) {
		return []*model.Node{n}, link.Certain
	}
	if strings.HasPrefix(item, "arn:") {
		var out []*model.Node
		for _, id := range w.ix.NodesByARN(item) {
			if n, ok := w.g.Node(id); ok {
				out = append(out, n)
			}
		}
		return out, link.Certain
	}
	if strings.ContainsAny(item, "*?[{") {
		var out []*model.Node
		for _, n := range w.dataStores() {
			if ok, _ := doublestar.Match(item, n.ID); ok {
				out = append(out, n)
			}
		}
		return out, link.High
	}
	return w.atAddress(item), link.High
}

// nameMatches matches a Resource by its name, title, description and source location.
func (w *work) nameMatches(r *model.Node) []resourceMatch {
	typ, _ := r.Attrs["type"].(string)
	own := resourceNames(r)
	desc, _ := r.Attrs["description"].(string)
	dir := sourceDir(stringMap(r.Attrs["annotations"])[annotationSourceLocation])
	var best []resourceMatch
	for _, n := range w.candidates(typ, own, desc) {
		m, ok := w.score(r, n, own, desc, dir)
		if !ok {
			continue
		}
		switch {
		case len(best) == 0 || m.conf > best[0].conf:
			best = []resourceMatch{m}
		case m.conf == best[0].conf:
			best = append(best, m)
		}
	}
	return w.settle(r, typ, best)
}

// maxTied is how many equally good candidates are still all linked.
const maxTied = 3

// settle keeps one best match, or up to maxTied equally good ones one level lower; more, or none, is a
// refused link.
func (w *work) settle(r *model.Node, typ string, best []resourceMatch) []resourceMatch {
	ev := link.Evidence(r, "Backstage Resource "+r.Name)
	switch {
	case len(best) == 0:
		w.broken(r.ID, model.EdgeReferences, "", link.Link{Method: methodName, Evidence: []model.Evidence{ev},
			Reason: fmt.Sprintf("no data store of the scan fits Backstage Resource %s (type %q) by name, description or source location; name it with the %s annotation",
				r.Name, typ, AnnotationResource)})
		return nil
	case len(best) == 1:
		return best
	case len(best) > maxTied:
		ids := make([]string, 0, maxTied)
		for _, m := range best[:maxTied] {
			ids = append(ids, m.store.ID)
		}
		w.broken(r.ID, model.EdgeReferences, "", link.Link{Method: best[0].method, Evidence: []model.Evidence{ev},
			Reason: fmt.Sprintf("Backstage Resource %s fits %d data stores equally well (%s, …); name one with the %s annotation",
				r.Name, len(best), strings.Join(ids, ", "), AnnotationResource)})
		return nil
	}
	for i := range best {
		best[i].conf = lower(best[i].conf)
		best[i].reason += fmt.Sprintf("; one of %d equally good candidates", len(best))
	}
	return best
}

// candidates are the stores a Resource may describe: those with a name its names or description point at
// (see nameIndex), of a type that fits its Backstage type, sorted by ID.
func (w *work) candidates(typ string, own []string, desc string) []*model.Node {
	fit, known := resourceTypes[strings.ToLower(typ)]
	ix := w.names()
	seen := map[*model.Node]bool{}
	var out []*model.Node
	look := func(key string) {
		for _, n := range ix[key] {
			if !seen[n] && (fit[n.Type] || !known && n.Kind == model.KindDataStore) {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	for _, o := range own {
		look(strings.ToLower(o))
		look(normalizeName(o))
	}
	for _, tok := range tokens(desc) {
		look(tok)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

var (
	bucketTypes   = []string{"aws_s3_bucket"}
	rdsTypes      = []string{"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_redshift_cluster"}
	dynamoTypes   = []string{"aws_dynamodb_table"}
	cacheTypes    = []string{"aws_elasticache_cluster", "aws_elasticache_replication_group"}
	secretTypes   = []string{"aws_secretsmanager_secret", "aws_ssm_parameter", "Secret"}
	databaseTypes = append(append(append([]string{}, rdsTypes...), dynamoTypes...), "PersistentVolumeClaim")
)

// resourceTypes maps a Backstage Resource's spec.type (lowercase) to the node types it can describe; any data
// store for a type not listed.
var resourceTypes = map[string]map[string]bool{
	"s3": set(bucketTypes), "s3-bucket": set(bucketTypes), "bucket": set(bucketTypes),
	"storage-bucket": set(bucketTypes), "object-storage": set(bucketTypes), "blob-storage": set(bucketTypes),
	"database": set(databaseTypes), "db": set(databaseTypes),
	"rds": set(rdsTypes), "aurora": set(rdsTypes), "postgres": set(rdsTypes), "postgresql": set(rdsTypes),
	"mysql": set(rdsTypes), "mariadb": set(rdsTypes),
	"dynamodb": set(dynamoTypes), "dynamodb-table": set(dynamoTypes),
	"redis": set(cacheTypes), "memcached": set(cacheTypes), "cache": set(cacheTypes),
	"secret": set(secretTypes), "secrets": set(secretTypes), "vault": set(secretTypes),
	"queue": set([]string{"aws_sqs_queue"}), "sqs": set([]string{"aws_sqs_queue"}),
	"topic": set([]string{"aws_sns_topic"}), "sns": set([]string{"aws_sns_topic"}),
}

// fitsAnyType are the node types some Backstage type fits.
var fitsAnyType = func() map[string]bool {
	m := map[string]bool{}
	for _, fit := range resourceTypes {
		for t := range fit {
			m[t] = true
		}
	}
	return m
}()

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// resourceNames are the names a Resource goes by: its name and title.
func resourceNames(r *model.Node) []string {
	out := []string{r.Name}
	if t, ok := r.Attrs["title"].(string); ok && t != "" && !strings.EqualFold(t, r.Name) {
		out = append(out, t)
	}
	return out
}

// sourceDir reads the repository directory of a backstage.io/source-location URL
// ("url:https://github.com/acme/shop/tree/main/infra/terraform" → "infra/terraform"), "" when it names none.
func sourceDir(loc string) string {
	loc = strings.TrimPrefix(strings.TrimPrefix(loc, "url:"), "dir:")
	for _, sep := range []string{"/tree/", "/blob/", "/-/tree/", "/-/blob/", "/src/"} {
		if _, rest, ok := strings.Cut(loc, sep); ok {
			_, dir, _ := strings.Cut(rest, "/") // the ref
			return strings.Trim(dir, "/")
		}
	}
	return ""
}
