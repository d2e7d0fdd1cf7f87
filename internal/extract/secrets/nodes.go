package secrets

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/zricethezav/gitleaks/v8/report"

	"github.com/seam-sec/seam/internal/model"
)

// findFile runs the rules over one file and converts what they find, in line, column and rule order.
func findFile(d *detectors, p, text string) []finding {
	f := newFileText(p, text)
	gfs, wins := d.detectFile(f)
	if len(gfs) == 0 {
		return nil
	}
	kube := isKubeconfig(f)
	var servers, clusters []string
	if kube {
		servers, clusters = kubeTargets(f.text)
	}
	hosts := map[string][]string{} // by region: the findings of one document share its hosts
	out := make([]finding, 0, len(gfs))
	for i := range gfs {
		fd := convert(f, &gfs[i], wins[i])
		gfs[i] = report.Finding{} // drop the value, the match and the line as soon as they are used
		switch fd.kind {
		case KindDatabasePassword, KindPassword:
			r := region(f, fd.line-1)
			hs, ok := hosts[r]
			if !ok {
				hs = hostsNear(r)
				hosts[r] = hs
			}
			fd.hosts = slices.Clone(hs)
		}
		if kube {
			fd.kubeServers, fd.kubeClusters = slices.Clone(servers), slices.Clone(clusters)
		}
		out = append(out, fd)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.line != b.line {
			return a.line < b.line
		}
		if a.column != b.column {
			return a.column < b.column
		}
		return a.rule < b.rule
	})
	return out
}

// nodes turns findings (files[i] is the file of all[i]) into secret nodes, applying the baseline, and adds
// the baseline's own diagnostics.
func (e *Extractor) nodes(all []finding, files []string, base Baseline, diags []model.Diagnostic) ([]model.Node, []model.Diagnostic) {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	entries := map[string]*BaselineEntry{}
	used := map[string]bool{}
	for i := range base.Entries {
		en := &base.Entries[i]
		if en.Expired(now()) {
			diags = append(diags, model.Diagnostic{File: base.File, Line: en.Line, Severity: model.SeverityWarning, Extractor: Name,
				Message: fmt.Sprintf("secrets baseline: the entry for %s expired on %s; the finding is reported again", en.Fingerprint, en.Expires)})
			used[en.Fingerprint] = true
			continue
		}
		entries[en.Fingerprint] = en
	}
	var nodes []model.Node
	index := map[string]int{}
	for i, fd := range all {
		en := entries[fd.fingerprint]
		if en != nil {
			used[fd.fingerprint] = true
		}
		id := model.SecretID(files[i], fd.line, fd.rule)
		if j, dup := index[id]; dup {
			more, _ := nodes[j].Attrs["more"].([]any)
			nodes[j].Attrs["more"] = append(more, map[string]any{"column": fd.column, "masked": fd.masked,
				"fingerprint": fd.fingerprint, "baselined": en != nil})
			continue
		}
		index[id] = len(nodes)
		nodes = append(nodes, node(id, files[i], fd, en))
	}
	for _, en := range base.Entries {
		if !used[en.Fingerprint] {
			diags = append(diags, model.Diagnostic{File: base.File, Line: en.Line, Severity: model.SeverityInfo, Extractor: Name,
				Message: fmt.Sprintf("secrets baseline: the entry for %s matches no finding; remove it if the secret is gone", en.Fingerprint)})
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	return nodes, diags
}

// node builds the secret node of a finding.
func node(id, file string, fd finding, en *BaselineEntry) model.Node {
	attrs := map[string]any{
		"rule": fd.rule, "description": fd.description, "kind": fd.kind, "masked": fd.masked,
		"fingerprint": fd.fingerprint, "entropy": fd.entropy, "line": fd.line, "column": fd.column,
		"baselined": en != nil,
	}
	if fd.key != "" {
		attrs["key"] = fd.key
	}
	setList(attrs, "tags", fd.tags)
	setList(attrs, "hosts", fd.hosts)
	setList(attrs, "kube_servers", fd.kubeServers)
	setList(attrs, "kube_clusters", fd.kubeClusters)
	if fd.tfBlock != "" {
		attrs["tf_block"] = fd.tfBlock
	}
	if fd.valueHash != "" {
		attrs["value_hash"] = fd.valueHash
	}
	if en != nil {
		attrs["baseline_reason"] = en.Reason
		if en.Owner != "" {
			attrs["baseline_owner"] = en.Owner
		}
		if en.Expires != "" {
			attrs["baseline_expires"] = en.Expires
		}
	}
	prov := model.Provenance{File: file, Line: fd.line, Extractor: Name}
	if fd.endLine > fd.line {
		prov.EndLine = fd.endLine
	}
	return model.Node{ID: id, Kind: model.KindSecret, Type: fd.rule, Name: fd.description, Attrs: attrs, Prov: prov}
}

func setList(attrs map[string]any, key string, vs []string) {
	if len(vs) == 0 {
		return
	}
	l := make([]any, len(vs))
	for i, v := range vs {
		l[i] = v
	}
	attrs[key] = l
}
