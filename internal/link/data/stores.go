package data

import (
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// The kinds of name a value can give a store by.
const (
	kindBucket    = "bucket"
	kindTable     = "table"
	kindQueue     = "queue"
	kindTopic     = "topic"
	kindSecret    = "secret"
	kindParameter = "parameter"
	kindDB        = "db"      // an RDS DB instance identifier
	kindCluster   = "cluster" // an RDS cluster identifier
)

// storeName says which attribute names a store of a Terraform type, and as what kind of name.
type storeName struct{ kind, attr string }

// storeTypes are the stores a value can name, by Terraform type.
var storeTypes = map[string]storeName{
	"aws_s3_bucket":             {kindBucket, "bucket"},
	"aws_dynamodb_table":        {kindTable, "name"},
	"aws_sqs_queue":             {kindQueue, "name"},
	"aws_sns_topic":             {kindTopic, "name"},
	"aws_secretsmanager_secret": {kindSecret, "name"},
	"aws_ssm_parameter":         {kindParameter, "name"},
	"aws_db_instance":           {kindDB, "identifier"},
	"aws_rds_cluster_instance":  {kindDB, "identifier"},
	"aws_rds_cluster":           {kindCluster, "cluster_identifier"},
}

// kindWords are the words of a variable name that say which kind of store its value names.
var kindWords = []struct{ word, kind string }{
	{"BUCKET", kindBucket}, {"TABLE", kindTable}, {"QUEUE", kindQueue}, {"TOPIC", kindTopic},
	{"SECRET", kindSecret}, {"PARAM", kindParameter}, {"DATABASE", kindDB}, {"DB", kindDB},
}

// kindOfVariable returns the kind of store a variable's name says its value names, "" when it says none.
func kindOfVariable(name string) string {
	upper := strings.ToUpper(name)
	for _, kw := range kindWords {
		if strings.Contains(upper, kw.word) {
			return kw.kind
		}
	}
	return ""
}

// storeIndex finds the stores a value names.
type storeIndex struct {
	datastores []*model.Node            // every data store but the catalog's, sorted by ID
	byName     map[string][]*model.Node // kind + "\x00" + name
	// unknown counts, per kind, the stores whose name Seam cannot know (it is unknown before apply).
	unknown map[string]int
	// byAddress are Terraform objects by address, across root modules; built when first needed.
	byAddress map[string][]*model.Node
}

// atAddress returns the Terraform objects at an address, in every root module.
func (w *work) atAddress(addr string) []*model.Node {
	si := w.stores
	if si.byAddress == nil {
		si.byAddress = map[string][]*model.Node{}
		for _, n := range w.g.Nodes() {
			if _, a, ok := link.TerraformAddress(n); ok {
				si.byAddress[a] = append(si.byAddress[a], n)
			}
		}
	}
	return si.byAddress[addr]
}

// indexStores builds the index from the graph.
func indexStores(w *work) *storeIndex {
	si := &storeIndex{byName: map[string][]*model.Node{}, unknown: map[string]int{}}
	for _, n := range w.g.Nodes() {
		if n.Kind == model.KindDataStore && !isCatalog(n) {
			si.datastores = append(si.datastores, n)
		}
		sn, ok := storeTypes[n.Type]
		if !ok {
			continue
		}
		name, known, _ := w.ix.String(n, n.Attrs[sn.attr])
		if !known || name == "" {
			si.unknown[sn.kind]++
			continue
		}
		if sn.kind == kindParameter {
			name = "/" + strings.TrimPrefix(name, "/")
		}
		si.byName[sn.kind+"\x00"+name] = append(si.byName[sn.kind+"\x00"+name], n)
	}
	return si
}

// lookup returns the stores of a kind with a name.
func (si *storeIndex) lookup(kind, name string) []*model.Node {
	if kind == kindParameter {
		name = "/" + strings.TrimPrefix(name, "/")
	}
	return si.byName[kind+"\x00"+name]
}

// nameRef is a store a value names: its kind and name, and the region and account the name carries.
type nameRef struct {
	kind, name      string
	region, account string
	form            string // how the value names it: "name", "s3 URL", "ARN", "SQS queue URL", "RDS endpoint" …
}

var (
	s3URL       = regexp.MustCompile(`\bs3a?://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/|\s|$|")`)
	s3Host      = regexp.MustCompile(`\b([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com\b`)
	arnPattern  = regexp.MustCompile(`\barn:aws[a-z-]*:(s3|dynamodb|sqs|sns|secretsmanager|ssm|rds):([a-z0-9-]*):([0-9]{12})?:([A-Za-z0-9_+=,.@/:-]+)`)
	sqsURL      = regexp.MustCompile(`\bhttps?://(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com/([0-9]{12})/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\b`)
	rdsEndpoint = regexp.MustCompile(`\b([a-z][a-z0-9-]{0,62})\.(cluster-(?:ro-|custom-)?)?[a-z0-9]{6,}\.([a-z]{2}(?:-gov)?-[a-z]+-[0-9])\.rds\.amazonaws\.com\b`)
	bareName    = regexp.MustCompile(`^/?[A-Za-z0-9][A-Za-z0-9._/+=@-]{2,254}$`)
)

// scanValue finds the stores a value names, in the order they appear; a whole value that could be a name is
// a nameRef of kind "" (any kind).
func scanValue(v string) []nameRef {
	var out []nameRef
	if bareName.MatchString(v) && !strings.HasPrefix(v, "arn:") {
		out = append(out, nameRef{name: v, form: "name"})
	}
	if !strings.Contains(v, "amazonaws.com") && !strings.Contains(v, "arn:") && !strings.Contains(v, "s3") {
		return out
	}
	for _, m := range s3URL.FindAllStringSubmatch(v, -1) {
		out = append(out, nameRef{kind: kindBucket, name: m[1], form: "s3 URL"})
	}
	for _, m := range s3Host.FindAllStringSubmatch(v, -1) {
		out = append(out, nameRef{kind: kindBucket, name: m[1], region: m[2], form: "S3 host name"})
	}
	for _, m := range sqsURL.FindAllStringSubmatch(v, -1) {
		region := m[1] + m[2]
		out = append(out, nameRef{kind: kindQueue, name: m[4], region: region, account: m[3], form: "SQS queue URL"})
	}
	for _, m := range rdsEndpoint.FindAllStringSubmatch(v, -1) {
		kind := kindDB
		if m[2] != "" {
			kind = kindCluster
		}
		out = append(out, nameRef{kind: kind, name: m[1], region: m[3], form: "RDS endpoint"})
	}
	for _, m := range arnPattern.FindAllStringSubmatch(v, -1) {
		if r, ok := arnRef(m[1], m[2], m[3], m[4]); ok {
			out = append(out, r)
		}
	}
	return out
}

// arnRef reads the store an ARN names from its service, region, account and resource parts (AWS Service
// Authorization Reference, "Resource types defined by …").
func arnRef(service, region, account, resource string) (nameRef, bool) {
	r := nameRef{region: region, account: account, form: "ARN"}
	switch service {
	case "s3":
		bucket, _, _ := strings.Cut(resource, "/")
		r.kind, r.name = kindBucket, bucket
	case "dynamodb":
		t, ok := strings.CutPrefix(resource, "table/")
		t, _, _ = strings.Cut(t, "/") // table/name/stream/…, table/name/index/…
		r.kind, r.name = kindTable, t
		return r, ok && t != ""
	case "sqs":
		r.kind, r.name = kindQueue, resource
	case "sns":
		topic, _, _ := strings.Cut(resource, ":") // a subscription ARN adds :<id>
		r.kind, r.name = kindTopic, topic
	case "secretsmanager":
		name, ok := strings.CutPrefix(resource, "secret:")
		r.kind, r.name = kindSecret, name
		return r, ok && name != ""
	case "ssm":
		name, ok := strings.CutPrefix(resource, "parameter")
		r.kind, r.name = kindParameter, name
		return r, ok && name != ""
	case "rds":
		kind, name, ok := strings.Cut(resource, ":")
		switch {
		case ok && kind == "db":
			r.kind, r.name = kindDB, name
		case ok && kind == "cluster":
			r.kind, r.name = kindCluster, name
		default:
			return r, false
		}
	default:
		return r, false
	}
	return r, r.name != ""
}

// resolve returns the stores a nameRef names. A secret's ARN ends with a random suffix (-AbCdEf) that
// Terraform knows only after apply: the name without it matches too.
func (si *storeIndex) resolve(r nameRef) []*model.Node {
	if r.kind == "" {
		var out []*model.Node
		for _, k := range []string{kindBucket, kindTable, kindQueue, kindTopic, kindSecret, kindParameter, kindDB, kindCluster} {
			if k == kindParameter && !strings.HasPrefix(r.name, "/") {
				continue // a parameter named without its leading slash is too loose a match
			}
			out = append(out, si.lookup(k, r.name)...)
		}
		return out
	}
	out := si.lookup(r.kind, r.name)
	if len(out) == 0 && r.kind == kindSecret {
		if i := strings.LastIndex(r.name, "-"); i > 0 && len(r.name)-i == 7 {
			out = si.lookup(r.kind, r.name[:i])
		}
	}
	return out
}

// place checks the region and account a name carries against what the files state for the store; it
// returns the reason they disagree, "" when they do not (an unstated region or account never disagrees).
func (w *work) place(r nameRef, n *model.Node) string {
	if r.region != "" {
		if f := w.ix.RegionOf(n); f.Value != "" && !f.Assumed && f.Value != r.region {
			return "the " + r.form + " is in region " + r.region + ", " + n.ID + " in " + f.Value
		}
	}
	if r.account != "" {
		if f := w.ix.AccountOf(n); f.Value != "" && !f.Assumed && f.Value != r.account {
			return "the " + r.form + " is in account " + r.account + ", " + n.ID + " in " + f.Value
		}
	}
	return ""
}
