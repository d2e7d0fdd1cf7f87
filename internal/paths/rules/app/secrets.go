package app

import (
	"fmt"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The secret rules: an attacker running code in (or reading the files of) a workload holds every secret the
// workload holds — its environment, the Secrets and ConfigMaps it reads, the files and ENV of its image —
// and so what each secret unlocks, per the link stage (internal/link/secret):
//
//   - app.secret-credentials: exec(W) or file-read(W) → creds(I), W -reads-secret-> S -unlocks-> I (an
//     IAM user whose access key S is);
//   - app.secret-datastore: exec(W) or file-read(W) → read(D) and write(D), S -unlocks-> D (a database
//     whose password S is).
//
// A baselined secret still makes the step — an accepted secret still opens what it opens — and the reason
// says it was accepted and why. The likelihood is the rule's, times the two edges' confidences; from a file
// read it is fileReadFactor of that, as the attacker must know where to read (/proc/self/environ, the
// image's files). The control is the secret's: remove it from where it is written and rotate it, which
// breaks every step it gives, so one secret is one choke point. A secret unlocking a cluster (a kubeconfig
// token) makes no step yet: what the token may do is RBAC's, which the files do not tie to it.

// SecretRules returns the secret rules, in a fixed order.
func SecretRules() []paths.Rule { return []paths.Rule{secretCredentials{}, secretDatastore{}} }

// fileReadFactor is the share of a step's likelihood when the attacker only reads files.
const fileReadFactor = 0.6

// secretCredentials: the credentials of the IAM principal whose key a workload holds.
type secretCredentials struct{}

func (secretCredentials) Meta() paths.Meta {
	return paths.Meta{ID: "app.secret-credentials", Title: "A key the service holds gives the credentials of its owner",
		Technique: "T1552.001", TechniqueName: "Unsecured Credentials: Credentials In Files",
		// 0.9: code in the process reads its environment and files at once; the key works from anywhere
		// unless a policy condition pins its source (never in the files seen).
		Likelihood: 0.9,
		Rationale: "an access key in a service's environment, configuration or image is readable by any code " +
			"the service runs, and signs requests as its IAM user from anywhere",
		Control: "remove the key from the files and rotate it; give the service a role (IRSA, task role, " +
			"instance profile) instead of a long-lived key",
		From: []paths.Kind{paths.Exec, paths.FileRead}, To: []paths.Kind{paths.Creds}}
}

func (r secretCredentials) Steps(c *paths.Context, s paths.State) []paths.Step {
	var out []paths.Step
	for _, h := range heldSecrets(c, s) {
		for _, u := range unlocked(c, h.secret) {
			if u.node.Kind != model.KindIdentity {
				continue
			}
			st := h.step(c, s, r.Meta().Likelihood, u, paths.Creds,
				fmt.Sprintf("%s holds %s, a key of %s: whoever runs code there signs requests as it", c.Name(s.Node), h.label(), c.Name(u.node.ID)))
			out = append(out, st)
		}
	}
	return out
}

// secretDatastore: reading and writing the database whose password a workload holds.
type secretDatastore struct{}

func (secretDatastore) Meta() paths.Meta {
	return paths.Meta{ID: "app.secret-datastore", Title: "A password the service holds logs in to its database",
		Technique: "T1078", TechniqueName: "Valid Accounts",
		// 0.85: the password is the login; the database must also be reachable from where the attacker
		// runs, which the service's own position usually gives.
		Likelihood: 0.85,
		Rationale: "a database password in a service's environment, configuration or image logs in as its " +
			"user, with every grant that user has",
		Control: "remove the password from the files and rotate it; use IAM database authentication or a " +
			"secret store the service reads at run time, with a database user limited to what it needs",
		From: []paths.Kind{paths.Exec, paths.FileRead}, To: []paths.Kind{paths.Read, paths.Write}}
}

// secretWriteFactor is the share of the likelihood that becomes writing: the user may be read-only.
const secretWriteFactor = 0.8

func (r secretDatastore) Steps(c *paths.Context, s paths.State) []paths.Step {
	var out []paths.Step
	for _, h := range heldSecrets(c, s) {
		for _, u := range unlocked(c, h.secret) {
			if u.node.Kind != model.KindDataStore {
				continue
			}
			reason := fmt.Sprintf("%s holds %s, the password of %s: whoever runs code there logs in and %%s it",
				c.Name(s.Node), h.label(), c.Name(u.node.ID))
			rd := h.step(c, s, r.Meta().Likelihood, u, paths.Read, fmt.Sprintf(reason, "reads"))
			wr := h.step(c, s, r.Meta().Likelihood*secretWriteFactor, u, paths.Write, fmt.Sprintf(reason, "writes"))
			grants := "the database user's grants are not in the files: Seam assumes it may read and write"
			rd.Assumptions = dedupeStrings(append(rd.Assumptions, grants))
			wr.Assumptions = dedupeStrings(append(wr.Assumptions, grants))
			out = append(out, rd, wr)
		}
	}
	return out
}

// held is a secret a workload holds, with the edge that says so.
type held struct {
	secret *model.Node
	edge   *model.Edge
}

// heldSecrets returns the secrets the workload of an exec or file-read state holds, in edge order.
func heldSecrets(c *paths.Context, s paths.State) []held {
	if s.Kind != paths.Exec && s.Kind != paths.FileRead {
		return nil
	}
	var out []held
	for _, e := range c.Graph.Out(s.Node) {
		if e.Kind != model.EdgeReadsSecret {
			continue
		}
		if n := c.Node(e.To); n != nil && n.Kind == model.KindSecret {
			out = append(out, held{secret: n, edge: e})
		}
	}
	return out
}

// target is what a secret unlocks, with the edge.
type target struct {
	node *model.Node
	edge *model.Edge
}

func unlocked(c *paths.Context, s *model.Node) []target {
	var out []target
	for _, e := range c.Graph.Out(s.ID) {
		if e.Kind != model.EdgeUnlocks {
			continue
		}
		if n := c.Node(e.To); n != nil {
			out = append(out, target{node: n, edge: e})
		}
	}
	return out
}

// label names a secret for reasons: its kind, mask, place and, when baselined, that it was accepted.
func (h held) label() string {
	n := h.secret
	l := fmt.Sprintf("the %s %s (%s:%d)", orDefault(attrString(n.Attrs, "kind"), "secret"), attrString(n.Attrs, "masked"), n.Prov.File, n.Prov.Line)
	if n.Attrs["baselined"] == true {
		l += fmt.Sprintf(", baselined as accepted (%q) but still valid as far as the files say", attrString(n.Attrs, "baseline_reason"))
	}
	return l
}

// step makes one step from the held secret to a state about what it unlocks.
func (h held) step(c *paths.Context, s paths.State, base float64, t target, kind paths.Kind, reason string) paths.Step {
	l := base * confidenceOf(h.edge) * confidenceOf(t.edge)
	var as []string
	if s.Kind == paths.FileRead {
		l *= fileReadFactor
		reason += "; with file reads only, the attacker must find it (/proc/self/environ, the image's files)"
	}
	for _, e := range []*model.Edge{h.edge, t.edge} {
		if list, ok := e.Attrs["assumptions"].([]any); ok {
			for _, a := range list {
				if s, ok := a.(string); ok {
					as = append(as, s)
				}
			}
		}
	}
	ev := dedupeEvidence(append(edgeEvidence(h.edge, "holds the secret"), edgeEvidence(t.edge, "the secret unlocks it")...))
	n := h.secret
	return paths.Step{To: paths.State{Kind: kind, Node: t.node.ID}, Likelihood: l, Reason: reason, Evidence: ev,
		Control: paths.ControlAt("rotate-secret", n, fmt.Sprintf("remove the %s from %s:%d and rotate it",
			orDefault(attrString(n.Attrs, "kind"), "secret"), n.Prov.File, n.Prov.Line)),
		Assumptions: dedupeStrings(as), Via: []string{h.edge.Key(), t.edge.Key()}}
}

// confidenceOf is a link edge's confidence, 1 for an edge without one.
func confidenceOf(e *model.Edge) float64 {
	if v, ok := number(e.Attrs["confidence"]); ok && v > 0 {
		return v
	}
	return 1
}
