package exposure

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// controller is what the builder knows about the controller behind an Ingress class.
type controller struct {
	name     string // "ingress-nginx", "aws-load-balancer-controller", ""
	ns       string // namespace its proxies run in, "" when unknown or when traffic comes from outside
	external bool   // traffic reaches pods from a cloud load balancer, not from proxy pods
	assumed  []string
}

// controllers maps the common Ingress class names to their controllers and the namespace their own
// installation guides use.
var controllers = []struct {
	match, name, ns string
	external        bool
}{
	{"nginx", "ingress-nginx", "ingress-nginx", false},
	{"traefik", "traefik", "traefik", false},
	{"haproxy", "haproxy-ingress", "haproxy-controller", false},
	{"kong", "kong", "kong", false},
	{"contour", "contour", "projectcontour", false},
	{"istio", "istio", "istio-system", false},
	{"emissary", "emissary-ingress", "emissary", false},
	{"ambassador", "emissary-ingress", "ambassador", false},
	{"skipper", "skipper", "kube-system", false},
	{"alb", "aws-load-balancer-controller", "", true},
	{"gce", "gke-ingress", "", true},
	{"azure-application-gateway", "application-gateway-ingress-controller", "", true},
}

// controllerOf infers an Ingress class's controller. An unrecognised class is assumed to be a proxy in an
// unknown namespace.
func controllerOf(class string) controller {
	lc := strings.ToLower(class)
	for _, c := range controllers {
		if strings.Contains(lc, c.match) {
			ctl := controller{name: c.name, ns: c.ns, external: c.external}
			if c.ns != "" {
				ctl.assumed = append(ctl.assumed, fmt.Sprintf("the %s controller of Ingress class %s is assumed to run in namespace %s (its default installation)", c.name, class, c.ns))
			}
			return ctl
		}
	}
	return controller{assumed: []string{fmt.Sprintf("Ingress class %q names no controller Seam knows; its proxies' namespace is unknown", class)}}
}

// ingresses exposes every Ingress whose controller is internet-facing and follows its rules to the pods
// behind each Service, checking the NetworkPolicies that select them.
func (r *run) ingresses() {
	for _, ing := range r.g.NodesOfKind(model.KindExposure) {
		if ing.Type == "Ingress" && isKube(ing) {
			r.ingress(ing)
		}
	}
}

func (r *run) ingress(ing *model.Node) {
	class, assumed := r.ingressClass(ing)
	ctl := controllerOf(class)
	if class == "" {
		ctl = controller{}
	}
	if internal, why, ev := r.ingressInternal(ing, class, ctl); internal {
		r.refuseExposure(ing, "ingress-scheme", why, ev)
		return
	} else if why != "" {
		assumed = append(assumed, why)
	}
	auth, authCtl := ingressAuth(ing)
	ports := []int{80}
	proto := "HTTP"
	if len(list(ing.Attrs["tls"])) > 0 {
		ports, proto = []int{80, 443}, "HTTP,HTTPS"
	}
	var hosts, paths []string
	for _, rule := range list(ing.Attrs["rules"]) {
		rm, ok := rule.(map[string]any)
		if !ok {
			continue
		}
		if h := strAttr(rm, "host"); h != "" {
			hosts = append(hosts, h)
		}
		for _, p := range list(rm["paths"]) {
			if pm, ok := p.(map[string]any); ok && strAttr(pm, "path") != "" {
				paths = append(paths, strAttr(pm, "path"))
			}
		}
	}
	ev := link.Evidence(ing, "Ingress of class "+classText(class))
	r.expose(exposure{node: ing, ports: ports, protocol: proto, auth: auth, controls: authCtl, assumptions: assumed,
		method: "ingress", reason: fmt.Sprintf("Ingress %s is served by the %s controller, which is internet-facing", ing.ID, classText(class)),
		evidence: []model.Evidence{ev}, extra: map[string]any{"ingress_class": class, "hosts": anyStrings(sortedUnique(hosts)), "paths": anyStrings(sortedUnique(paths))}})
	src := source{ns: ctl.ns, label: "the " + classText(class) + " ingress controller", external: ctl.external}
	for _, e := range r.g.Out(ing.ID) {
		svc := r.node(e.To)
		if e.Kind != model.EdgeRoutesTo || svc == nil || svc.Type != "Service" {
			continue
		}
		for _, via := range list(e.Attrs["via"]) {
			vm, _ := via.(map[string]any)
			r.ingressBackend(ing, svc, vm, src, route{entry: ing.ID, protocol: proto, auth: auth,
				controls: authCtl, assumptions: append(append([]string(nil), assumed...), ctl.assumed...),
				hosts: nonEmpty(strAttr(vm, "host")), paths: nonEmpty(strAttr(vm, "path")), ev: ev})
		}
	}
}

// ingressBackend follows one Ingress path to the pods of its Service.
func (r *run) ingressBackend(ing, svc *model.Node, via map[string]any, src source, base route) {
	_, target, proto, ok := servicePort(svc, via["port"])
	if !ok {
		base.assumptions = append(base.assumptions, fmt.Sprintf("Service %s has no port %s; assumed the backend reaches the pods", svc.ID, describe(via["port"])))
	}
	for _, w := range r.outOf(svc.ID, model.EdgeRoutesTo) {
		if w.Kind != model.KindWorkload {
			continue
		}
		pp := podPort{number: -1, proto: "TCP"}
		if ok {
			pp = resolvePodPort(w, target, proto)
		}
		rt := base
		rt.hops = []string{model.InternetID, ing.ID, svc.ID, w.ID}
		r.podRoute(w, src, pp, rt, fmt.Sprintf("%s routes %s to Service %s", ing.ID, pathText(rt), svc.ID))
	}
}

// podRoute checks the NetworkPolicies of a pod for traffic from src and records the route or the refusal.
func (r *run) podRoute(w *model.Node, src source, pp podPort, rt route, how string) {
	ok, controls, assumed, blockers := r.kube.admitted(w, src, pp)
	if !ok {
		r.refuseExposure(w, "network-policy", fmt.Sprintf("%s, but %s: %s", how, policyNames(blockers), refusalText(blockers, src, pp)), policyEvidence(blockers)...)
		return
	}
	if pp.number >= 0 {
		rt.ports = []int{pp.number}
	}
	rt.controls = append(append([]control(nil), rt.controls...), controls...)
	rt.assumptions = append(append([]string(nil), rt.assumptions...), assumed...)
	r.reachWorkload(w, rt)
}

// admitted evaluates every Ingress-type policy selecting a workload for traffic from src: no policy means
// everything is admitted.
func (k *kubeIndex) admitted(w *model.Node, src source, pp podPort) (bool, []control, []string, []*policy) {
	pols := k.ingressPol[w.ID]
	if len(pols) == 0 {
		return true, nil, nil, nil
	}
	var controls []control
	var assumed []string
	for _, p := range pols {
		if ok, a := k.admits(p, src, pp); ok {
			controls = append(controls, p.control(fmt.Sprintf("admits %s on %s", src.label, pp)))
			assumed = append(assumed, a...)
		}
	}
	if len(controls) == 0 {
		return false, nil, nil, pols
	}
	return true, controls, assumed, nil
}

// refusalText says why the policies selecting a pod admit nothing from a source.
func refusalText(pols []*policy, src source, pp podPort) string {
	allDeny := true
	for _, p := range pols {
		allDeny = allDeny && len(p.ingress) == 0
	}
	subject, verb, whose := "they select", "admit", "their"
	if len(pols) == 1 {
		subject, verb, whose = "it selects", "admits", "its"
	}
	if allDeny {
		return fmt.Sprintf("%s the pods and %s no ingress at all (default deny)", subject, verb)
	}
	return fmt.Sprintf("%s the pods and none of %s ingress rules admits %s on %s", subject, whose, src.label, pp)
}

func policyNames(pols []*policy) string {
	var names []string
	for _, p := range pols {
		names = append(names, "NetworkPolicy "+p.ns+"/"+p.node.Name+" ("+p.node.Prov.File+":"+itoa(p.node.Prov.Line)+")")
	}
	return strings.Join(names, ", ")
}

func policyEvidence(pols []*policy) []model.Evidence {
	var out []model.Evidence
	for _, p := range pols {
		what := "selects the pods"
		if len(p.ingress) == 0 {
			what = "selects the pods and admits no ingress"
		}
		out = append(out, link.Evidence(p.node, what))
	}
	return out
}

// ingressClass returns an Ingress's class: its own, the default IngressClass's, or "" with an assumption.
func (r *run) ingressClass(ing *model.Node) (string, []string) {
	if c := strAttr(ing.Attrs, "ingress_class_name"); c != "" {
		return c, nil
	}
	if d := r.kube.defClass; d != nil {
		return d.Name, nil
	}
	return "", []string{fmt.Sprintf("Ingress %s names no class and the scanned files mark no IngressClass as default; assumed served by an internet-facing controller", ing.ID)}
}

// ingressInternal decides whether an Ingress's load balancer is internal, from its annotations, its group's
// and its controller's defaults. why is the reason when internal, and an assumption when not.
func (r *run) ingressInternal(ing *model.Node, class string, ctl controller) (bool, string, model.Evidence) {
	ann := stringMap(ing.Attrs["annotations"])
	ev := link.Evidence(ing, "annotations")
	switch {
	case strings.EqualFold(ann["alb.ingress.kubernetes.io/scheme"], "internal"):
		return true, fmt.Sprintf("Ingress %s asks for an internal load balancer (alb.ingress.kubernetes.io/scheme: internal)", ing.ID), ev
	case strings.EqualFold(ann["alb.ingress.kubernetes.io/scheme"], "internet-facing"):
		return false, "", ev
	case strings.EqualFold(ann["appgw.ingress.kubernetes.io/use-private-ip"], "true"):
		return true, fmt.Sprintf("Ingress %s asks for the gateway's private address (appgw.ingress.kubernetes.io/use-private-ip)", ing.ID), ev
	case strings.EqualFold(class, "gce-internal"):
		return true, fmt.Sprintf("Ingress %s is of class gce-internal (an internal load balancer)", ing.ID), ev
	}
	if ctl.name == "aws-load-balancer-controller" {
		if r.albGroupFacing(ing, ann["alb.ingress.kubernetes.io/group.name"]) {
			return false, "", ev
		}
		return true, fmt.Sprintf("Ingress %s sets no alb.ingress.kubernetes.io/scheme, and the AWS Load Balancer Controller makes internal load balancers by default", ing.ID), ev
	}
	if ctl.ns != "" {
		if internal, why, sev, found := r.controllerService(ctl); found {
			return internal, why, sev
		}
		return false, fmt.Sprintf("the %s controller's Service is not in the scanned files; assumed internet-facing", ctl.name), ev
	}
	return false, "", ev
}

// albGroupFacing reports whether another Ingress of the same ALB group asks for an internet-facing scheme
// (the scheme is one setting for the whole group).
func (r *run) albGroupFacing(ing *model.Node, group string) bool {
	if group == "" {
		return false
	}
	for _, o := range r.g.NodesOfKind(model.KindExposure) {
		ann := stringMap(o.Attrs["annotations"])
		if o.Type == "Ingress" && ann["alb.ingress.kubernetes.io/group.name"] == group &&
			strings.EqualFold(ann["alb.ingress.kubernetes.io/scheme"], "internet-facing") {
			return true
		}
	}
	return false
}

// controllerService finds the LoadBalancer Services of a controller's namespace in the scan: internal when
// every one of them is.
func (r *run) controllerService(ctl controller) (internal bool, why string, ev model.Evidence, found bool) {
	var lbs []*model.Node
	for _, s := range r.kube.services {
		if nsOf(s) == ctl.ns && strAttr(s.Attrs, "type") == "LoadBalancer" {
			lbs = append(lbs, s)
		}
	}
	if len(lbs) == 0 {
		return false, "", model.Evidence{}, false
	}
	for _, s := range lbs {
		if in, _, _ := serviceInternal(s); !in {
			return false, "", link.Evidence(s, "controller Service"), true
		}
	}
	return true, fmt.Sprintf("the %s controller's Service %s is an internal load balancer", ctl.name, lbs[0].ID), link.Evidence(lbs[0], "internal controller Service"), true
}

// ingressAuth reads the authentication an Ingress's annotations put in front of its backends.
func ingressAuth(ing *model.Node) (string, []control) {
	ann := stringMap(ing.Attrs["annotations"])
	ev := link.Evidence(ing, "annotations")
	switch {
	case ann["alb.ingress.kubernetes.io/auth-type"] == "oidc" || ann["alb.ingress.kubernetes.io/auth-type"] == "cognito":
		return authJWT, []control{{id: ing.ID, kind: "annotation", what: "alb.ingress.kubernetes.io/auth-type: " + ann["alb.ingress.kubernetes.io/auth-type"], ev: ev}}
	case ann["nginx.ingress.kubernetes.io/auth-url"] != "":
		return authCustom, []control{{id: ing.ID, kind: "annotation", what: "nginx.ingress.kubernetes.io/auth-url (external authentication)", ev: ev}}
	case ann["nginx.ingress.kubernetes.io/auth-type"] != "":
		return authCustom, []control{{id: ing.ID, kind: "annotation", what: "nginx.ingress.kubernetes.io/auth-type: " + ann["nginx.ingress.kubernetes.io/auth-type"], ev: ev}}
	case strings.EqualFold(ann["nginx.ingress.kubernetes.io/auth-tls-verify-client"], "on"):
		return authCustom, []control{{id: ing.ID, kind: "annotation", what: "client certificates required (auth-tls-verify-client: on)", ev: ev}}
	}
	return authNone, nil
}

func classText(class string) string {
	if class == "" {
		return "(unnamed)"
	}
	return class
}

func pathText(rt route) string {
	h, p := "*", "/"
	if len(rt.hosts) > 0 {
		h = rt.hosts[0]
	}
	if len(rt.paths) > 0 {
		p = rt.paths[0]
	}
	return h + p
}

func nonEmpty(s string) []string {
	if s == "" || s == "*" {
		return nil
	}
	return []string{s}
}
