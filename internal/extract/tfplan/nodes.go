package tfplan

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/model"
)

// assumedUnknown is what Seam does with a value it cannot know (the Terraform HCL extractor's words).
const assumedUnknown = "unknown: treated as neither safe nor unsafe"

// node makes the node of one instance, with its assumptions and diagnostics.
func (r *fileRun) node(in *instance) {
	in.id = model.TerraformID(r.dir, in.addr)
	c := &converter{typ: in.a.typ, data: in.a.data, memo: r.memo}
	attrs := c.object(in.values, in.unknown, in.sensitive)
	attrs["tf_address"] = in.addr
	attrs["tf_mode"] = "managed"
	if in.a.data {
		attrs["tf_mode"] = "data"
	}
	if m := in.a.module(); m != "" {
		attrs["tf_module"] = m
	}
	if len(in.actions) > 0 {
		acts := make([]any, len(in.actions))
		for i, a := range in.actions {
			acts[i] = a
		}
		attrs["tf_actions"] = acts
	}
	in.attrs = attrs
	prov := r.prov(in.line)
	r.facts.Nodes = append(r.facts.Nodes, model.Node{ID: in.id, Kind: awscatalog.KindOf(in.a.typ, in.a.data),
		Type: awscatalog.NodeType(in.a.typ, in.a.data), Name: nodeName(in, attrs), Attrs: attrs, Prov: prov})
	for _, p := range c.unknowns {
		r.facts.Assumptions = append(r.facts.Assumptions, model.Assumption{Subject: in.id, Attribute: p,
			Reason:  "the plan marks " + in.addr + "." + p + " as known only after apply",
			Assumed: assumedUnknown, Prov: prov})
	}
	for _, p := range c.badJSON {
		r.diag(in.line, model.SeverityWarning, p+" of "+in.addr+" is not valid JSON; kept as a string")
	}
	if in.flatOnly {
		r.diag(in.line, model.SeverityWarning, in.addr+" has only pre-0.12 flat attributes (attributes_flat); its values are not read")
	}
	r.images(in, prov)
}

// nodeName is the first known name attribute the catalogue lists, else the resource name and instance key.
func nodeName(in *instance, attrs map[string]any) string {
	if rt, ok := awscatalog.Lookup(in.a.typ, in.a.data); ok {
		if name, ok := rt.NameOf(attrs); ok {
			return name
		}
	}
	return in.a.name + in.a.key
}

// images makes an implicit image node and a runs edge for each container image an ECS task definition or a
// Lambda function names, as the Terraform HCL extractor does.
func (r *fileRun) images(in *instance, prov model.Provenance) {
	var refs []string
	attr := ""
	switch in.a.typ {
	case "aws_ecs_task_definition":
		attr = "container_definitions"
		list, _ := in.attrs[attr].([]any)
		for _, c := range list {
			if m, ok := c.(map[string]any); ok {
				if img, ok := m["image"].(string); ok {
					refs = append(refs, img)
				}
			}
		}
	case "aws_lambda_function":
		attr = "image_uri"
		if img, ok := in.attrs[attr].(string); ok {
			refs = append(refs, img)
		}
	}
	for _, ref := range refs {
		if strings.TrimSpace(ref) == "" || ref == masked {
			continue
		}
		img := model.ImageID(ref)
		r.facts.Nodes = append(r.facts.Nodes, model.Node{ID: img, Kind: model.KindImage, Type: "image",
			Name: model.NormalizeImageRef(ref), Attrs: map[string]any{"ref": ref}, Implicit: true, Prov: prov})
		r.facts.Edges = append(r.facts.Edges, model.Edge{From: in.id, To: img, Kind: model.EdgeRuns,
			Attrs: map[string]any{"attribute": attr}, Prov: prov})
	}
}
