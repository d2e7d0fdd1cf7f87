package identity

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// irsa links every ServiceAccount that carries an IRSA role annotation to the role, if the role's trust admits
// the ServiceAccount's web identity token.
func (w *work) irsa() {
	for _, sa := range w.in.Graph.NodesOfKind(model.KindIdentity) {
		if sa.Type != "ServiceAccount" {
			continue
		}
		arn, _ := sa.Attrs["aws_role_arn"].(string)
		if arn == "" {
			continue
		}
		ns, _ := sa.Attrs["namespace"].(string)
		subject := "system:serviceaccount:" + ns + ":" + sa.Name
		annotation := link.Evidence(sa, "annotation eks.amazonaws.com/role-arn: "+arn)
		roles, confidence := w.findRoles(arn)
		if len(roles) == 0 {
			w.outsideRole(sa, arn, annotation)
			continue
		}
		for _, role := range roles {
			v := w.trust(role, webIdentity(subject))
			l := link.Link{Method: "irsa", Evidence: append([]model.Evidence{annotation, link.Evidence(role, "IAM role "+roleName(role))}, v.evidence...),
				Assumptions: v.assumptions}
			if !v.admits {
				l.Reason = fmt.Sprintf("ServiceAccount %s/%s names role %s, but %s", ns, sa.Name, roleName(role), v.reason)
				w.broken(sa.ID, model.EdgeUsesIdentity, role.ID, l)
				continue
			}
			l.Confidence = min(confidence, v.confidence)
			l.Reason = fmt.Sprintf("pods of ServiceAccount %s/%s receive a web identity token that role %s trusts (%s)", ns, sa.Name, roleName(role), v.reason)
			l.Attrs = map[string]any{"subject": subject}
			w.edge(sa.ID, model.EdgeUsesIdentity, role.ID, l)
		}
	}
}

// podIdentity links the ServiceAccount an EKS Pod Identity association names to the association's role, if
// the role trusts the EKS Pod Identity service.
func (w *work) podIdentity() {
	for _, a := range w.in.Graph.NodesOfKind(model.KindGrant) {
		if a.Type != "aws_eks_pod_identity_association" {
			continue
		}
		ns, _ := a.Attrs["namespace"].(string)
		name, _ := a.Attrs["service_account"].(string)
		if ns == "" || name == "" {
			w.out.Assumptions = append(w.out.Assumptions, model.Assumption{Subject: a.ID, Attribute: "service_account",
				Reason: "the namespace or ServiceAccount of the pod identity association is not known", Assumed: "no ServiceAccount is linked",
				Prov: model.Provenance{File: a.Prov.File, Line: a.Prov.Line, Extractor: link.Extractor(w.b)}})
			continue
		}
		saID := model.K8sID(ns, "ServiceAccount", name)
		assoc := link.Evidence(a, fmt.Sprintf("pod identity association for %s/%s", ns, name))
		if _, ok := w.in.Graph.Node(saID); !ok {
			w.broken(a.ID, model.EdgeUsesIdentity, "", link.Link{Method: "eks-pod-identity", Evidence: []model.Evidence{assoc},
				Reason: fmt.Sprintf("the association names ServiceAccount %s/%s, which no scanned manifest defines", ns, name)})
			continue
		}
		for _, role := range w.associationRoles(a) {
			v := w.trust(role, servicePrincipal("pods.eks.amazonaws.com", "sts:AssumeRole"))
			l := link.Link{Method: "eks-pod-identity", Evidence: append([]model.Evidence{assoc, link.Evidence(role, "IAM role "+roleName(role))}, v.evidence...),
				Assumptions: v.assumptions}
			if !v.admits {
				l.Reason = fmt.Sprintf("the pod identity association gives %s/%s role %s, but %s", ns, name, roleName(role), v.reason)
				w.broken(saID, model.EdgeUsesIdentity, role.ID, l)
				continue
			}
			l.Confidence = v.confidence
			l.Reason = fmt.Sprintf("EKS Pod Identity gives pods of %s/%s the credentials of role %s (%s)", ns, name, roleName(role), v.reason)
			w.edge(saID, model.EdgeUsesIdentity, role.ID, l)
		}
	}
}

// associationRoles returns the roles a pod identity association grants: the roles its edges reach, else the
// role its role_arn names.
func (w *work) associationRoles(a *model.Node) []*model.Node {
	var out []*model.Node
	for _, e := range w.in.Graph.Out(a.ID) {
		if e.Kind != model.EdgeUsesIdentity {
			continue
		}
		if n, ok := w.in.Graph.Node(e.To); ok && n.Kind == model.KindIdentity {
			out = append(out, n)
		}
	}
	if len(out) > 0 {
		return out
	}
	if arn, ok := a.Attrs["role_arn"].(string); ok {
		roles, _ := w.findRoles(arn)
		return roles
	}
	return nil
}

// findRoles returns the roles of the scan an ARN names: the role whose ARN is exactly arn, else the roles of
// that name and path whose ARN differs only in parts Seam cannot know (the account), at lower confidence.
func (w *work) findRoles(arn string) ([]*model.Node, link.Confidence) {
	var exact []*model.Node
	for _, id := range w.ix.NodesByARN(arn) {
		if n, ok := w.in.Graph.Node(id); ok && n.Kind == model.KindIdentity {
			exact = append(exact, n)
		}
	}
	if len(exact) > 0 {
		return exact, link.Certain
	}
	name := arn[strings.LastIndex(arn, "/")+1:]
	var out []*model.Node
	for _, r := range w.roles[name] {
		if link.MatchTokens(w.ix.ARN(r), arn) {
			out = append(out, r)
		}
	}
	if len(out) == 1 {
		return out, link.High
	}
	return out, link.Medium
}

// outsideRole links a ServiceAccount to a role the scanned files do not define: an implicit identity node
// whose permissions are unknown.
func (w *work) outsideRole(sa *model.Node, arn string, annotation model.Evidence) {
	if !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":role/") {
		w.broken(sa.ID, model.EdgeUsesIdentity, "", link.Link{Method: "irsa", Evidence: []model.Evidence{annotation},
			Reason: fmt.Sprintf("the annotation %q is not an IAM role ARN", arn)})
		return
	}
	w.out.Nodes = append(w.out.Nodes, model.Node{ID: arn, Kind: model.KindIdentity, Type: "aws_iam_role",
		Name: arn[strings.LastIndex(arn, "/")+1:], Implicit: true, Attrs: map[string]any{"arn": arn},
		Prov: model.Provenance{File: sa.Prov.File, Line: sa.Prov.Line, Extractor: link.Extractor(w.b)}})
	w.edge(sa.ID, model.EdgeUsesIdentity, arn, link.Link{Method: "irsa", Confidence: link.High,
		Evidence:    []model.Evidence{annotation},
		Reason:      "pods of the ServiceAccount receive a web identity token for role " + arn,
		Assumptions: []string{"role " + arn + " is not defined in the scanned files: its trust policy and permissions are unknown"}})
}

func roleName(n *model.Node) string {
	if s, ok := n.Attrs["name"].(string); ok && s != "" {
		return s
	}
	return n.ID
}
