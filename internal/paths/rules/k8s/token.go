package k8s

import (
	"fmt"
	"path"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// TokenPath is where Kubernetes mounts a pod's ServiceAccount token.
const TokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token"

// IRSATokenPath is where the EKS Pod Identity Webhook mounts the web identity token of an IRSA
// ServiceAccount (docs.aws.amazon.com/eks/latest/userguide/pod-configuration.html).
const IRSATokenPath = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"

// unknownTokenFactor lowers a token step that rests on a ServiceAccount the scan does not define.
const unknownTokenFactor = 0.85

// token says whether a pod holds an API token of its ServiceAccount, why, and what would take it away.
type token struct {
	mounted     bool
	path        string
	reason      string
	evidence    []model.Evidence
	assumptions []string
	control     paths.Control
	factor      float64 // 1, lower when the answer rests on an unknown
}

// tokenOf decides whether the pods of w get an API token of sa: automountServiceAccountToken of the pod
// wins, then the ServiceAccount's, then the Kubernetes default (mounted); an explicit projected
// serviceAccountToken volume without an audience is a token too.
func tokenOf(c *paths.Context, w, sa *model.Node, use *model.Edge) token {
	ref := link.EvidenceOfEdge(use, "the pods run as ServiceAccount "+sa.Name)
	saCtl := paths.ControlAt("automount-off", sa, fmt.Sprintf("set automountServiceAccountToken: false on ServiceAccount %s/%s (pods that call the API opt back in)", namespaceOf(sa), sa.Name))
	podCtl := paths.ControlAt("automount-off", w, fmt.Sprintf("set automountServiceAccountToken: false in the pod spec of %s", c.Name(w.ID)))
	t := token{mounted: true, path: TokenPath, factor: 1, control: saCtl}
	podVal, podSet := boolAttr(w.Attrs["automount_service_account_token"])
	saVal, saSet := boolAttr(sa.Attrs["automount_service_account_token"])
	eff, effSet := boolAttr(w.Attrs["automount_effective"])
	switch {
	case podSet && podVal:
		t.reason = "the pod spec sets automountServiceAccountToken: true"
		t.evidence = []model.Evidence{at(w, "automountServiceAccountToken", "automountServiceAccountToken: true"), ref}
		t.control = podCtl
	case podSet || saSet && !saVal || effSet && !eff:
		t.mounted = false
	case saSet:
		t.reason = fmt.Sprintf("ServiceAccount %s sets automountServiceAccountToken: true", sa.Name)
		t.evidence = []model.Evidence{link.Evidence(sa, "automountServiceAccountToken: true"), ref}
	case sa.Implicit:
		t.reason = fmt.Sprintf("the pod does not set automountServiceAccountToken and ServiceAccount %s is not in the scanned files", sa.Name)
		t.evidence = []model.Evidence{ref}
		t.assumptions = []string{fmt.Sprintf("ServiceAccount %s is not defined in the scanned files: its token is assumed mounted (the Kubernetes default)", sa.ID)}
		t.factor = unknownTokenFactor
	default:
		t.reason = "neither the pod nor the ServiceAccount sets automountServiceAccountToken, so Kubernetes mounts the token"
		t.evidence = []model.Evidence{link.Evidence(sa, fmt.Sprintf("ServiceAccount %s does not set automountServiceAccountToken (default: mounted)", sa.Name)), ref}
	}
	if !t.mounted {
		if p, ev, ok := projectedToken(w); ok {
			t = token{mounted: true, path: p, factor: 1, evidence: []model.Evidence{ev, ref},
				reason:  "automounting is off, but a projected serviceAccountToken volume mounts a token for the API server",
				control: paths.ControlAt("projected-token", w, "remove the projected serviceAccountToken volume from "+c.Name(w.ID)+", or give it the audience of the service that needs it")}
		}
	}
	return t
}

// projectedToken finds a projected serviceAccountToken volume without an audience (so valid for the API
// server) that a container mounts, and the path of the token file.
func projectedToken(w *model.Node) (string, model.Evidence, bool) {
	for i, v := range list(w.Attrs["volumes"]) {
		if str(v["type"]) != "projected" {
			continue
		}
		for _, src := range list(v["sources"]) {
			if str(src["type"]) != "serviceAccountToken" || str(src["audience"]) != "" {
				continue
			}
			dir, ok := mountPath(w, str(v["name"]))
			if !ok {
				continue
			}
			l, _ := toInt(v["line"])
			if l == 0 {
				l = line(w, fmt.Sprintf("volumes[%d]", i))
			}
			return path.Join(dir, str(src["path"])), model.Evidence{File: w.Prov.File, Line: l,
				What: "projected serviceAccountToken volume " + str(v["name"])}, true
		}
	}
	return "", model.Evidence{}, false
}

// mountPath returns where the first container that mounts a volume mounts it.
func mountPath(w *model.Node, volume string) (string, bool) {
	for _, ct := range containersOf(w) {
		for _, m := range list(ct.attrs["volume_mounts"]) {
			if str(m["name"]) == volume {
				return str(m["mount_path"]), true
			}
		}
	}
	return "", false
}

// saToken: code execution in a pod reads the ServiceAccount token mounted into it.
type saToken struct{}

func (saToken) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.sa-token", Title: "Code in a pod reads its ServiceAccount token",
		Technique: "T1528", TechniqueName: "Steal Application Access Token",
		// The token is a file at a fixed path in every container of the pod; any code that runs there reads it.
		Likelihood: 0.9,
		Rationale:  "Kubernetes mounts the pod's ServiceAccount token at " + TokenPath + " unless automountServiceAccountToken is false; code running in the pod reads it and calls the API server as the ServiceAccount",
		Control:    "set automountServiceAccountToken: false on the ServiceAccount or the pod; mount a token only where the API is needed",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r saToken) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := podOf(c, s.Node)
	if w == nil {
		return nil
	}
	sa, use := serviceAccountOf(c, w)
	if sa == nil {
		return nil
	}
	t := tokenOf(c, w, sa, use)
	if !t.mounted {
		return nil
	}
	return []paths.Step{{To: paths.State{Kind: paths.Creds, Node: sa.ID}, Likelihood: r.Meta().Likelihood * t.factor,
		Reason:   fmt.Sprintf("code in %s reads the token of ServiceAccount %s/%s at %s: %s", c.Name(w.ID), namespaceOf(sa), sa.Name, t.path, t.reason),
		Evidence: t.evidence, Control: t.control, Assumptions: t.assumptions, Via: []string{use.Key()}}}
}

// saTokenFile: a file read in a pod (path traversal) reads the ServiceAccount token, and the IRSA web
// identity token when the ServiceAccount has an IAM role.
type saTokenFile struct{}

func (saTokenFile) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.sa-token-file-read", Title: "A file read in a pod takes its ServiceAccount or IRSA token",
		Technique: "T1552.001", TechniqueName: "Unsecured Credentials: Credentials In Files",
		// The attacker must name the token's path; it is fixed and in every Kubernetes attack guide, but a
		// traversal is often limited (prefixes, extensions, the process's own files).
		Likelihood: 0.6,
		Rationale:  "the ServiceAccount token (" + TokenPath + ") and, on EKS with IRSA, the web identity token (" + IRSATokenPath + ") are readable files of the pod; a path traversal that reads arbitrary files reads them",
		Control:    "fix the file read; set automountServiceAccountToken: false where the API is not needed; give IRSA roles only to pods that need AWS",
		From:       []paths.Kind{paths.FileRead}, To: []paths.Kind{paths.Creds}}
}

func (r saTokenFile) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := podOf(c, s.Node)
	if w == nil {
		return nil
	}
	sa, use := serviceAccountOf(c, w)
	if sa == nil {
		return nil
	}
	var out []paths.Step
	base := r.Meta().Likelihood
	if t := tokenOf(c, w, sa, use); t.mounted {
		out = append(out, paths.Step{To: paths.State{Kind: paths.Creds, Node: sa.ID}, Likelihood: base * t.factor,
			Reason:   fmt.Sprintf("a file read in %s can fetch %s, the token of ServiceAccount %s/%s: %s", c.Name(w.ID), t.path, namespaceOf(sa), sa.Name, t.reason),
			Evidence: t.evidence, Control: t.control, Assumptions: t.assumptions, Via: []string{use.Key()}})
	}
	return append(out, irsaFileSteps(c, w, sa, use)...)
}

// irsaFileLikelihood: the web identity token must be read and then exchanged with sts:AssumeRoleWithWebIdentity
// for the role the annotation names, which the attacker must also learn (AWS_ROLE_ARN in /proc/self/environ).
const irsaFileLikelihood = 0.5

// irsaFileSteps are the steps to the IAM roles a ServiceAccount maps to through IRSA. The webhook projects
// the token whatever automountServiceAccountToken says.
func irsaFileSteps(c *paths.Context, w, sa *model.Node, use *model.Edge) []paths.Step {
	var out []paths.Step
	for _, e := range c.Graph.Out(sa.ID) {
		if e.Kind != model.EdgeUsesIdentity || str(e.Attrs["method"]) != "irsa" {
			continue
		}
		ev := append(edgeEvidence(e, "IRSA annotation"), link.EvidenceOfEdge(use, "the pods run as ServiceAccount "+sa.Name))
		out = append(out, paths.Step{To: paths.State{Kind: paths.Creds, Node: e.To}, Likelihood: irsaFileLikelihood,
			Reason: fmt.Sprintf("a file read in %s can fetch %s, the web identity token of ServiceAccount %s/%s, which IAM role %s trusts (IRSA)",
				c.Name(w.ID), IRSATokenPath, namespaceOf(sa), sa.Name, c.Name(e.To)),
			Evidence: ev, Assumptions: edgeAssumptions(e), Via: []string{use.Key(), e.Key()},
			Control: paths.ControlAt("irsa-token", sa, fmt.Sprintf("keep IRSA off pods that serve untrusted input: remove the eks.amazonaws.com/role-arn annotation from ServiceAccount %s/%s if its pods need no AWS access, or exclude the containers with the eks.amazonaws.com/skip-containers pod annotation", namespaceOf(sa), sa.Name))})
	}
	return out
}
