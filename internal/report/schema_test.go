package report

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seam-sec/seam/internal/model"
)

const schemaPath = "../../docs/schema/result-v1.schema.json"

// validate checks a JSON document against the published result schema.
func validate(t *testing.T, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("JSON result does not match %s:\n%v", schemaPath, err)
	}
}

func TestJSONMatchesSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := (JSON{}).Write(&buf, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	validate(t, buf.Bytes())
	back, err := ReadDocument(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sampleDocument().Summary, back.Summary); diff != "" {
		t.Errorf("summary after a round trip (-want +got):\n%s", diff)
	}
}

// TestSchemaListsEveryKind keeps the published enums in step with the model.
func TestSchemaListsEveryKind(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var nodeKinds, edgeKinds []string
	for _, k := range model.NodeKinds() {
		nodeKinds = append(nodeKinds, string(k))
	}
	for _, k := range model.EdgeKinds() {
		edgeKinds = append(edgeKinds, string(k))
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	if diff := cmp.Diff(sorted(nodeKinds), sorted(s.Defs["node"].Properties["kind"].Enum)); diff != "" {
		t.Errorf("node kinds in the schema (-model +schema):\n%s", diff)
	}
	if diff := cmp.Diff(sorted(edgeKinds), sorted(s.Defs["edge"].Properties["kind"].Enum)); diff != "" {
		t.Errorf("edge kinds in the schema (-model +schema):\n%s", diff)
	}
}
