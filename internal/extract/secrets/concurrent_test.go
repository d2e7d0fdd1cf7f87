package secrets

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/seam-sec/seam/internal/extract"
)

// TestConcurrentExtract runs several extractions at once over the shared detectors (as the engine may, and
// as Extract's own workers do) and checks they agree; run it with -race.
func TestConcurrentExtract(t *testing.T) {
	fsys := plantedWithBaseline(t)
	paths := wanted(t, fsys)
	e := &Extractor{Now: fixedNow, Workers: 3}
	results := make([]string, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: paths,
				Options: extract.Options{SecretsBaseline: "baseline.yaml"}})
			if err != nil {
				t.Error(err)
				return
			}
			data, _ := json.Marshal(f)
			results[i] = string(data)
		}()
	}
	wg.Wait()
	for i := 1; i < len(results); i++ {
		if results[i] != results[0] {
			t.Fatalf("extraction %d differs from extraction 0", i)
		}
	}
}
