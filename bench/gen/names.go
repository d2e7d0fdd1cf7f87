package gen

import "fmt"

// Words for generated names: teams, services and packages read like a real organisation's.
var (
	teams = []string{"payments", "checkout", "catalog", "search", "identity", "platform", "data", "growth",
		"fulfilment", "support", "billing", "risk", "messaging", "media", "analytics", "mobile"}
	nouns = []string{"orders", "users", "invoices", "carts", "prices", "stock", "reviews", "emails", "events",
		"reports", "sessions", "tokens", "images", "exports", "ledger", "quotes", "returns", "shipments",
		"coupons", "profiles", "audit", "feeds", "alerts", "jobs"}
	roles = []string{"api", "worker", "web", "sync", "importer", "exporter", "scheduler", "gateway", "consumer",
		"indexer", "notifier", "batch"}
	syllables = []string{"ar", "bel", "cor", "dax", "el", "fin", "gra", "hex", "io", "jun", "kal", "lum",
		"mor", "nex", "or", "pal", "quo", "ras", "sol", "tor", "ul", "vex", "wyn", "xo", "yar", "zen"}
	dataClasses = []string{"public", "internal", "internal", "confidential", "pii", "pci"}
)

// word returns a made-up word of two or three syllables, for package names no real registry needs to know.
func (r *rng) word() string {
	w := pick(r, syllables) + pick(r, syllables)
	if r.chance(40) {
		w += pick(r, syllables)
	}
	return w
}

// service returns a service name such as "orders-api".
func (r *rng) service() string { return pick(r, nouns) + "-" + pick(r, roles) }

// packageNames returns n distinct package names: the well-known names first (in a shuffled order), then
// made-up names joined with sep, so every lockfile looks like a real project's and none repeats a name.
func (r *rng) packageNames(n int, known []string, sep string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, n)
	order := make([]string, len(known))
	copy(order, known)
	for i := len(order) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	for _, k := range order {
		if len(out) == n {
			break
		}
		seen[k] = true
		out = append(out, k)
	}
	for len(out) < n {
		name := r.word() + sep + r.word()
		if r.chance(30) {
			name = pick(r, nouns) + sep + r.word()
		}
		if seen[name] {
			name = fmt.Sprintf("%s%s%d", name, sep, len(out))
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}
