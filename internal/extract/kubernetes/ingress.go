package kubernetes

import (
	networkingv1 "k8s.io/api/networking/v1"
	networkingv1beta1 "k8s.io/api/networking/v1beta1"

	"github.com/seam-sec/seam/internal/model"
)

// backend is an Ingress backend in a shape common to networking/v1 and the older v1beta1 API.
type backend struct {
	service  string
	port     any    // number or name
	resource string // "Kind/name" for a resource backend
}

// ingressPath is one routed path of a rule.
type ingressPath struct {
	path, pathType string
	backend        backend
}

// ingressRule is one host rule.
type ingressRule struct {
	host  string
	paths []ingressPath
}

// ingressSpec is an Ingress read from either API version.
type ingressSpec struct {
	className string
	def       *backend
	rules     []ingressRule
	tls       []networkingv1.IngressTLS
}

func v1Backend(b networkingv1.IngressBackend) backend {
	switch {
	case b.Service != nil:
		var port any = b.Service.Port.Name
		if b.Service.Port.Name == "" {
			port = int(b.Service.Port.Number)
		}
		return backend{service: b.Service.Name, port: port}
	case b.Resource != nil:
		return backend{resource: b.Resource.Kind + "/" + b.Resource.Name}
	}
	return backend{}
}

func v1beta1Backend(b networkingv1beta1.IngressBackend) backend {
	if b.Resource != nil {
		return backend{resource: b.Resource.Kind + "/" + b.Resource.Name}
	}
	return backend{service: b.ServiceName, port: intOrString(b.ServicePort.String(), b.ServicePort.Type == 0, int(b.ServicePort.IntVal))}
}

// ingressOf normalises either Ingress version.
func ingressOf(t any) ingressSpec {
	var out ingressSpec
	switch in := t.(type) {
	case *networkingv1.Ingress:
		out.className, out.tls = deref(in.Spec.IngressClassName), in.Spec.TLS
		if in.Spec.DefaultBackend != nil {
			b := v1Backend(*in.Spec.DefaultBackend)
			out.def = &b
		}
		for _, r := range in.Spec.Rules {
			rule := ingressRule{host: r.Host}
			if r.HTTP != nil {
				for _, p := range r.HTTP.Paths {
					pt := ""
					if p.PathType != nil {
						pt = string(*p.PathType)
					}
					rule.paths = append(rule.paths, ingressPath{path: p.Path, pathType: pt, backend: v1Backend(p.Backend)})
				}
			}
			out.rules = append(out.rules, rule)
		}
	case *networkingv1beta1.Ingress:
		out.className = deref(in.Spec.IngressClassName)
		for _, t := range in.Spec.TLS {
			out.tls = append(out.tls, networkingv1.IngressTLS{Hosts: t.Hosts, SecretName: t.SecretName})
		}
		if in.Spec.Backend != nil {
			b := v1beta1Backend(*in.Spec.Backend)
			out.def = &b
		}
		for _, r := range in.Spec.Rules {
			rule := ingressRule{host: r.Host}
			if r.HTTP != nil {
				for _, p := range r.HTTP.Paths {
					rule.paths = append(rule.paths, ingressPath{path: p.Path, backend: v1beta1Backend(p.Backend)})
				}
			}
			out.rules = append(out.rules, rule)
		}
	}
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// addIngress builds an Ingress (an exposure) with routes-to edges to the Services it sends traffic to and
// references to its TLS Secrets.
func (b *builder) addIngress(o *object) {
	n := b.newNode(o, model.KindExposure)
	if n == nil {
		return
	}
	spec := ingressOf(o.typed)
	ns := nsOf(n)
	class := spec.className
	if class == "" {
		class = o.meta.Annotations["kubernetes.io/ingress.class"]
	}
	n.Attrs["ingress_class_name"] = class
	var refs pendingRefs
	route := func(bk backend, host, path string, line int) map[string]any {
		m := map[string]any{"service": bk.service, "port": bk.port}
		if bk.resource != "" {
			m = map[string]any{"resource": bk.resource}
		}
		if bk.service != "" {
			r := ref{edge: model.Edge{From: n.ID, Kind: model.EdgeRoutesTo, Prov: prov(b.file, line)},
				implicit: k8sTarget(ns, "Service", bk.service)}
			r.edge.To, r.implicit.Implicit, r.implicit.Prov = r.implicit.ID, true, prov(b.file, line)
			refs.add(r, map[string]any{"host": host, "path": path, "port": bk.port})
		}
		return m
	}
	if spec.def != nil {
		field := "defaultBackend"
		if _, old := o.typed.(*networkingv1beta1.Ingress); old {
			field = "backend"
		}
		n.Attrs["default_backend"] = route(*spec.def, "*", "/", lineOr(o, o.line, "spec", field))
	}
	var rules []any
	for i, r := range spec.rules {
		var paths []any
		for j, p := range r.paths {
			line := lineOr(o, o.line, "spec", "rules", i, "http", "paths", j)
			m := route(p.backend, r.host, p.path, line)
			m["path"], m["path_type"] = p.path, p.pathType
			paths = append(paths, m)
		}
		rules = append(rules, map[string]any{"host": r.host, "paths": paths})
	}
	n.Attrs["rules"] = rules
	var tls []any
	for i, t := range spec.tls {
		tls = append(tls, map[string]any{"hosts": stringList(t.Hosts), "secret_name": t.SecretName})
		if t.SecretName != "" {
			b.addRef(n.ID, model.EdgeReferences, k8sTarget(ns, "Secret", t.SecretName),
				lineOr(o, o.line, "spec", "tls", i), map[string]any{"via": "tls"})
		}
	}
	n.Attrs["tls"] = tls
	b.refs = append(b.refs, refs.list()...)
}
