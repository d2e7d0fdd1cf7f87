package k8s

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// secretUse is how a pod holds one Secret: the edges (env and volumes), and the places it shows up.
type secretUse struct {
	secret *model.Node
	edges  []*model.Edge
	env    []string // variables and envFrom sources
	files  []string // mount paths of volumes that hold it
}

// secretUses returns the Secrets a pod holds, by reads-secret (env) and mounts (volume) edges, in edge order.
func secretUses(c *paths.Context, w *model.Node) []*secretUse {
	var out []*secretUse
	by := map[string]*secretUse{}
	for _, e := range c.Graph.Out(w.ID) {
		if e.Kind != model.EdgeReadsSecret && e.Kind != model.EdgeMounts {
			continue
		}
		s := c.Node(e.To)
		if s == nil || s.Type != "Secret" {
			continue
		}
		u := by[s.ID]
		if u == nil {
			u = &secretUse{secret: s}
			by[s.ID] = u
			out = append(out, u)
		}
		u.edges = append(u.edges, e)
		for _, d := range list(e.Attrs["via"]) {
			switch {
			case e.Kind == model.EdgeReadsSecret && str(d["env"]) != "":
				u.env = append(u.env, str(d["env"]))
			case e.Kind == model.EdgeReadsSecret:
				u.env = append(u.env, "envFrom")
			default:
				if p, ok := mountPath(w, str(d["volume"])); ok {
					u.files = append(u.files, p)
				}
			}
		}
	}
	for _, u := range out {
		u.env, u.files = uniqueSorted(u.env), uniqueSorted(u.files)
	}
	return out
}

// mounted reports whether the pod holds the Secret in files.
func (u *secretUse) mounted() bool {
	for _, e := range u.edges {
		if e.Kind == model.EdgeMounts {
			return true
		}
	}
	return false
}

// evidence is each edge's place in the manifest, then the Secret.
func (u *secretUse) evidence(kinds ...model.EdgeKind) ([]model.Evidence, []string) {
	var ev []model.Evidence
	var via []string
	for _, e := range u.edges {
		for _, k := range kinds {
			if e.Kind == k {
				what := "secretKeyRef / envFrom of Secret " + u.secret.Name
				if k == model.EdgeMounts {
					what = "volume of Secret " + u.secret.Name
				}
				ev = append(ev, link.EvidenceOfEdge(e, what))
				via = append(via, e.Key())
			}
		}
	}
	return append(ev, link.Evidence(u.secret, "Secret "+u.secret.Name)), via
}

// secretControl is on the workload: one change (take its Secrets from a store of short-lived credentials, or
// drop the ones it does not use) breaks every step from its env and files.
func secretControl(c *paths.Context, w *model.Node) paths.Control {
	return paths.ControlAt("secret-store", w, fmt.Sprintf("stop handing %s long-lived Secrets in env and volumes: fetch short-lived credentials from a secret store (Secrets Store CSI, IAM database authentication), and drop references it does not use", c.Name(w.ID)))
}

// podSecrets: code in a pod reads the Secrets in its environment and volumes; a file read reads the mounted
// ones.
type podSecrets struct{}

// fileSecretLikelihood: a file read must name the mount path, which only the manifest says.
const fileSecretLikelihood = 0.5

func (podSecrets) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.pod-secrets", Title: "A pod's Secrets are readable by code in it",
		Technique: "T1552.001", TechniqueName: "Unsecured Credentials: Credentials In Files",
		// Env is in /proc/self/environ and mounted Secrets are plain files: code in the pod reads both.
		Likelihood: 0.95,
		Rationale:  "Kubernetes puts a Secret referenced by env or envFrom into the process environment and a Secret volume into plain files; code running in the pod reads both, and a path traversal reads the files",
		Control:    "fetch short-lived credentials from a secret store instead of long-lived Secrets in env and volumes; drop references that are not used",
		From:       []paths.Kind{paths.Exec, paths.FileRead}, To: []paths.Kind{paths.Read}}
}

func (r podSecrets) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := podOf(c, s.Node)
	if w == nil {
		return nil
	}
	ctl := secretControl(c, w)
	var out []paths.Step
	for _, u := range secretUses(c, w) {
		to := paths.State{Kind: paths.Read, Node: u.secret.ID}
		if s.Kind == paths.FileRead {
			if !u.mounted() {
				continue
			}
			ev, via := u.evidence(model.EdgeMounts)
			out = append(out, paths.Step{To: to, Likelihood: fileSecretLikelihood, Evidence: ev, Via: via, Control: ctl,
				Reason: fmt.Sprintf("a file read in %s can fetch Secret %s from its volume at %s", c.Name(w.ID), u.secret.Name, orUnknown(strings.Join(u.files, ", ")))})
			continue
		}
		ev, via := u.evidence(model.EdgeReadsSecret, model.EdgeMounts)
		var where []string
		if len(u.env) > 0 {
			where = append(where, "the environment ("+strings.Join(u.env, ", ")+")")
		}
		if len(u.files) > 0 {
			where = append(where, "files at "+strings.Join(u.files, ", "))
		}
		out = append(out, paths.Step{To: to, Evidence: ev, Via: via, Control: ctl,
			Reason: fmt.Sprintf("code in %s reads Secret %s from %s", c.Name(w.ID), u.secret.Name, orUnknown(strings.Join(where, " and ")))})
	}
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "a volume whose mount Seam did not find"
	}
	return s
}

// secretDatabase: the credentials in a Secret open the database a workload connects to with them.
type secretDatabase struct{}

// writeFactor: the application's database user usually writes too, but the files do not say its grants.
const writeFactor = 0.9

func (secretDatabase) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.secret-database", Title: "A Secret's credentials open the database",
		Technique: "T1078", TechniqueName: "Valid Accounts",
		// Credentials that work for the application work for the attacker, from anywhere the database admits.
		Likelihood: 0.8,
		Rationale:  "a Secret that holds a database's connection string or password is the application's login: whoever reads it reads and writes what the application's database user may",
		Control:    "give the application's database user only the tables it needs (not the sensitive ones), rotate the password, prefer short-lived IAM database authentication",
		From:       []paths.Kind{paths.Read}, To: []paths.Kind{paths.Read, paths.Write}}
}

func (r secretDatabase) Steps(c *paths.Context, s paths.State) []paths.Step {
	sec := c.Node(s.Node)
	if sec == nil || sec.Type != "Secret" {
		return nil
	}
	uses := credentialUses(c)[sec.ID]
	if len(uses) == 0 {
		return nil
	}
	ctl := paths.ControlAt("database-credentials", sec, fmt.Sprintf("give the database user in Secret %s/%s no access to the sensitive tables the application does not need, and rotate its password (better: IAM database authentication)", namespaceOf(sec), sec.Name))
	seen := map[string]bool{}
	var out []paths.Step
	for _, e := range uses {
		if seen[e.To] || c.Node(e.To) == nil {
			continue
		}
		seen[e.To] = true
		key := str(e.Attrs["variable"])
		ev := []model.Evidence{secretKeyEvidence(sec, key)}
		ev = append(ev, edgeEvidence(e, "connects with the Secret")...)
		assumed := append([]string{
			fmt.Sprintf("the database user in Secret %s may read and write what %s does; its grants are not in the scanned files", sec.ID, c.Name(e.From)),
			fmt.Sprintf("the attacker reaches %s from where %s does", c.Name(e.To), c.Name(e.From)),
		}, edgeAssumptions(e)...)
		reason := fmt.Sprintf("Secret %s holds the credentials %s uses to connect to %s", sec.Name, c.Name(e.From), c.Name(e.To))
		for _, k := range []paths.Kind{paths.Read, paths.Write} {
			like := r.Meta().Likelihood
			if k == paths.Write {
				like *= writeFactor
			}
			out = append(out, paths.Step{To: paths.State{Kind: k, Node: e.To}, Likelihood: like, Reason: reason,
				Evidence: ev, Control: ctl, Assumptions: assumed, Via: []string{e.Key()}})
		}
	}
	return out
}

// secretKeyEvidence points at the key of a Secret that holds the connection string, or at the Secret.
func secretKeyEvidence(sec *model.Node, key string) model.Evidence {
	what := "Secret " + sec.Name + " holds the database credentials"
	if key == "" {
		return link.Evidence(sec, what)
	}
	for _, f := range []string{"stringData.", "data."} {
		if l := line(sec, f+key); l != sec.Prov.Line {
			return model.Evidence{File: sec.Prov.File, Line: l, What: what + " (" + key + ")"}
		}
	}
	return link.Evidence(sec, what+" ("+key+")")
}
