package gen

import (
	"testing"
)

// FuzzGenerate: for any seed and small counts, Generate succeeds, writes exactly the counts asked for, and
// every file it writes is valid for its parser. Seeded with the scales TestCounts uses.
func FuzzGenerate(f *testing.F) {
	f.Add(int64(1), uint8(1), uint8(1), uint8(1), uint8(1))
	f.Add(int64(3), uint8(150), uint8(41), uint8(16), uint8(19))
	f.Add(int64(-7), uint8(0), uint8(255), uint8(0), uint8(9))
	f.Fuzz(func(t *testing.T, seed int64, tf, k8s, locks, dockers uint8) {
		opt := Options{TerraformResources: int(tf), KubernetesObjects: int(k8s), Lockfiles: int(locks % 17),
			Dockerfiles: int(dockers % 17), Seed: seed}
		files := tree(t, generate(t, opt))
		c := counts(files)
		if c.Resources != opt.TerraformResources || c.KubernetesObjects != opt.KubernetesObjects ||
			c.Lockfiles != opt.Lockfiles || c.Dockerfiles != opt.Dockerfiles {
			t.Fatalf("options %+v gave %+v", opt, c)
		}
		for p, b := range files {
			if err := checkFile(p, b); err != nil {
				t.Fatalf("options %+v: %s: %v", opt, p, err)
			}
		}
	})
}
