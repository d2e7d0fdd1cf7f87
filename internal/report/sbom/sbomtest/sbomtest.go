// Package sbomtest validates CycloneDX 1.6 JSON against the schema that ships with cyclonedx-go in the module
// cache, for the tests of package sbom and of seam sbom. Nothing is downloaded: the three schema files are
// registered under their $id URLs, so a $ref that escaped them would fail instead of reaching the network.
//
// Decisions:
//   - The module ships the JSF schema as jsf-0.82.schemax.json (sic); it is read from that name and
//     registered as jsf-0.82.schema.json, the name bom-1.6.schema.json refers to.
//   - Formats (date-time, iri-reference, idn-email …) are asserted, not just annotated.
package sbomtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaBase is the $id prefix of the CycloneDX schemas.
const schemaBase = "http://cyclonedx.org/schema/"

// schemaFiles maps the file in the module's schema directory to the name its $id gives it.
var schemaFiles = map[string]string{
	"bom-1.6.schema.json":   "bom-1.6.schema.json",
	"spdx.schema.json":      "spdx.schema.json",
	"jsf-0.82.schemax.json": "jsf-0.82.schema.json",
}

var compile = sync.OnceValues(func() (*jsonschema.Schema, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/CycloneDX/cyclonedx-go").Output()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "schema")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for file, name := range schemaFiles {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			return nil, err
		}
	}
	return c.Compile(schemaBase + "bom-1.6.schema.json")
})

// Validate fails t when data is not a CycloneDX 1.6 JSON BOM by the schema.
func Validate(t testing.TB, data []byte) {
	t.Helper()
	sch, err := compile()
	if err != nil {
		t.Fatalf("load the CycloneDX 1.6 schema from the module cache: %v", err)
		return
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("BOM is not JSON: %v", err)
		return
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("BOM is not valid CycloneDX 1.6:\n%v", err)
	}
}
