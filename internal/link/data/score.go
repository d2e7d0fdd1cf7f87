package data

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// namedAs is one name a store goes by, the attribute that gives it, and how much a match on it says.
type namedAs struct {
	value, field string
	conf         link.Confidence
}

// primaryAttrs give the names that identify a store (high); secondaryAttrs names it also goes by (medium).
var (
	primaryAttrs = map[string][]string{
		"aws_s3_bucket": {"bucket"}, "aws_db_instance": {"identifier"}, "aws_rds_cluster": {"cluster_identifier"},
		"aws_docdb_cluster": {"cluster_identifier"}, "aws_redshift_cluster": {"cluster_identifier"},
		"aws_dynamodb_table": {"name"}, "aws_sqs_queue": {"name"}, "aws_sns_topic": {"name"},
		"aws_secretsmanager_secret": {"name"}, "aws_ssm_parameter": {"name"},
		"aws_elasticache_cluster": {"cluster_id"}, "aws_elasticache_replication_group": {"replication_group_id"},
	}
	secondaryAttrs = map[string][]string{
		"aws_db_instance": {"db_name"}, "aws_rds_cluster": {"database_name"}, "aws_redshift_cluster": {"database_name"},
	}
)

// namesOf lists the names a store goes by: its identifying attributes, its database name, its Terraform
// resource name, or its Kubernetes object name.
func (w *work) namesOf(n *model.Node) []namedAs {
	if names, ok := w.storeNames[n]; ok {
		return names
	}
	if w.storeNames == nil {
		w.storeNames = map[*model.Node][]namedAs{}
	}
	names := w.computeNames(n)
	w.storeNames[n] = names
	return names
}

// names indexes every data store, and every node of a type a Backstage type fits, under the keys a
// Resource's name or description can reach it by: each of its names lowercased and normalised, and, for an
// identifying name, each run of its "-" segments (so "orders" finds "webshop-prod-orders").
func (w *work) names() map[string][]*model.Node {
	if w.nameIndex != nil {
		return w.nameIndex
	}
	w.nameIndex = map[string][]*model.Node{}
	seen := map[string]map[*model.Node]bool{}
	put := func(k string, n *model.Node) {
		if len(k) < 3 || seen[k][n] {
			return
		}
		if seen[k] == nil {
			seen[k] = map[*model.Node]bool{}
		}
		seen[k][n] = true
		w.nameIndex[k] = append(w.nameIndex[k], n)
	}
	for _, n := range w.g.Nodes() {
		if isCatalog(n) || (n.Kind != model.KindDataStore && !fitsAnyType[n.Type]) {
			continue
		}
		for _, nm := range w.namesOf(n) {
			put(strings.ToLower(nm.value), n)
			norm := normalizeName(nm.value)
			put(norm, n)
			if nm.conf >= link.High {
				segs := strings.Split(norm, "-")
				for i := range segs {
					for j := i + 1; j <= len(segs) && j-i <= 4; j++ {
						put(strings.Join(segs[i:j], "-"), n)
					}
				}
			}
		}
	}
	return w.nameIndex
}

// tokens splits a description into the words that could be names ("webshop-prod-orders"), lowercased.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r > 127 || !nameChar(byte(r)) })
}

// computeNames is namesOf without the cache.
func (w *work) computeNames(n *model.Node) []namedAs {
	var out []namedAs
	for _, a := range primaryAttrs[n.Type] {
		if s, known, _ := w.ix.String(n, n.Attrs[a]); known && s != "" {
			out = append(out, namedAs{value: s, field: a, conf: link.High})
		}
	}
	for _, a := range secondaryAttrs[n.Type] {
		if s, known, _ := w.ix.String(n, n.Attrs[a]); known && s != "" {
			out = append(out, namedAs{value: s, field: a, conf: link.Medium})
		}
	}
	if _, addr, ok := link.TerraformAddress(n); ok {
		name := addr[strings.LastIndex(addr, ".")+1:]
		if i := strings.Index(name, "["); i >= 0 {
			name = name[:i]
		}
		out = append(out, namedAs{value: name, field: "Terraform name", conf: link.Medium})
	}
	if isKubernetes(n) {
		out = append(out, namedAs{value: n.Name, field: "name", conf: link.Medium})
	}
	return out
}

// signals collects what points from a Resource to one store, by kind of signal.
type signals struct {
	best     link.Confidence
	method   string
	kinds    map[string]bool
	reasons  []string
	evidence []model.Evidence
}

func (s *signals) note(method string, c link.Confidence, reason string, ev model.Evidence) {
	if s.kinds == nil {
		s.kinds = map[string]bool{}
	}
	if !s.kinds[method] {
		s.reasons = append(s.reasons, reason)
		s.evidence = append(s.evidence, ev)
	}
	s.kinds[method] = true
	if c > s.best || s.method == "" {
		s.best, s.method = c, method
	}
}

// score says how well a Resource fits a store; false when nothing points from one to the other.
func (w *work) score(r, n *model.Node, own []string, desc, dir string) (resourceMatch, bool) {
	var s signals
	names := w.namesOf(n)
	for _, nm := range names {
		for _, o := range own {
			if c, how, ok := compareNames(o, nm.value, nm.conf); ok {
				s.note(methodName, c, fmt.Sprintf("its name %q %s %s %q", o, how, nm.field, nm.value),
					link.Evidence(n, fmt.Sprintf("%s %s = %q", n.Type, nm.field, nm.value)))
			}
		}
	}
	if desc != "" {
		for _, nm := range names {
			if nm.conf >= link.High && containsToken(desc, nm.value) {
				s.note(methodDescription, link.Medium, fmt.Sprintf("its description names %s %q", nm.field, nm.value),
					link.Evidence(n, fmt.Sprintf("%s %s = %q", n.Type, nm.field, nm.value)))
			}
		}
	}
	if dir != "" && strings.HasPrefix(n.Prov.File, dir+"/") {
		s.note(methodSourceLocation, link.Low, fmt.Sprintf("its source location %s holds %s", dir, n.Prov.File),
			link.Evidence(n, "defined in "+n.Prov.File))
	}
	if s.method == "" || (len(s.kinds) == 1 && s.kinds[methodSourceLocation]) {
		return resourceMatch{}, false // a directory alone says too little
	}
	conf := s.best
	if len(s.kinds) >= 2 {
		conf = raise(conf)
	}
	ev := append([]model.Evidence{link.Evidence(r, "Backstage Resource "+r.Name)}, s.evidence...)
	return resourceMatch{store: n, conf: conf, method: s.method, evidence: ev,
		reason: fmt.Sprintf("Backstage Resource %s describes %s: %s", r.Name, n.ID, strings.Join(s.reasons, "; "))}, true
}

// kindAffixes are the words that say what kind of store a name is, dropped before names are compared.
var kindAffixes = []string{"db", "database", "bucket", "table", "queue", "topic", "secret", "rds", "s3", "store"}

// nameReplacer writes "_", "." and spaces as "-".
var nameReplacer = strings.NewReplacer("_", "-", " ", "-", ".", "-")

// normalizeName lowercases a name, writes "_", "." and spaces as "-", and drops a kind word at either end.
func normalizeName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = nameReplacer.Replace(s)
	for _, a := range kindAffixes {
		if t := strings.TrimSuffix(s, "-"+a); t != s && t != "" {
			return t
		}
		if t := strings.TrimPrefix(s, a+"-"); t != s && t != "" {
			return t
		}
	}
	return s
}

// compareNames compares a Resource's name with a store's: equal (the name's confidence), equal without a
// kind word (one level lower), or, for an identifying name, one of its "-" segments (low).
func compareNames(resource, store string, conf link.Confidence) (link.Confidence, string, bool) {
	if len(resource) < 3 {
		return 0, "", false
	}
	if strings.EqualFold(resource, store) {
		return conf, "equals", true
	}
	a, b := normalizeName(resource), normalizeName(store)
	if len(a) < 3 {
		return 0, "", false
	}
	if a == b {
		return lower(conf), "equals, without its kind word,", true
	}
	if conf >= link.High && strings.Contains("-"+b+"-", "-"+a+"-") {
		return link.Low, "is, without its kind word, part of", true
	}
	return 0, "", false
}

// containsToken reports whether text names s as a whole word (not inside a longer name), without case.
func containsToken(text, s string) bool {
	if len(s) < 3 {
		return false
	}
	t, s := strings.ToLower(text), strings.ToLower(s)
	for off := 0; ; {
		i := strings.Index(t[off:], s)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(s)
		if (start == 0 || !nameChar(t[start-1])) && (end == len(t) || !nameChar(t[end])) {
			return true
		}
		off = start + 1
	}
}

func nameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
