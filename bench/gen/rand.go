package gen

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/fnv"
)

// rng is a small deterministic random source (SplitMix64). Seam's generator carries its own rather than
// using math/rand so that the bytes a seed produces never depend on the Go version.
type rng struct{ state uint64 }

// newRNG returns a source for one part of the repository. Each part (Terraform, Kubernetes, lockfiles,
// Dockerfiles) has its own stream, so changing one count does not reshuffle the others.
func newRNG(seed int64, stream string) *rng {
	h := fnv.New64a()
	_, _ = h.Write([]byte(stream))
	return &rng{state: uint64(seed)*0x9e3779b97f4a7c15 ^ h.Sum64()}
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability percent/100.
func (r *rng) chance(percent int) bool { return r.intn(100) < percent }

// pick returns one element of list.
func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

// bytes returns n pseudo-random bytes.
func (r *rng) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		if i%8 == 0 {
			v := r.next()
			for j := 0; j < 8 && i+j < n; j++ {
				b[i+j] = byte(v >> (8 * j))
			}
		}
	}
	return b
}

// hex returns n pseudo-random bytes in hexadecimal (a checksum or a commit hash).
func (r *rng) hex(n int) string { return hex.EncodeToString(r.bytes(n)) }

// sri returns a Subresource Integrity string as npm writes it.
func (r *rng) sri() string { return "sha512-" + base64.StdEncoding.EncodeToString(r.bytes(64)) }

// semver returns a version such as 1.14.2; major is kept small as in most ecosystems.
func (r *rng) semver() string {
	return fmt.Sprintf("%d.%d.%d", pick(r, []int{0, 1, 1, 1, 2, 2, 3, 4, 5}), r.intn(30), r.intn(20))
}
