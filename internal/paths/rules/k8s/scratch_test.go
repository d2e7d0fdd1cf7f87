package k8s_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
	"github.com/seam-sec/seam/internal/paths/rules/k8s"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("SCRATCH")
	if dir == "" {
		t.Skip()
	}
	g := pathtest.Graph(t, dir)
	r := paths.Analyze(context.Background(), g, paths.Options{Rules: append(entry.Rules(), k8s.Rules()...)})
	fmt.Println(pathtest.Render(r))
	for _, ch := range pathtest.Chains(r) {
		fmt.Println(ch)
	}
}
