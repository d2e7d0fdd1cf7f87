package data

import (
	"fmt"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/extract/catalog"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// How a link was found: the method attribute of the builder's edges.
const (
	methodTag            = "tag"                 // a Terraform tag
	methodLabel          = "label"               // a Kubernetes label
	methodSeamYAML       = "seam.yaml"           // a data class's resources glob
	methodCatalog        = "catalog"             // the Backstage catalog (Resource tags, Component dependsOn)
	methodDefault        = "default"             // what a kind of store holds by default
	methodAnnotation     = "annotation"          // seam.dev/resource
	methodName           = "name"                // a name equal to the store's
	methodDescription    = "description"         // a Resource's description names the store
	methodSourceLocation = "source-location"     // a Resource's source location holds the store's file
	methodEnv            = "env"                 // an environment value
	methodConfigMap      = "config-map"          // a ConfigMap value the workload reads
	methodSecretHint     = "secret-hint"         // the host of a Secret's connection string
	methodECSSecret      = "ecs-secret"          // an ECS container's secrets valueFrom
	methodReference      = "terraform-reference" // a Terraform reference in an environment
)

// isCatalog reports whether the Backstage extractor made n.
func isCatalog(n *model.Node) bool { return n.Prov.Extractor == catalog.Name }

// isKubernetes reports whether n is a Kubernetes object.
func isKubernetes(n *model.Node) bool { return strings.HasPrefix(n.ID, "k8s:") }

// dataStores returns the data stores the builder classifies: every data store node but the catalog's.
func (w *work) dataStores() []*model.Node { return w.stores.datastores }

// tagHolds classifies data stores by their Terraform tags and Kubernetes labels.
func (w *work) tagHolds() {
	for _, n := range w.dataStores() {
		if isKubernetes(n) {
			w.labelHolds(n)
			continue
		}
		if _, tf := n.Attrs["tf_address"]; tf {
			w.terraformTagHolds(n)
		}
	}
}

// terraformTagHolds reads tags_all (the provider's default tags included) and tags.
func (w *work) terraformTagHolds(n *model.Node) {
	own, ownKnown := n.Attrs["tags"].(map[string]any)
	all, allKnown := n.Attrs["tags_all"].(map[string]any)
	for _, attr := range []string{"tags", "tags_all"} {
		if expr, unknown := model.IsUnknown(n.Attrs[attr]); unknown {
			ev := model.Evidence{File: n.Prov.File, Line: lineOf(n, n.Prov.Line, attr), What: attr}
			w.assume(n.ID, attr, fmt.Sprintf("the %s of %s are unknown (%s): Seam cannot tell which data classes they name", attr, n.ID, expr),
				"no data class from these tags; seam.yaml, the catalog and defaults still apply", ev)
			break // tags_all is unknown because tags is
		}
	}
	keys := map[string]bool{}
	if ownKnown {
		for k := range own {
			keys[k] = true
		}
	}
	if allKnown {
		for k := range all {
			keys[k] = true
		}
	}
	for _, k := range sortedKeys(keys) {
		v, isOwn := own[k]
		if !isOwn {
			v = all[k]
		}
		ev := w.tagEvidence(n, k, v, isOwn)
		w.classifyTag(n, k, v, ev, methodTag)
	}
}

// tagEvidence points at a Terraform tag: the line of the resource's own tag, or of the default tag in its
// provider configuration.
func (w *work) tagEvidence(n *model.Node, key string, v any, own bool) model.Evidence {
	what := fmt.Sprintf("tag %s = %s", key, show(v))
	if own {
		return model.Evidence{File: n.Prov.File, Line: lineOf(n, n.Prov.Line, "tags."+key, "tags"), What: what}
	}
	root, _, _ := link.TerraformAddress(n)
	addr, _ := n.Attrs["tf_provider"].(string)
	if addr == "" {
		addr = "provider.aws"
	}
	if p, ok := w.ix.TFNode(root, addr); ok {
		return model.Evidence{File: p.Prov.File, Line: lineOf(p, p.Prov.Line, "default_tags."+key, "default_tags"),
			What: fmt.Sprintf("default tag %s = %s of %s, in tags_all of %s", key, show(v), addr, n.ID)}
	}
	return link.Evidence(n, "tags_all "+key+" = "+show(v))
}

// labelHolds reads a Kubernetes object's labels.
func (w *work) labelHolds(n *model.Node) {
	labels := stringMap(n.Attrs["labels"])
	for _, k := range sortedKeys(labels) {
		ev := model.Evidence{File: n.Prov.File, Line: lineOf(n, n.Prov.Line, "metadata.labels."+k),
			What: fmt.Sprintf("label %s: %s", k, labels[k])}
		w.classifyTag(n, k, labels[k], ev, methodLabel)
	}
}

// classifyTag makes the holds edges one tag or label gives: by the declared classes' tag globs, and by a
// conventional key's value.
func (w *work) classifyTag(n *model.Node, key string, v any, ev model.Evidence, method string) {
	word, attr := "tag", "tags."+key
	if method == methodLabel {
		word, attr = "label", "labels."+key
	}
	s, ok := v.(string)
	conventional := conventionalKeys[normalizeKey(key)]
	if !ok {
		if expr, unknown := model.IsUnknown(v); unknown && (conventional || w.ruleKey(key)) {
			w.assume(n.ID, attr, fmt.Sprintf("the value of %s %s of %s is unknown (%s)", word, key, n.ID, expr),
				"no data class from it; seam.yaml, the catalog and defaults still apply", ev)
		}
		return
	}
	declared := false
	for _, d := range w.classes.list {
		for _, r := range d.tags {
			if r.key != key || !globMatch(r.glob, s) {
				continue
			}
			declared = true
			w.add(n.ID, model.EdgeHolds, model.DataClassID(d.name), link.Link{Method: method, Confidence: link.Certain,
				Reason:   fmt.Sprintf("%s %s = %q matches data class %s's tag glob %q in seam.yaml", word, key, s, d.name, r.glob),
				Evidence: []model.Evidence{ev, d.evidence(fmt.Sprintf("data class %s: tags %s: %q", d.name, key, r.glob))}})
		}
	}
	if !conventional {
		return
	}
	classes, unknown, _ := w.classes.classesOf(s)
	for _, c := range classes {
		w.add(n.ID, model.EdgeHolds, w.classID(c, ev), link.Link{Method: method, Confidence: link.High,
			Reason:   fmt.Sprintf("%s %s = %q names data class %s", word, key, s, c),
			Evidence: []model.Evidence{ev}})
	}
	if len(unknown) > 0 && !declared {
		w.diag(model.SeverityInfo, ev, fmt.Sprintf("%s %s of %s: %q names no data class Seam knows (pii, pci, phi, credentials, confidential, or one seam.yaml declares)",
			word, key, n.ID, strings.Join(unknown, ", ")))
	}
}

// ruleKey reports whether some declared class has a tag rule for key.
func (w *work) ruleKey(key string) bool {
	for _, d := range w.classes.list {
		for _, r := range d.tags {
			if r.key == key {
				return true
			}
		}
	}
	return false
}

// globMatch matches a tag value against a seam.yaml glob, as written and then without case.
func globMatch(glob, value string) bool {
	if ok, err := doublestar.Match(glob, value); err == nil && ok {
		return true
	}
	ok, err := doublestar.Match(strings.ToLower(glob), strings.ToLower(value))
	return err == nil && ok
}

// defaultHolds: a Kubernetes Secret, a Secrets Manager secret and an SSM SecureString hold credentials.
func (w *work) defaultHolds() {
	for _, n := range w.dataStores() {
		reason := ""
		switch {
		case isKubernetes(n) && n.Type == "Secret":
			reason = "Seam takes every Kubernetes Secret to hold credentials (passwords, keys, tokens, certificates)"
			if n.Implicit {
				reason = "a Kubernetes Secret holds credentials; this one is only referenced here, not defined"
			}
		case n.Type == "aws_secretsmanager_secret":
			reason = "a Secrets Manager secret holds credentials"
		case n.Type == "aws_ssm_parameter" && n.Attrs["type"] == "SecureString":
			reason = "an SSM SecureString parameter holds a secret value"
		default:
			continue
		}
		ev := link.Evidence(n, n.Type+" "+n.Name)
		w.add(n.ID, model.EdgeHolds, w.classID(classCredentials, ev), link.Link{Method: methodDefault,
			Confidence: link.High, Reason: reason, Evidence: []model.Evidence{ev}})
	}
}

// globHolds applies the declared classes' resources globs.
func (w *work) globHolds() {
	for _, d := range w.classes.list {
		for _, glob := range d.globs {
			what := fmt.Sprintf("data class %s: resources %q", d.name, glob)
			if !doublestar.ValidatePattern(glob) {
				w.diag(model.SeverityWarning, d.evidence(what), what+" is not a valid glob")
				continue
			}
			if n := w.globOne(d, glob, what); n == 0 {
				w.diag(model.SeverityWarning, d.evidence(what), what+" matches no data store of the scan")
			}
		}
	}
}

// globOne applies one glob and returns how many stores it gave the class.
func (w *work) globOne(d *declaredClass, glob, what string) int {
	count := 0
	for _, n := range w.dataStores() {
		if ok, _ := doublestar.Match(glob, n.ID); !ok {
			continue
		}
		count++
		w.add(n.ID, model.EdgeHolds, model.DataClassID(d.name), link.Link{Method: methodSeamYAML, Confidence: link.Certain,
			Reason:   fmt.Sprintf("seam.yaml declares that %s holds %s (resources glob %q)", n.ID, d.name, glob),
			Evidence: []model.Evidence{d.evidence(what), link.Evidence(n, n.Type+" "+n.Name)}})
	}
	for _, r := range w.resources() {
		if ok, _ := doublestar.Match(glob, r.ID); !ok {
			continue
		}
		for _, m := range w.matches[r.ID] {
			count++
			w.add(m.store.ID, model.EdgeHolds, model.DataClassID(d.name), link.Link{Method: methodSeamYAML,
				Confidence: least(link.Certain, m.conf),
				Reason: fmt.Sprintf("seam.yaml declares that Backstage Resource %s holds %s (resources glob %q), and %s is %s",
					r.Name, d.name, glob, r.Name, m.store.ID),
				Evidence: append([]model.Evidence{d.evidence(what)}, m.evidence...)})
		}
	}
	return count
}

// catalogHolds: a matched Backstage Resource's class tags hold for the stores it is matched to.
func (w *work) catalogHolds() {
	for _, r := range w.resources() {
		ms := w.matches[r.ID]
		if len(ms) == 0 {
			continue
		}
		for _, tag := range link.Strings(r.Attrs["tags"]) {
			c, ok := w.classes.catalogClass(tag)
			if !ok {
				continue
			}
			ev := link.Evidence(r, fmt.Sprintf("tag %s of Backstage Resource %s", tag, r.Name))
			for _, m := range ms {
				w.add(m.store.ID, model.EdgeHolds, w.classID(c, ev), link.Link{Method: methodCatalog,
					Confidence: least(link.High, m.conf),
					Reason:     fmt.Sprintf("Backstage Resource %s, tagged %s, describes %s (%s)", r.Name, tag, m.store.ID, m.method),
					Evidence:   append([]model.Evidence{ev}, m.evidence...)})
			}
		}
	}
}

// lineOf returns the first line recorded in a node's "lines" attribute under one of keys, else def.
func lineOf(n *model.Node, def int, keys ...string) int {
	lines, _ := n.Attrs["lines"].(map[string]any)
	for _, k := range keys {
		switch l := lines[k].(type) {
		case int:
			return l
		case float64:
			return int(l)
		}
	}
	return def
}

// show renders a tag value for evidence.
func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	if expr, ok := model.IsUnknown(v); ok {
		return "${" + expr + "}"
	}
	return fmt.Sprint(v)
}
