package aws

import (
	"fmt"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// imdsForge: a request forged from a workload (SSRF) to http://169.254.169.254/latest/meta-data/iam/
// security-credentials/<role> returns the host role's credentials when IMDSv1 is allowed. The workload is a
// pod (the metadata service of the node it runs on) or an EC2 instance (its own).
type imdsForge struct{}

func (imdsForge) Meta() paths.Meta {
	return paths.Meta{ID: "aws.imds-ssrf", Title: "A forged request reads the host role's credentials from IMDSv1",
		Technique: "T1552.005", TechniqueName: "Unsecured Credentials: Cloud Instance Metadata API",
		// A single GET to a well-known address; SSRF tooling tries it first (the 2019 Capital One breach).
		Likelihood: 0.8,
		Rationale:  "IMDSv1 answers any GET from the host or its pods with the instance role's temporary credentials; a server-side request forgery only has to name the URL",
		Control:    `require IMDSv2 (http_tokens = "required"): a forged GET cannot first PUT for a session token; or deny pods egress to 169.254.169.254/32`,
		From:       []paths.Kind{paths.Forge}, To: []paths.Kind{paths.Creds}}
}

func (r imdsForge) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Kind != model.KindWorkload {
		return nil
	}
	if isPod(c, w) {
		return podMetadataSteps(c, w, forged, r.Meta().Likelihood)
	}
	if !oneOf(w.Type, instanceTypes) {
		return nil
	}
	return instanceSteps(c, w, forged, r.Meta().Likelihood)
}

// instanceSteps makes the metadata steps of an instance's own code or forged requests to its roles.
func instanceSteps(c *paths.Context, w *model.Node, who caller, likelihood float64) []paths.Step {
	h := instanceHost(c, w)
	if !h.meta.allows(who) {
		return nil
	}
	var steps []paths.Step
	for _, cr := range h.roles {
		ev := []model.Evidence{h.meta.evidence}
		for _, e := range cr.via {
			ev = append(ev, edgeEvidence(e, "instance profile")...)
		}
		reason := fmt.Sprintf("the metadata service of %s answers its own %s: %s, and hands out the credentials of %s",
			name(c, w.ID), map[caller]string{forged: "forged requests", onHost: "code"}[who], h.meta.why(who), name(c, cr.role.ID))
		ctl := imdsv2Control(c, h.meta.at)
		if who == onHost {
			ctl = workloadRoleControl(c, w, cr.role)
		}
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: cr.role.ID}, Reason: reason, Evidence: ev,
			Likelihood: lower(likelihood, 0.8, h.meta.assumed()), Control: ctl, Assumptions: h.meta.assumptions, Via: keys(cr.via...)})
	}
	return steps
}

// imdsExec: code running in a pod asks its node's metadata service for the node role's credentials. IMDSv1
// answers always; with IMDSv2 required the token's PUT response must survive the extra network hop of the
// pod network (hop limit ≥ 2). Pods on the host network are one hop away like the host itself.
type imdsExec struct{}

func (imdsExec) Meta() paths.Meta {
	return paths.Meta{ID: "aws.imds-pod", Title: "Code in a pod reads its node role's credentials from the metadata service",
		Technique: "T1552.005", TechniqueName: "Unsecured Credentials: Cloud Instance Metadata API",
		// curl from a shell in the container; every AWS SDK's default credential chain tries it.
		Likelihood: 0.9,
		Rationale:  "every pod on an EC2 node shares the node's metadata service unless IMDSv2 with hop limit 1 or a NetworkPolicy keeps containers out",
		Control:    `require IMDSv2 with http_put_response_hop_limit = 1 on the nodes' launch template, or deny pods egress to 169.254.169.254/32`,
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r imdsExec) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || !isPod(c, w) {
		return nil
	}
	return podMetadataSteps(c, w, container, r.Meta().Likelihood)
}

// hostRole: code on a node (after a container escape, or through SSM) reads the node's role from the
// metadata service, which answers IMDSv2 requests from the host itself whatever the hop limit.
type hostRole struct{}

func (hostRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.host-role", Title: "Code on a host reads the host role's credentials",
		Technique: "T1552.005", TechniqueName: "Unsecured Credentials: Cloud Instance Metadata API",
		// Nothing on the host stands between its own processes and the metadata service.
		Likelihood: 0.95,
		Rationale:  "the metadata service exists to give the host's processes its role; only a disabled endpoint or no role stops it",
		Control:    "keep the host role to what the host itself needs (for EKS nodes: the worker, CNI and registry policies) and give workloads their own roles",
		From:       []paths.Kind{paths.Host}, To: []paths.Kind{paths.Creds}}
}

func (r hostRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	n := c.Node(s.Node)
	if n == nil {
		return nil
	}
	h, ok := hostOf(c, n)
	if !ok || h.meta.disabled {
		return nil
	}
	var steps []paths.Step
	for _, cr := range h.roles {
		var ev []model.Evidence
		for _, e := range cr.via {
			ev = append(ev, edgeEvidence(e, "role of "+n.ID)...)
		}
		ev = append(ev, h.meta.evidence)
		reason := fmt.Sprintf("processes on %s get the credentials of %s from its metadata service (IMDSv2 included; the endpoint is not disabled)",
			name(c, n.ID), name(c, cr.role.ID))
		ctl := paths.ControlAt("host-role", cr.role, fmt.Sprintf("keep %s to what %s itself needs, and give its workloads their own roles", name(c, cr.role.ID), name(c, n.ID)))
		ctl.Design = true // a host holds its role by design; the grants it should not have are the fix
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: cr.role.ID}, Reason: reason, Evidence: ev,
			Control: ctl, Via: keys(cr.via...)})
	}
	return steps
}
