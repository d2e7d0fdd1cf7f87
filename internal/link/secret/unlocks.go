package secret

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/extract/secrets"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// pairLines is how far apart (in lines of one file) an AWS key ID and secret key may be to be a pair.
const pairLines = 5

// valueHash is the extractor's hash of a value (secrets.ValueHash), computed here over a state's key ID.
func valueHash(v string) string { return secrets.ValueHash(v) }

// str reads a string attribute.
func str(n *model.Node, key string) string {
	s, _ := n.Attrs[key].(string)
	return s
}

// strs reads a list-of-strings attribute.
func strs(n *model.Node, key string) []string {
	l, _ := n.Attrs[key].([]any)
	var out []string
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// edgeAttrs are the attributes every edge from a secret carries.
func edgeAttrs(s *model.Node) map[string]any {
	return map[string]any{"secret_kind": str(s, "kind"), "baselined": s.Attrs["baselined"] == true}
}

// secretEvidence cites the secret's place, never its value.
func secretEvidence(s *model.Node) model.Evidence {
	what := fmt.Sprintf("%s %s", str(s, "kind"), str(s, "masked"))
	if k := str(s, "key"); k != "" {
		what = fmt.Sprintf("%s %s assigned to %s", str(s, "kind"), str(s, "masked"), k)
	}
	return link.Evidence(s, what)
}

// containers returns the innermost nodes whose file and line range hold the secret.
func (w *work) containers(s *model.Node) []placed {
	var best []placed
	bestSpan := -1
	for _, p := range w.byFile[s.Prov.File] {
		end := p.prov.EndLine
		if end == 0 || p.prov.Line > s.Prov.Line || end < s.Prov.Line || p.node.Implicit {
			continue
		}
		switch span := end - p.prov.Line; {
		case bestSpan < 0 || span < bestSpan:
			best, bestSpan = []placed{p}, span
		case span == bestSpan:
			best = append(best, p)
		}
	}
	return best
}

// accessKeyID resolves an AWS access key ID to the IAM user it belongs to.
func (w *work) accessKeyID(s *model.Node) {
	if str(s, "kind") != secrets.KindAWSAccessKeyID {
		return
	}
	sev := secretEvidence(s)
	for _, k := range w.keys[str(s, "value_hash")] {
		w.keyUser(s, k, link.Certain, MethodAccessKeyState, []model.Evidence{sev, keyEvidence(k, "records this access key ID")})
	}
	for _, c := range w.containers(s) {
		if c.node.Type == "aws_iam_access_key" {
			w.keyUser(s, c.node, link.High, MethodAccessKeyResource,
				[]model.Evidence{sev, link.Evidence(c.node, "the key ID is written in this access key resource")})
		}
	}
	if len(w.unlocked[s.ID]) == 0 {
		w.assumeAWS(s, "the access key ID is in no Terraform state or plan of the scan, nor in an aws_iam_access_key")
	}
}

// keyEvidence points at where a key's id comes from: the state or plan that records it, else the key.
func keyEvidence(k *model.Node, what string) model.Evidence {
	for _, p := range append([]model.Provenance{k.Prov}, k.Also...) {
		if p.Extractor == "terraform-plan" || strings.HasSuffix(p.File, ".tfstate") || strings.HasSuffix(p.File, ".json") {
			return model.EvidenceAt(p, "aws_iam_access_key "+k.Name+" "+what)
		}
	}
	return link.Evidence(k, "aws_iam_access_key "+k.Name+" "+what)
}

// keyUser makes the unlocks edge from a key ID to the user of an access key.
func (w *work) keyUser(s, key *model.Node, conf link.Confidence, method string, ev []model.Evidence) {
	for _, u := range w.userOf(key) {
		evu := append(append([]model.Evidence(nil), ev...), link.Evidence(u, "IAM user "+u.Name))
		w.add(s.ID, model.EdgeUnlocks, u.ID, link.Link{Method: method, Confidence: conf, Evidence: evu, Attrs: edgeAttrs(s),
			Reason: fmt.Sprintf("the AWS access key ID %s is the ID of %s, a key of IAM user %s: with its secret key it signs requests as %s",
				str(s, "masked"), key.ID, u.Name, u.ID)})
		w.unlocked[s.ID] = append(w.unlocked[s.ID], target{node: u, conf: conf, ev: evu})
	}
}

// userOf returns the IAM user of an access key: its uses-identity edge, else the user its attribute names.
func (w *work) userOf(key *model.Node) []*model.Node {
	var out []*model.Node
	for _, e := range w.g.Out(key.ID) {
		if e.Kind == model.EdgeUsesIdentity {
			if u, ok := w.g.Node(e.To); ok && u.Type == "aws_iam_user" {
				out = append(out, u)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	name := str(key, "user")
	for _, u := range w.g.NodesOfKind(model.KindIdentity) {
		if u.Type == "aws_iam_user" && name != "" && (str(u, "name") == name || u.Name == name) {
			out = append(out, u)
		}
	}
	return out
}

// others resolves every other kind of secret.
func (w *work) others(s *model.Node) {
	switch str(s, "kind") {
	case secrets.KindAWSSecretKey:
		w.secretKey(s)
	case secrets.KindDatabasePassword, secrets.KindPassword:
		w.password(s)
	case secrets.KindKubernetesToken, secrets.KindPrivateKey, secrets.KindJWT, secrets.KindGenericAPIKey:
		if len(strs(s, "kube_clusters")) > 0 || len(strs(s, "kube_servers")) > 0 {
			w.kubeconfig(s)
		}
	}
}

// secretKey unlocks what the access key ID beside it unlocks.
func (w *work) secretKey(s *model.Node) {
	id := w.pairOf(s)
	if id == nil {
		w.assumeAWS(s, "no AWS access key ID is written beside this secret access key")
		return
	}
	for _, t := range w.unlocked[id.ID] {
		ev := append([]model.Evidence{secretEvidence(s), secretEvidence(id)}, t.ev[1:]...)
		w.add(s.ID, model.EdgeUnlocks, t.node.ID, link.Link{Method: MethodKeyPair, Confidence: lower(t.conf), Evidence: ev,
			Attrs: edgeAttrs(s), Reason: fmt.Sprintf("the secret access key %s is written beside the access key ID %s (line %d), which unlocks %s",
				str(s, "masked"), str(id, "masked"), id.Prov.Line, t.node.ID)})
	}
	if len(w.unlocked[id.ID]) == 0 {
		w.assumeAWS(s, fmt.Sprintf("the access key ID beside it (%s) is in no Terraform state or plan of the scan", id.ID))
	}
}

// pairOf returns the access key ID written beside a secret key: in the same innermost node, else the
// nearest within pairLines lines of the same file.
func (w *work) pairOf(s *model.Node) *model.Node {
	cs := w.containers(s)
	var best *model.Node
	bestDist := pairLines + 1
	for _, o := range w.secretsIn[s.Prov.File] {
		if str(o, "kind") != secrets.KindAWSAccessKeyID {
			continue
		}
		dist := abs(o.Prov.Line - s.Prov.Line)
		if len(cs) > 0 && sameContainer(cs, w.containers(o)) {
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = o, dist
		}
	}
	return best
}

func sameContainer(a, b []placed) bool {
	for _, x := range a {
		for _, y := range b {
			if x.node.ID == y.node.ID {
				return true
			}
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// lower is one confidence level below c.
func lower(c link.Confidence) link.Confidence {
	switch {
	case c >= link.Certain:
		return link.High
	case c >= link.High:
		return link.Medium
	}
	return link.Low
}

// assumeAWS records that an AWS key's principal is unknown, naming the workloads that hold it.
func (w *work) assumeAWS(s *model.Node, reason string) {
	assumed := "it gives the credentials of an unknown IAM principal of the account"
	var holders []string
	for _, c := range w.containers(s) {
		if c.node.Kind == model.KindWorkload {
			holders = append(holders, c.node.ID)
		}
	}
	if len(holders) > 0 {
		assumed += "; " + strings.Join(holders, ", ") + " holds it in its environment"
	}
	w.assume(s, reason, assumed)
}

// rdsEndpoint is an RDS or Aurora endpoint: <identifier>.[cluster-[ro-|custom-]]<id>.<region>.rds.amazonaws.com.
var rdsEndpoint = regexp.MustCompile(`^([a-z][a-z0-9-]{0,62})\.(cluster-(?:ro-|custom-)?)?[a-z0-9]{6,}\.[a-z]{2}(?:-gov)?-[a-z]+-[0-9]\.rds\.amazonaws\.com$`)

// dbAttrs are the database types and the attribute holding the identifier an endpoint starts with.
var dbAttrs = map[string]string{"aws_db_instance": "identifier", "aws_rds_cluster_instance": "identifier",
	"aws_rds_cluster": "cluster_identifier"}

// resolveHost returns the databases a host names: an endpoint whose identifier is a database's, or a host
// equal to the address or endpoint a state records.
func (w *work) resolveHost(host string) []*model.Node {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	m := rdsEndpoint.FindStringSubmatch(host)
	var out []*model.Node
	for _, n := range w.g.NodesOfKind(model.KindDataStore) {
		attr, ok := dbAttrs[n.Type]
		if !ok {
			continue
		}
		if addr := strings.ToLower(str(n, "address")); addr != "" && addr == host {
			out = append(out, n)
			continue
		}
		if ep := strings.ToLower(str(n, "endpoint")); ep != "" && (ep == host || strings.HasPrefix(ep, host+":")) {
			out = append(out, n)
			continue
		}
		if m == nil || str(n, attr) != m[1] {
			continue
		}
		if cluster := m[2] != ""; cluster == (n.Type == "aws_rds_cluster") {
			out = append(out, n)
		}
	}
	return out
}

// dbTypes are the Terraform types whose password attribute is the database's.
var dbTypes = map[string]bool{"aws_db_instance": true, "aws_rds_cluster": true, "aws_rds_cluster_instance": true,
	"aws_redshift_cluster": true, "aws_docdb_cluster": true, "aws_neptune_cluster": true}

// password resolves a password to the database it opens.
func (w *work) password(s *model.Node) {
	sev := secretEvidence(s)
	found := false
	base := link.High
	if str(s, "kind") == secrets.KindPassword {
		base = link.Medium
	}
	cs := w.containers(s)
	for _, c := range cs {
		key := strings.ToLower(str(s, "key"))
		if dbTypes[c.node.Type] && (key == "password" || key == "master_password") {
			w.add(s.ID, model.EdgeUnlocks, c.node.ID, link.Link{Method: MethodLiteralPassword, Confidence: link.Certain,
				Evidence: []model.Evidence{sev, link.Evidence(c.node, c.node.Type+" "+c.node.Name)}, Attrs: edgeAttrs(s),
				Reason: fmt.Sprintf("the password %s is the literal %s of %s", str(s, "masked"), key, c.node.ID)})
			found = true
		}
	}
	method, hosts, via := MethodSameFileHost, strs(s, "hosts"), "the same file"
	for _, c := range cs {
		switch c.node.Type {
		case "Secret":
			method, via = MethodSecretDSN, "Secret "+c.node.Name
			hosts = append(hosts, hintHosts(c.node)...)
		case "ConfigMap":
			method, via = MethodConfigMapDSN, "ConfigMap "+c.node.Name
		}
	}
	for _, h := range hosts {
		for _, d := range w.resolveHost(h) {
			w.add(s.ID, model.EdgeUnlocks, d.ID, link.Link{Method: method, Confidence: base, Attrs: edgeAttrs(s),
				Evidence: []model.Evidence{sev, link.Evidence(d, d.Type+" "+d.Name)},
				Reason: fmt.Sprintf("the password %s is written in %s beside the host %s, the endpoint of %s",
					str(s, "masked"), via, h, d.ID)})
			found = true
		}
	}
	found = w.credentialsFrom(s, cs, base) || found
	if !found && str(s, "kind") == secrets.KindDatabasePassword {
		w.assume(s, "no database of the scan is named beside this password",
			"it opens a database the files do not identify, as the user it belongs to")
	}
}

// hintHosts returns the hosts of a Kubernetes Secret's value hints.
func hintHosts(n *model.Node) []string {
	hints, _ := n.Attrs["value_hints"].(map[string]any)
	var out []string
	for _, v := range hints {
		if h, ok := v.(map[string]any); ok {
			if host, ok := h["host"].(string); ok {
				out = append(out, host)
			}
		}
	}
	return out
}

// credentialsFrom follows the data builder's connects-to edges whose credentials come from the object
// holding the password.
func (w *work) credentialsFrom(s *model.Node, cs []placed, conf link.Confidence) bool {
	found := false
	for _, c := range cs {
		for _, e := range w.connectsVia(c.node.ID) {
			d, ok := w.g.Node(e.To)
			if !ok {
				continue
			}
			w.add(s.ID, model.EdgeUnlocks, d.ID, link.Link{Method: MethodCredentialsFrom, Confidence: conf, Attrs: edgeAttrs(s),
				Evidence: []model.Evidence{secretEvidence(s), link.EvidenceOfEdge(e, e.From+" connects to "+d.ID+" with credentials from "+c.node.ID)},
				Reason:   fmt.Sprintf("the password %s is in %s, from which %s takes its credentials to %s", str(s, "masked"), c.node.ID, e.From, d.ID)})
			found = true
		}
	}
	return found
}

// connectsVia returns the connects-to edges, from the workloads that read a Secret or ConfigMap, whose
// credentials come from it.
func (w *work) connectsVia(holder string) []*model.Edge {
	var out []*model.Edge
	seen := map[string]bool{}
	for _, in := range w.g.In(holder) {
		if seen[in.From] {
			continue
		}
		seen[in.From] = true
		for _, e := range w.g.Out(in.From) {
			if e.Kind == model.EdgeConnectsTo && e.Attrs["credentials_from"] == holder {
				out = append(out, e)
			}
		}
	}
	return out
}

// kubeconfig resolves a kubeconfig credential to the cluster it names.
func (w *work) kubeconfig(s *model.Node) {
	servers, names := strs(s, "kube_servers"), strs(s, "kube_clusters")
	found := false
	for _, c := range w.g.NodesOfKind(model.KindCluster) {
		conf, why := link.Confidence(0), ""
		for _, sv := range servers {
			if ep := str(c, "endpoint"); ep != "" && strings.EqualFold(strings.TrimSuffix(ep, "/"), strings.TrimSuffix(sv, "/")) {
				conf, why = link.Certain, "its API server "+sv+" is the endpoint of "+c.ID
			}
		}
		for _, n := range names {
			if conf == 0 && (n == str(c, "name") || (str(c, "arn") != "" && n == str(c, "arn")) || path.Base(n) == str(c, "name") && strings.HasPrefix(n, "arn:")) {
				conf, why = link.High, "its cluster "+n+" is "+c.ID
			}
		}
		if conf == 0 {
			continue
		}
		w.add(s.ID, model.EdgeUnlocks, c.ID, link.Link{Method: MethodKubeconfig, Confidence: conf, Attrs: edgeAttrs(s),
			Evidence: []model.Evidence{secretEvidence(s), link.Evidence(c, c.Type+" "+c.Name)},
			Reason:   fmt.Sprintf("the %s %s is a credential of a kubeconfig: %s", str(s, "kind"), str(s, "masked"), why)})
		found = true
	}
	if !found && str(s, "kind") == secrets.KindKubernetesToken {
		w.assume(s, "the kubeconfig names no cluster of the scan ("+strings.Join(append(names, servers...), ", ")+")",
			"it authenticates to a Kubernetes cluster the files do not define")
	}
}
