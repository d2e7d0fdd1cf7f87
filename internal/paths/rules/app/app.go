// Package app holds the application rules of the attack-path analysis: how a foothold in a workload's code
// turns network reach to the workload into the capability the foothold's class gives, and how request
// forgery carries an attacker on to the internal services the workload's network allows. It also holds the
// code-flaw foothold source (CodeFlaws); the rules read footholds only through paths.Context.FootholdsOf, so
// any other source whose footholds use the same class names (known vulnerabilities, a later issue) plugs in
// unchanged.
//
// What each foothold class gives an attacker who reaches the workload W, and what it does not:
//
//   - command-injection, code-injection, template-injection, deserialization → exec(W) (app.code-execution):
//     code running as W's process, with whatever the process has — its environment, files, mounted tokens,
//     network position. It does not give the host (a container escape is a Kubernetes rule's), nor other
//     workloads, nor the cloud role (trading W's token or the node's metadata for credentials are other
//     rules'). Template injection in Go (text/template, html/template) calls only the methods of the data it
//     is given and reaches code execution rarely: it is kept, at a third of the likelihood. Deserialization
//     needs a gadget chain in the process: 0.8 of the likelihood.
//   - ssrf → forge(W) (app.request-forgery): W sends requests the attacker chooses, from W's network position
//     — to the instance metadata service (an AWS rule's step) and to internal services (app.forged-request,
//     below). It runs no code, and with Go's, Node's or Python requests' HTTP clients reads no files: those
//     speak no file:// URLs. A sink whose client does follow file:// (PHP file_get_contents, fopen and curl,
//     Python urllib's urlopen, Java's URL) also gives file-read(W) (app.ssrf-local-file); a sink Seam does
//     not know in another language gives it at a low likelihood, as an assumption.
//   - sql-injection → read(D) and write(D) (app.sql-injection) for every SQL database D that W connects to
//     (connects-to edges to aws_db_instance, aws_rds_cluster, aws_rds_cluster_instance, aws_redshift_cluster
//     or a store whose engine is a SQL engine), as the database user W connects as. A W that connects to no
//     database the scan knows gets no step: the database is outside the files, and there is no node to reach.
//     It does not give code execution on the database (managed databases give no superuser), files, or
//     databases W does not connect to. Reading is routine (UNION and boolean extraction); writing needs an
//     injectable INSERT/UPDATE or stacked queries, which many drivers refuse: lower likelihood, said.
//   - path-traversal → file-read(W) (app.path-traversal): W's files — the ServiceAccount token when it is
//     mounted, mounted Secrets and ConfigMaps, /proc/self/environ. What those give is the Kubernetes and
//     cloud rules' (file-read → credentials); a W with nothing worth reading on disk leads nowhere. It does not
//     give code execution or other workloads' files. A traversal into a sink that writes, moves or deletes
//     (os.Create, os.WriteFile, os.Remove; its sink or detector rule names the verb and not "read") gives no
//     step: file writes are no state of the model yet, and calling them reads would be wrong.
//   - forge(W) → reach(W2) (app.forged-request) for every workload W2 that W's network allows: a network-reach
//     edge W → W2 (a NetworkPolicy isolates W2 and admits W), or, for a Kubernetes W, every Kubernetes
//     workload no NetworkPolicy selects (reachable_from_cluster.all_pods). A forged request is usually a GET
//     with no headers the attacker controls and may be blind: 0.5 to a W2 that serves HTTP (a port named
//     http* or a conventional HTTP port), 0.4 when the files give no ports, 0.15 when it listens only on
//     other protocols (assumed, as some read HTTP lines as commands); half of that when egress
//     NetworkPolicies limit W, as Seam does not check them per open destination. What W2 gives next is its
//     own footholds'. The control is W2's NetworkPolicy (the one that admits W, else one to select W2), with
//     the IDs the Kubernetes lateral rule gives the same change, so one policy is one choke point. Code
//     execution in W reaching W2 is that rule's (k8s.lateral-network), not this set's.
//
// Reach alone gives nothing: an exposed workload without a foothold makes no step here.
//
// Likelihoods: a step's likelihood is the foothold's (see CodeFlaws) times the class factor above; every
// step's control is the foothold's (fix the flaw), so one fix cuts every step the flaw gives.
package app

import (
	"fmt"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Rules returns the application rules, in a fixed order.
func Rules() []paths.Rule {
	return []paths.Rule{codeExecution{}, requestForgery{}, ssrfLocalFile{}, sqlInjection{}, pathTraversal{}, forgedRequest{}}
}

// footholdsOfClass returns the footholds of the workload a reach state is about whose class passes keep.
func footholdsOfClass(c *paths.Context, s paths.State, keep func(flaw.Class) bool) (*model.Node, []paths.Foothold) {
	if s.Kind != paths.Reach {
		return nil, nil
	}
	w := c.Node(s.Node)
	if w == nil || w.Kind != model.KindWorkload {
		return nil, nil
	}
	var out []paths.Foothold
	for _, fh := range c.FootholdsOf(w.ID) {
		if keep(flaw.Class(fh.Class)) {
			out = append(out, fh)
		}
	}
	return w, out
}

// footholdStep makes the step a foothold gives: to the state, at the foothold's likelihood times factor,
// resting on the foothold's evidence (the flaw first) and broken by its control.
func footholdStep(fh paths.Foothold, to paths.State, factor float64, reason string) paths.Step {
	return paths.Step{To: to, Likelihood: clamp(fh.Likelihood * factor), Reason: reason,
		Evidence: append([]model.Evidence(nil), fh.Evidence...), Control: fh.Control,
		Assumptions: append([]string(nil), fh.Assumptions...)}
}

// clamp keeps a likelihood in (0, 1]: a step the search keeps is never impossible (0 would mean the rule's
// base likelihood).
func clamp(l float64) float64 {
	switch {
	case l <= 0:
		return 0.001
	case l > 1:
		return 1
	}
	return l
}

// footholdName names a foothold for reasons: "<class> (<what the node says>) at <file>:<line>".
func footholdName(c *paths.Context, fh paths.Foothold) string {
	if fh.Label != "" {
		return fmt.Sprintf("%s (%s)", fh.Class, fh.Label)
	}
	n := c.Node(fh.Node)
	if n == nil {
		return fh.Class + " " + fh.Node
	}
	what := n.Name
	if n.Kind == model.KindCodeFlaw {
		what = describeFlaw(n)
	}
	if what == "" || what == n.ID {
		return fmt.Sprintf("%s %s", fh.Class, n.ID)
	}
	if n.Prov.File == "" {
		return fmt.Sprintf("%s (%s)", fh.Class, what)
	}
	return fmt.Sprintf("%s (%s) at %s:%d", fh.Class, what, n.Prov.File, n.Prov.Line)
}
