package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/iam"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// databaseTypes are the stores whose credentials a secret can hold, and the attribute that makes AWS keep the
// master password in a Secrets Manager secret of its own (with the name prefix AWS gives it).
var databaseTypes = map[string]struct{ managed, prefix string }{
	"aws_db_instance":      {"manage_master_user_password", "rds!db-"},
	"aws_rds_cluster":      {"manage_master_user_password", "rds!cluster-"},
	"aws_redshift_cluster": {"manage_master_password", "redshift!"},
	"aws_docdb_cluster":    {"", ""},
}

// related returns a store and the nodes that carry its value: a secret's versions (resources and data
// sources), a bucket's objects; a parameter is its own value.
func related(c *paths.Context, store *model.Node) []*model.Node {
	out := []*model.Node{store}
	for _, k := range []model.EdgeKind{model.EdgePartOf, model.EdgeReferences} {
		for _, e := range inOf(c, store.ID, k) {
			if n := c.Node(e.From); n != nil && (strings.Contains(n.Type, "secretsmanager_secret_version") || oneOf(n.Type, objectTypes)) {
				out = append(out, n)
			}
		}
	}
	return out
}

// objectTypes are the S3 objects a bucket's configuration writes.
var objectTypes = []string{"aws_s3_object", "aws_s3_bucket_object"}

// heldCredentials is a database whose credentials a store holds, and the edge that says so.
type heldCredentials struct {
	db   *model.Node
	edge *model.Edge
	how  string
}

// databasesIn returns the databases whose credentials a secret or parameter holds: a Terraform reference
// between the store (or its version) and the database, either way, or a connects-to edge whose credentials
// come from it.
func databasesIn(c *paths.Context, store *model.Node) []heldCredentials {
	var out []heldCredentials
	seen := map[string]bool{}
	add := func(db *model.Node, e *model.Edge, how string) {
		if db == nil || seen[db.ID] {
			return
		}
		if _, ok := databaseTypes[db.Type]; ok {
			seen[db.ID] = true
			out = append(out, heldCredentials{db: db, edge: e, how: how})
		}
	}
	for _, n := range related(c, store) {
		for _, e := range outOf(c, n.ID, model.EdgeReferences) {
			add(c.Node(e.To), e, n.ID+" refers to the database")
		}
		for _, e := range inOf(c, n.ID, model.EdgeReferences) {
			add(c.Node(e.From), e, "the database's configuration reads "+n.ID)
		}
		for _, e := range connectionsWith(c)[n.ID] {
			add(c.Node(e.To), e, name(c, e.From)+" connects to the database with credentials from "+n.ID)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].db.ID < out[j].db.ID })
	return out
}

// connectionsWith indexes the connects-to edges by the store their credentials come from.
func connectionsWith(c *paths.Context) map[string][]*model.Edge {
	return c.Cached("aws.credentials-from", func() any {
		m := map[string][]*model.Edge{}
		for _, e := range c.Graph.Edges() {
			if e.Kind == model.EdgeConnectsTo {
				if from := str(e.Attrs["credentials_from"]); from != "" {
					m[from] = append(m[from], e)
				}
			}
		}
		return m
	}).(map[string][]*model.Edge)
}

// reach says what is known of the network path to a database, for the step's assumption and likelihood.
func reach(c *paths.Context, db *model.Node) (factor float64, assumption string, ev []model.Evidence) {
	if d, ok := db.Derived["exposure"]; ok {
		if m, _ := d.Value.(map[string]any); m["internet"] == true {
			return 1, "", []model.Evidence{{File: d.Prov.File, Line: d.Prov.Line, What: "reachable from the internet"}}
		}
	}
	var from []string
	for _, e := range inOf(c, db.ID, model.EdgeNetworkReach) {
		from = append(from, e.From)
		if len(ev) < 3 {
			ev = append(ev, edgeEvidence(e, "network reach")...)
		}
	}
	if len(from) > 0 {
		return 0.9, fmt.Sprintf("the attacker connects to %s from a place its network admits (it admits %s)", db.ID, strings.Join(first(from, 3), ", ")), ev
	}
	return 0.7, fmt.Sprintf("Seam cannot tell what reaches %s on the network: the attacker is assumed to reach it", db.ID), nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("%d more", len(s)-n))
	}
	return s
}

// secretDatabase: reading a secret or parameter that holds a database's credentials gives the database.
type secretDatabase struct{}

func (secretDatabase) Meta() paths.Meta {
	return paths.Meta{ID: "aws.secret-database", Title: "A secret holds a database's credentials",
		Technique: "T1555.006", TechniqueName: "Credentials from Password Stores: Cloud Secrets Management Stores",
		// The secret is the login; what is left is a network path to the database.
		Likelihood: 0.85,
		Rationale:  "whoever reads the secret logs in to the database as its user, from anywhere the network lets in",
		Control:    "use IAM database authentication, or a database user limited to what its clients need; keep the database off networks attackers reach",
		From:       []paths.Kind{paths.Read}, To: []paths.Kind{paths.Read, paths.Write}}
}

func (r secretDatabase) Steps(c *paths.Context, s paths.State) []paths.Step {
	store := c.Node(s.Node)
	if store == nil || !oneOf(store.Type, []string{"aws_secretsmanager_secret", "aws_ssm_parameter"}) {
		return nil
	}
	var steps []paths.Step
	for _, h := range databasesIn(c, store) {
		factor, assumed, reachEv := reach(c, h.db)
		assumptions := appendNew(nil, assumed, fmt.Sprintf("the credentials in %s are a database user that may read and write %s", store.ID, h.db.ID))
		ev := append(edgeEvidence(h.edge, h.how), model.EvidenceAt(h.db.Prov, h.db.Type+" "+h.db.Name))
		ev = append(ev, reachEv...)
		ctl := paths.ControlAt("db-credentials", store, fmt.Sprintf("take the credentials of %s out of %s: IAM database authentication or a least-privilege database user", h.db.Name, name(c, store.ID)))
		for _, k := range []paths.Kind{paths.Read, paths.Write} {
			steps = append(steps, paths.Step{To: paths.State{Kind: k, Node: h.db.ID}, Likelihood: r.Meta().Likelihood * factor * 0.9,
				Reason:   fmt.Sprintf("%s holds the credentials of %s (%s): whoever reads it logs in", name(c, store.ID), name(c, h.db.ID), h.how),
				Evidence: ev, Control: ctl, Assumptions: assumptions, Via: keys(h.edge)})
		}
	}
	return steps
}

// masterSecret: AWS keeps the master password of a database with manage_master_user_password in a Secrets
// Manager secret it names rds!db-… (rds!cluster-… for clusters); an identity allowed
// secretsmanager:GetSecretValue on it logs in as the master user. The secret is not a resource of the files,
// so the rule asks the IAM model, and trusts a grant that names the database's master_user_secret.
type masterSecret struct{}

func (masterSecret) Meta() paths.Meta {
	return paths.Meta{ID: "aws.rds-master-secret", Title: "An identity reads a database's AWS-managed master secret",
		Technique: "T1555.006", TechniqueName: "Credentials from Password Stores: Cloud Secrets Management Stores",
		// One GetSecretValue call returns the master user's password.
		Likelihood: 0.85,
		Rationale:  "the master user owns every database of the instance; its secret is one API call away for whoever may read it",
		Control:    "grant secretsmanager:GetSecretValue on the master secret to no workload; give applications their own database users",
		From:       []paths.Kind{paths.Creds}, To: []paths.Kind{paths.Read, paths.Write}}
}

func (r masterSecret) Steps(c *paths.Context, s paths.State) []paths.Step {
	v := viewOf(c)
	p := v.principals[s.Node]
	if p == nil {
		return nil
	}
	account, region := v.accountOf(p.ID)
	decisions := map[string]iam.Decision{} // by secret name prefix: one evaluation for every database
	var steps []paths.Step
	for _, db := range managedDatabases(c) {
		t := databaseTypes[db.Type]
		arn := fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s*", region, account, t.prefix)
		d, done := decisions[t.prefix]
		if !done {
			d = decide(p, "secretsmanager:GetSecretValue", pattern(arn), nil)
			decisions[t.prefix] = d
		}
		if !d.Allowed {
			continue
		}
		names, ok := v.namesMasterSecret(d, db, arn)
		if !ok {
			continue
		}
		factor, assumed, reachEv := reach(c, db)
		assumptions := appendNew(nil, assumed)
		likelihood := r.Meta().Likelihood * factor
		if !names {
			assumptions = appendNew(assumptions, decisionAssumptions(d)...)
			likelihood *= 0.5
		}
		ev := append(decisionEvidence(d), model.EvidenceAt(db.Prov, t.managed+" = true: AWS keeps the master password in Secrets Manager"))
		ev = append(ev, reachEv...)
		reason := fmt.Sprintf("%s may read the master secret AWS keeps for %s (secretsmanager:GetSecretValue on %s), and so log in as its master user", name(c, p.ID), name(c, db.ID), t.prefix+"…")
		for _, k := range []paths.Kind{paths.Read, paths.Write} {
			steps = append(steps, paths.Step{To: paths.State{Kind: k, Node: db.ID}, Likelihood: likelihood, Reason: reason,
				Evidence: ev, Assumptions: assumptions, Control: narrowControl(c, firstGrant(d), c.Node(p.ID))})
		}
	}
	return steps
}

// managedDatabases returns the databases whose master password AWS keeps in a secret, by ID.
func managedDatabases(c *paths.Context) []*model.Node {
	return c.Cached("aws.managed-databases", func() any {
		var out []*model.Node
		for _, db := range c.Graph.NodesOfKind(model.KindDataStore) {
			if t, ok := databaseTypes[db.Type]; ok && t.managed != "" && db.Attrs[t.managed] == true {
				out = append(out, db)
			}
		}
		return out
	}).([]*model.Node)
}

// namesMasterSecret classifies the statements that allow reading a master secret: names is true when one
// names this database's master_user_secret or matches without unknown parts; ok is false when every one names
// only other databases' master secrets (so it is known not to be this one).
func (v *iamView) namesMasterSecret(d iam.Decision, db *model.Node, arn string) (names, ok bool) {
	addr := str(db.Attrs["tf_address"])
	others := 0
	for _, ref := range d.Allowing {
		st := v.statement(ref.Source.Node, ref.Source.What, ref.Index)
		if st == nil {
			continue
		}
		other := len(st.Resources) > 0
		for _, res := range st.Resources {
			text := res.String()
			switch {
			case addr != "" && strings.Contains(text, addr+".master_user_secret"):
				return true, true
			case !strings.Contains(text, "${") && iam.OverlapResources(text, arn).OK:
				return true, true
			case !strings.Contains(text, ".master_user_secret"):
				other = false
			}
		}
		if other {
			others++
		}
	}
	return false, others < len(d.Allowing)
}

// storedAccessKey: a secret, parameter or S3 object whose value is an IAM access key of the files (a reference
// to aws_iam_access_key.x.secret) gives the user's credentials to whoever reads it: the store's value names the
// key, which is well-founded where a name alone ("credentials") would be a guess.
type storedAccessKey struct{}

func (storedAccessKey) Meta() paths.Meta {
	return paths.Meta{ID: "aws.stored-access-key", Title: "A secret holds an IAM user's access key",
		Technique: "T1555.006", TechniqueName: "Credentials from Password Stores: Cloud Secrets Management Stores",
		// A long-lived key works from anywhere until someone rotates it.
		Likelihood: 0.9,
		Rationale:  "an access key read from a store is the user's identity, usable from any network",
		Control:    "replace the user's long-lived key with a role the consumer assumes",
		From:       []paths.Kind{paths.Read}, To: []paths.Kind{paths.Creds}}
}

func (r storedAccessKey) Steps(c *paths.Context, s paths.State) []paths.Step {
	store := c.Node(s.Node)
	if store == nil || !oneOf(store.Type, []string{"aws_secretsmanager_secret", "aws_ssm_parameter", "aws_s3_bucket"}) {
		return nil
	}
	var steps []paths.Step
	for _, n := range related(c, store) {
		for _, k := range follow(c, n.ID, model.EdgeReferences, "aws_iam_access_key") {
			for _, u := range follow(c, k.node.ID, model.EdgeUsesIdentity, "aws_iam_user") {
				reason := fmt.Sprintf("%s holds an access key of %s (%s): whoever reads it acts as the user", name(c, store.ID), name(c, u.node.ID), k.node.ID)
				steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: u.node.ID}, Reason: reason,
					Evidence: append(edgeEvidence(k.edge, "value of the store"), edgeEvidence(u.edge, "key of the user")...),
					Control:  paths.ControlAt("stored-key", k.node, fmt.Sprintf("replace the access key of %s with a role its consumers assume", u.node.Name)),
					Via:      keys(k.edge, u.edge)})
			}
		}
	}
	return steps
}
