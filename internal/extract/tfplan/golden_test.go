package tfplan

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fixtures are the directories under testdata, each with a golden file of its facts
// (testdata/<name>.golden.json, rewritten by go test -update). testdata/README.md says what each exercises.
var fixtures = []string{"plan", "state", "rawstate", "notterraform", "broken"}

func TestGolden(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			got := factsJSON(t, extractFS(t, os.DirFS("testdata/"+name)))
			golden := "testdata/" + name + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}
