package data

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// source is one configured value of a workload: an environment value, a ConfigMap value it reads, or the
// value hint of a Secret it reads.
type source struct {
	workload *model.Node
	variable string // the variable (or ConfigMap key) the value is given as
	value    string
	method   string
	evidence []model.Evidence
	via      string // how the workload gets it, for reasons: "env DOCUMENTS_BUCKET", "ConfigMap webshop-config"
}

// valueConnections reads every workload's configuration.
func (w *work) valueConnections() {
	for _, n := range w.g.NodesOfKind(model.KindWorkload) {
		switch {
		case isKubernetes(n):
			w.podConnections(n)
		case n.Type == "aws_lambda_function":
			w.lambdaConnections(n)
		case n.Type == "aws_ecs_task_definition":
			w.ecsConnections(n)
		}
	}
}

// connectValue makes the connects-to edges (or refused links) of one value.
func (w *work) connectValue(src source) {
	hint := kindOfVariable(src.variable)
	for _, r := range scanValue(src.value) {
		stores := w.stores.resolve(r)
		if len(stores) == 0 {
			w.unresolved(src, r, hint)
			continue
		}
		for _, n := range stores {
			if why := w.place(r, n); why != "" {
				w.broken(src.workload.ID, model.EdgeConnectsTo, n.ID, link.Link{Method: src.method, Evidence: src.evidence,
					Reason: fmt.Sprintf("%s names %s %s, but %s", src.via, r.form, r.name, why)})
				continue
			}
			conf := link.High
			if r.form == "name" {
				conf = nameConfidence(hint, storeTypes[n.Type].kind)
			}
			w.add(src.workload.ID, model.EdgeConnectsTo, n.ID, link.Link{Method: src.method, Confidence: conf,
				Reason:   fmt.Sprintf("%s gives %s the %s of %s (%s)", src.via, src.workload.Name, r.form, n.ID, r.name),
				Evidence: append(append([]model.Evidence(nil), src.evidence...), link.Evidence(n, n.Type+" "+n.Name)),
				Attrs:    map[string]any{"variable": src.variable}})
		}
	}
}

// nameConfidence grades a value equal to a store's name: high when the variable's name says the store's
// kind, medium when it says nothing, low when it says another kind.
func nameConfidence(hint, kind string) link.Confidence {
	switch hint {
	case kind:
		return link.High
	case "":
		return link.Medium
	}
	return link.Low
}

// unresolved refuses a value that has the form of a store's name, or is given under a variable that says
// it names one, when no store of the scan has that name.
func (w *work) unresolved(src source, r nameRef, hint string) {
	kind := r.kind
	if r.form == "name" {
		if hint == "" || hint == kindSecret || hint == kindParameter || hint == kindDB || strings.Contains(r.name, "/") {
			return // a name without a kind word, or one too loose to say it names a store
		}
		kind = hint
	}
	reason := fmt.Sprintf("%s names %s %s (%s), which no Terraform configuration, plan or state of the scan defines",
		src.via, kind, r.name, r.form)
	if n := w.stores.unknown[kind]; n > 0 {
		reason += fmt.Sprintf("; %d %s(s) of the scan have names Seam cannot know before apply", n, kind)
	}
	w.broken(src.workload.ID, model.EdgeConnectsTo, "", link.Link{Method: src.method, Evidence: src.evidence, Reason: reason})
}

// connectHint makes the connects-to edge a Secret's value hint gives: the database its host names.
func (w *work) connectHint(wl *model.Node, secret *model.Node, key string, hint map[string]any, first model.Evidence) {
	host, _ := hint["host"].(string)
	if host == "" {
		return
	}
	sev := model.Evidence{File: secret.Prov.File, Line: lineOf(secret, secret.Prov.Line, "stringData."+key, "data."+key),
		What: fmt.Sprintf("Secret %s key %s: a %v connection to %s", secret.Name, key, hint["scheme"], host)}
	src := source{workload: wl, variable: key, value: host, method: methodSecretHint, evidence: []model.Evidence{first, sev},
		via: fmt.Sprintf("Secret %s key %s", secret.Name, key)}
	for _, r := range scanValue(host) {
		if r.form != "RDS endpoint" {
			continue
		}
		stores := w.stores.resolve(r)
		if len(stores) == 0 {
			w.unresolved(src, r, "")
		}
		for _, n := range stores {
			if why := w.place(r, n); why != "" {
				w.broken(wl.ID, model.EdgeConnectsTo, n.ID, link.Link{Method: methodSecretHint, Evidence: src.evidence,
					Reason: fmt.Sprintf("%s names RDS endpoint %s, but %s", src.via, host, why)})
				continue
			}
			w.add(wl.ID, model.EdgeConnectsTo, n.ID, link.Link{Method: methodSecretHint, Confidence: link.High,
				Reason: fmt.Sprintf("%s reads Secret %s, whose %s connects to %s, the endpoint of %s; the credentials come from the Secret",
					wl.Name, secret.Name, key, host, n.ID),
				Evidence: append(append([]model.Evidence(nil), src.evidence...), link.Evidence(n, n.Type+" "+n.Name)),
				Attrs:    map[string]any{"credentials_from": secret.ID, "variable": key}})
		}
	}
}

// podConnections reads a Kubernetes workload's containers: env values, the ConfigMap values and Secret
// hints they read, envFrom, and secret volumes.
func (w *work) podConnections(n *model.Node) {
	ns, _ := n.Attrs["namespace"].(string)
	for _, field := range []string{"init_containers", "containers", "ephemeral_containers"} {
		for _, c := range maps(n.Attrs[field]) {
			cname, _ := c["name"].(string)
			for _, e := range maps(c["env"]) {
				w.envEntry(n, ns, cname, e)
			}
			for _, e := range maps(c["env_from"]) {
				w.envFromEntry(n, ns, cname, e)
			}
		}
	}
	for _, v := range maps(n.Attrs["volumes"]) {
		name, _ := v["secret_name"].(string)
		if v["type"] != "secret" || name == "" {
			continue
		}
		ev := model.Evidence{File: n.Prov.File, Line: intOf(v["line"], n.Prov.Line), What: "volume " + fmt.Sprint(v["name"]) + " mounts Secret " + name}
		w.secretHints(n, ns, name, "", ev)
	}
}

// envEntry reads one env entry.
func (w *work) envEntry(n *model.Node, ns, container string, e map[string]any) {
	name, _ := e["name"].(string)
	ev := model.Evidence{File: n.Prov.File, Line: intOf(e["line"], n.Prov.Line), What: fmt.Sprintf("env %s of container %s", name, container)}
	if v, ok := e["value"].(string); ok && e["masked"] != true {
		w.connectValue(source{workload: n, variable: name, value: v, method: methodEnv, evidence: []model.Evidence{ev},
			via: "env " + name})
		return
	}
	from, _ := e["value_from"].(map[string]any)
	key, _ := from["key"].(string)
	if cm, ok := from["config_map"].(string); ok {
		ev.What += fmt.Sprintf(" from ConfigMap %s key %s", cm, key)
		w.configValues(n, ns, cm, key, name, ev)
	}
	if s, ok := from["secret"].(string); ok {
		ev.What += fmt.Sprintf(" from Secret %s key %s", s, key)
		w.secretHints(n, ns, s, key, ev)
	}
}

// envFromEntry reads one envFrom entry: every key of the ConfigMap or Secret.
func (w *work) envFromEntry(n *model.Node, ns, container string, e map[string]any) {
	line := intOf(e["line"], n.Prov.Line)
	if cm, ok := e["config_map"].(string); ok {
		ev := model.Evidence{File: n.Prov.File, Line: line, What: fmt.Sprintf("envFrom ConfigMap %s in container %s", cm, container)}
		w.configValues(n, ns, cm, "", "", ev)
	}
	if s, ok := e["secret"].(string); ok {
		ev := model.Evidence{File: n.Prov.File, Line: line, What: fmt.Sprintf("envFrom Secret %s in container %s", s, container)}
		w.secretHints(n, ns, s, "", ev)
	}
}

// configValues reads the values of a ConfigMap a workload reads: one key, or all of them ("").
func (w *work) configValues(n *model.Node, ns, name, key, variable string, first model.Evidence) {
	cm, ok := w.g.Node(model.K8sID(ns, "ConfigMap", name))
	if !ok {
		return
	}
	data := stringMap(cm.Attrs["data"])
	keys := []string{key}
	if key == "" {
		keys = sortedKeys(data)
	}
	for _, k := range keys {
		v, ok := data[k]
		if !ok || v == model.Redacted {
			continue
		}
		vname := variable
		if vname == "" {
			vname = k
		}
		cev := model.Evidence{File: cm.Prov.File, Line: lineOf(cm, cm.Prov.Line, "data."+k), What: fmt.Sprintf("ConfigMap %s %s: %s", name, k, v)}
		w.connectValue(source{workload: n, variable: vname, value: v, method: methodConfigMap,
			evidence: []model.Evidence{first, cev}, via: fmt.Sprintf("ConfigMap %s key %s", name, k)})
	}
}

// secretHints reads the value hints of a Secret a workload reads: one key, or all of them ("").
func (w *work) secretHints(n *model.Node, ns, name, key string, first model.Evidence) {
	s, ok := w.g.Node(model.K8sID(ns, "Secret", name))
	if !ok {
		return
	}
	hints, _ := s.Attrs["value_hints"].(map[string]any)
	keys := []string{key}
	if key == "" {
		keys = sortedKeys(hints)
	}
	for _, k := range keys {
		if h, ok := hints[k].(map[string]any); ok {
			w.connectHint(n, s, k, h, first)
		}
	}
}

// lambdaConnections reads a Lambda function's environment variables.
func (w *work) lambdaConnections(n *model.Node) {
	for _, env := range maps(n.Attrs["environment"]) {
		vars, _ := env["variables"].(map[string]any)
		for _, k := range sortedKeys(vars) {
			w.terraformValue(n, k, vars[k], methodEnv, "environment variable "+k)
		}
	}
}

// ecsConnections reads an ECS task definition's container environments and secrets.
func (w *work) ecsConnections(n *model.Node) {
	for _, c := range maps(n.Attrs["container_definitions"]) {
		cname, _ := c["name"].(string)
		for _, e := range maps(c["environment"]) {
			name, _ := e["name"].(string)
			w.terraformValue(n, name, e["value"], methodEnv, fmt.Sprintf("environment %s of container %s", name, cname))
		}
		for _, e := range maps(c["secrets"]) {
			name, _ := e["name"].(string)
			w.terraformValue(n, name, e["valueFrom"], methodECSSecret, fmt.Sprintf("secret %s of container %s", name, cname))
		}
	}
}

// terraformValue reads one value of a Terraform workload: a Terraform reference to a store is that store;
// otherwise the value (with what Seam knows of its references) is scanned like any other.
func (w *work) terraformValue(n *model.Node, variable string, v any, method, what string) {
	ev := link.Evidence(n, what)
	if expr, unknown := model.IsUnknown(v); unknown {
		for _, r := range w.ix.ResolveRefs(n, expr) {
			if _, isStore := storeTypes[r.Node.Type]; !isStore && r.Node.Kind != model.KindDataStore {
				continue
			}
			w.add(n.ID, model.EdgeConnectsTo, r.Node.ID, link.Link{Method: methodReference, Confidence: link.High,
				Reason:   fmt.Sprintf("%s of %s is a Terraform reference to %s (%s)", what, n.Name, r.Node.ID, expr),
				Evidence: []model.Evidence{ev, link.Evidence(r.Node, r.Node.Type+" "+r.Node.Name)},
				Attrs:    map[string]any{"variable": variable}})
		}
	}
	s, _, ok := w.ix.String(n, v)
	if !ok || s == "" || s == model.Redacted || link.HasToken(s) && !strings.Contains(s, "arn:") {
		return
	}
	w.connectValue(source{workload: n, variable: variable, value: s, method: method, evidence: []model.Evidence{ev}, via: what})
}

// maps reads a list of maps from an attribute.
func maps(v any) []map[string]any {
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// intOf reads a line number from an attribute, def when there is none.
func intOf(v any, def int) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return def
}
