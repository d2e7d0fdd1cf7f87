// Command seam-gen writes the synthetic repository Seam's benchmarks scan: Terraform, Kubernetes manifests,
// lockfiles and Dockerfiles at a chosen scale, the same bytes for the same seed.
//
//	go run ./bench/cmd/seam-gen -out /tmp/bench-repo
//	go run ./bench/cmd/seam-gen -out /tmp/small -tf 500 -k8s 200 -lockfiles 16 -dockerfiles 8 -seed 7
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/seam-sec/seam/bench/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	def := gen.DefaultOptions()
	fs := flag.NewFlagSet("seam-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the repository into (required)")
	opt := gen.Options{}
	fs.IntVar(&opt.TerraformResources, "tf", def.TerraformResources, "number of Terraform resource blocks")
	fs.IntVar(&opt.KubernetesObjects, "k8s", def.KubernetesObjects, "number of Kubernetes objects")
	fs.IntVar(&opt.Lockfiles, "lockfiles", def.Lockfiles, "number of lockfiles (eight ecosystems in turn)")
	fs.IntVar(&opt.Dockerfiles, "dockerfiles", def.Dockerfiles, "number of Dockerfiles")
	fs.Int64Var(&opt.Seed, "seed", def.Seed, "seed: the same seed and counts give the same bytes")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: seam-gen -out DIR [-tf N] [-k8s N] [-lockfiles N] [-dockerfiles N] [-seed N]")
		return 2
	}
	start := time.Now()
	if err := gen.Generate(*out, opt); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d Terraform resources, %d Kubernetes objects, %d lockfiles, %d Dockerfiles to %s in %s\n",
		opt.TerraformResources, opt.KubernetesObjects, opt.Lockfiles, opt.Dockerfiles, *out,
		time.Since(start).Round(time.Millisecond))
	return 0
}
