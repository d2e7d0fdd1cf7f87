package policy

import (
	"context"
	"encoding/json"
	"sort"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// grantsGraph draws an IAM role with three grants and a Lambda function that uses it:
//
//	aws_lambda_function.orders -uses-identity-> aws_iam_role.orders
//	aws_iam_role.orders -can(write)-> aws_dynamodb_table.orders          (datastore)
//	aws_iam_role.orders -can(read, list)-> aws_s3_bucket.docs            (datastore)
//	aws_iam_role.orders -can(permissions-management; iam:PassRole)-> aws_iam_role.admin (identity)
//	aws_s3_bucket_policy.docs -attached-to-> aws_s3_bucket.docs
//
// The can edges carry the explanation the link stage writes (evidence, reason, statements), which the
// input leaves out.
func grantsGraph() *graph.Graph {
	node := func(id string, kind model.NodeKind, typ string) model.Node {
		return model.Node{ID: id, Kind: kind, Type: typ, Name: id, Prov: model.Provenance{File: "main.tf", Line: 1}}
	}
	can := func(to string, access []any, actions ...any) model.Edge {
		return model.Edge{From: "aws_iam_role.orders", To: to, Kind: model.EdgeCan, Attrs: map[string]any{
			"access": access, "actions": actions, "reason": "…", "evidence": []any{"…"}, "statements": []any{"…"}}}
	}
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		node("aws_lambda_function.orders", model.KindWorkload, "aws_lambda_function"),
		node("aws_iam_role.orders", model.KindIdentity, "aws_iam_role"),
		node("aws_iam_role.admin", model.KindIdentity, "aws_iam_role"),
		node("aws_dynamodb_table.orders", model.KindDataStore, "aws_dynamodb_table"),
		node("aws_s3_bucket.docs", model.KindDataStore, "aws_s3_bucket"),
		node("aws_s3_bucket_policy.docs", model.KindResource, "aws_s3_bucket_policy"),
	}, Edges: []model.Edge{
		{From: "aws_lambda_function.orders", To: "aws_iam_role.orders", Kind: model.EdgeUsesIdentity},
		can("aws_dynamodb_table.orders", []any{"write"}, "dynamodb:PutItem"),
		can("aws_s3_bucket.docs", []any{"list", "read"}, "s3:GetObject", "s3:ListBucket"),
		can("aws_iam_role.admin", []any{"permissions-management"}, "iam:PassRole"),
		{From: "aws_s3_bucket_policy.docs", To: "aws_s3_bucket.docs", Kind: model.EdgeAttachedTo, Attrs: map[string]any{"attribute": "bucket"}},
	}})
	g.Freeze()
	return g
}

// entryOf builds the selection's input and returns the entry of the node with that ID as plain JSON values.
func entryOf(t *testing.T, g *graph.Graph, sel Select, id string) map[string]any {
	t.Helper()
	in := newInputs(g, nil)
	in.prepare([]Select{sel}, 2)
	v, _ := in.selection(sel)
	var doc struct {
		Nodes []map[string]any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(v.String()), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		if n["id"] == id {
			return n
		}
	}
	t.Fatalf("%s not in the selection", id)
	return nil
}

func TestInputEdgesAndGrants(t *testing.T) {
	g := grantsGraph()
	role := "aws_iam_role.orders"
	ids := func(n map[string]any, list string) []string {
		var out []string
		for _, e := range n[list].([]any) {
			m := e.(map[string]any)
			end := m["to"]
			if list == "in" {
				end = m["from"]
			}
			out = append(out, m["kind"].(string)+" "+end.(string))
		}
		return out
	}
	neighbours := func(n map[string]any) []string {
		var out []string
		for id := range n["neighbours"].(map[string]any) {
			out = append(out, id)
		}
		sort.Strings(out)
		return out
	}
	tests := []struct {
		name      string
		edges     *EdgeSelect
		out, in   []string
		neighbour []string
	}{
		{"every edge", nil,
			[]string{"can aws_dynamodb_table.orders", "can aws_iam_role.admin", "can aws_s3_bucket.docs"},
			[]string{"uses-identity aws_lambda_function.orders"},
			[]string{"aws_dynamodb_table.orders", "aws_iam_role.admin", "aws_lambda_function.orders", "aws_s3_bucket.docs"}},
		{"no edges", &EdgeSelect{Out: []string{}, In: []string{}}, nil, nil, nil},
		{"in uses-identity only", &EdgeSelect{In: []string{"uses-identity"}}, nil,
			[]string{"uses-identity aws_lambda_function.orders"}, []string{"aws_lambda_function.orders"}},
		{"out can only", &EdgeSelect{Out: []string{"can"}},
			[]string{"can aws_dynamodb_table.orders", "can aws_iam_role.admin", "can aws_s3_bucket.docs"}, nil,
			[]string{"aws_dynamodb_table.orders", "aws_iam_role.admin", "aws_s3_bucket.docs"}},
		{"out can, no neighbours", &EdgeSelect{Out: []string{"can"}, NoNeighbours: true},
			[]string{"can aws_dynamodb_table.orders", "can aws_iam_role.admin", "can aws_s3_bucket.docs"}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := entryOf(t, g, Select{Kinds: []string{"identity"}, Edges: tc.edges}, role)
			if diff := cmp.Diff(tc.out, ids(n, "out")); diff != "" {
				t.Errorf("out (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.in, ids(n, "in")); diff != "" {
				t.Errorf("in (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.neighbour, neighbours(n)); diff != "" {
				t.Errorf("neighbours (-want +got):\n%s", diff)
			}
			// Whatever edges are carried, the grants summarise every can edge.
			want := map[string]any{
				"access": map[string]any{
					"list":                   map[string]any{"datastore": []any{"aws_s3_bucket.docs"}},
					"read":                   map[string]any{"datastore": []any{"aws_s3_bucket.docs"}},
					"write":                  map[string]any{"datastore": []any{"aws_dynamodb_table.orders"}},
					"permissions-management": map[string]any{"identity": []any{"aws_iam_role.admin"}},
				},
				"pass_role": []any{"aws_iam_role.admin"},
			}
			if diff := cmp.Diff(want, n["grants"]); diff != "" {
				t.Errorf("grants (-want +got):\n%s", diff)
			}
		})
	}
	// Edge attributes keep the facts and leave out the explanation.
	n := entryOf(t, g, Select{Kinds: []string{"identity"}}, role)
	attrs := n["out"].([]any)[0].(map[string]any)["attrs"]
	if diff := cmp.Diff(map[string]any{"access": []any{"write"}, "actions": []any{"dynamodb:PutItem"}}, attrs); diff != "" {
		t.Errorf("edge attributes (-want +got):\n%s", diff)
	}
	// A node without can edges has no grants.
	if _, ok := entryOf(t, g, Select{Kinds: []string{"workload"}}, "aws_lambda_function.orders")["grants"]; ok {
		t.Error("the function has grants, want none")
	}
}

// TestInputSharedEntries checks that selections declaring different edge kinds share one entry where the
// node's own edges make them the same: the bucket's only edges are a can edge in and an attached-to edge
// in, so reading every edge and reading [attached-to, can] give the same entry.
func TestInputSharedEntries(t *testing.T) {
	g := grantsGraph()
	all := Select{Kinds: []string{"datastore"}}
	declared := Select{Kinds: []string{"datastore"}, Edges: &EdgeSelect{Out: []string{"holds"}, In: []string{"attached-to", "can"}}}
	none := Select{Kinds: []string{"datastore"}, Edges: &EdgeSelect{Out: []string{"holds"}}}
	in := newInputs(g, nil)
	in.prepare([]Select{all, declared, none}, 1)
	bucket, _ := g.Node("aws_s3_bucket.docs")
	if in.entry(bucket, all) != in.entry(bucket, declared) {
		t.Error("every edge and [attached-to, can] built two entries for the bucket, want one")
	}
	if in.entry(bucket, all) == in.entry(bucket, none) {
		t.Error("every edge and no edge of the bucket's share an entry")
	}
}

func TestSelectEdges(t *testing.T) {
	ctl := func(edges string) string {
		return "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: SEAM-TEST-EDGE-001\n#   severity: low\n" +
			"#   remediation: r\n#   select:\n#     kinds: [identity]\n" + edges + "package seam.controls.test.edges\n\n" +
			"import rego.v1\n\ndeny contains v if {\n\tsome n in input.nodes\n\tv := {\"node\": n.id, \"msg\": \"m\"}\n}\n"
	}
	tests := []struct {
		name, edges string
		want        *EdgeSelect
		problems    []string
	}{
		{"absent: every edge", "", nil, nil},
		{"a list reads both directions", "#     edges: [can, uses-identity]\n",
			&EdgeSelect{Out: []string{"can", "uses-identity"}, In: []string{"can", "uses-identity"}}, nil},
		{"empty: none", "#     edges: []\n", &EdgeSelect{Out: []string{}, In: []string{}}, nil},
		{"by direction", "#     edges: {out: [can], in: [routes-to, exposes]}\n",
			&EdgeSelect{Out: []string{"can"}, In: []string{"exposes", "routes-to"}}, nil},
		{"ends as IDs only", "#     edges: {out: [can], neighbours: false}\n",
			&EdgeSelect{Out: []string{"can"}, In: []string{}, NoNeighbours: true}, nil},
		{"unknown direction and kind", "#     edges: {out: [cann], sideways: [can]}\n", nil, []string{
			`controls/c.rego:1: custom.select.edges.sideways: unknown key (edges takes out, in and neighbours)`,
			`controls/c.rego:1: custom.select.edges: "cann" is not an edge kind`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"controls/c.rego": {Data: []byte(ctl(tc.edges))}}
			s, err := Load(context.Background(), []Origin{{Source: SourceDir, Path: ".", FS: fsys}})
			var got []string
			if le, ok := err.(*LoadError); ok {
				for _, p := range le.Problems {
					got = append(got, p.String())
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.problems, got); diff != "" {
				t.Fatalf("problems (-want +got):\n%s", diff)
			}
			if err == nil {
				if diff := cmp.Diff(tc.want, s.Controls[0].Select.Edges); diff != "" {
					t.Errorf("edges (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestGrantsPassRole checks that a role counts as passable when the link stage says so (pass_role, decided
// on the whole action list) even where the capped actions attribute does not show iam:PassRole.
func TestGrantsPassRole(t *testing.T) {
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		{ID: "aws_iam_role.ci", Kind: model.KindIdentity, Type: "aws_iam_role"},
		{ID: "aws_iam_role.deploy", Kind: model.KindIdentity, Type: "aws_iam_role"},
	}, Edges: []model.Edge{{From: "aws_iam_role.ci", To: "aws_iam_role.deploy", Kind: model.EdgeCan,
		Attrs: map[string]any{"access": []any{"write"}, "actions": []any{"iam:AddRoleToInstanceProfile"}, "pass_role": true}}}})
	g.Freeze()
	n := entryOf(t, g, Select{Kinds: []string{"identity"}, Edges: &EdgeSelect{}}, "aws_iam_role.ci")
	if diff := cmp.Diff([]any{"aws_iam_role.deploy"}, n["grants"].(map[string]any)["pass_role"]); diff != "" {
		t.Errorf("pass_role (-want +got):\n%s", diff)
	}
}
