package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// port is one port a workload listens on, with its name when the files give one.
type port struct {
	number int
	name   string
}

// httpPortNumbers are ports conventionally served over HTTP (IANA: 80, 443, 8080, 8443; the defaults of
// common frameworks and tools: 3000 Node/Express, 4000, 5000 Flask, 8000 Django/uvicorn, 8081, 8888, 9000,
// 9090 Prometheus).
var httpPortNumbers = map[int]bool{80: true, 443: true, 3000: true, 4000: true, 5000: true, 8000: true, 8008: true,
	8080: true, 8081: true, 8443: true, 8888: true, 9000: true, 9090: true}

func (p port) http() bool {
	n := strings.ToLower(p.name)
	if strings.HasPrefix(n, "http") || strings.HasPrefix(n, "web") || n == "metrics" {
		return true
	}
	if strings.HasPrefix(n, "grpc") {
		return false
	}
	return httpPortNumbers[p.number]
}

func (p port) String() string {
	if p.name != "" && p.name != strconv.Itoa(p.number) {
		return fmt.Sprintf("%d (%s)", p.number, p.name)
	}
	return strconv.Itoa(p.number)
}

// protocolOf says how a forged HTTP request fares against t: a phrase naming the port for reasons, the
// step's likelihood, and an assumption when the files do not say t speaks HTTP. only, when given, limits
// the ports to those (the ones a network-reach edge admits).
func protocolOf(c *paths.Context, t *model.Node, only []int) (string, float64, string) {
	ps := portsOf(c, t)
	if len(only) > 0 {
		keep := map[int]bool{}
		for _, n := range only {
			keep[n] = true
		}
		var in []port
		for _, p := range ps {
			if keep[p.number] {
				in = append(in, p)
			}
		}
		if len(in) == 0 {
			for _, n := range only {
				in = append(in, port{number: n})
			}
		}
		ps = in
	}
	if len(ps) == 0 {
		return "", forgeUnknownPorts, fmt.Sprintf("the ports of %s are not in the files; assumed it serves HTTP", c.Name(t.ID))
	}
	for _, p := range ps {
		if p.http() {
			return "on port " + p.String(), forgeHTTP, ""
		}
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.String())
	}
	list := strings.Join(names, ", ")
	return "on port " + list, forgeOtherPorts, fmt.Sprintf("%s listens on %s, not a known HTTP port; assumed a forged request still talks to it (some protocols read HTTP lines as commands)",
		c.Name(t.ID), list)
}

// portsOf returns the ports a workload listens on: its containers' ports, else the ports of the Services
// that route to it; sorted by number.
func portsOf(c *paths.Context, t *model.Node) []port {
	var out []port
	containers, _ := t.Attrs["containers"].([]any)
	for _, ct := range containers {
		m, _ := ct.(map[string]any)
		list, _ := m["ports"].([]any)
		for _, p := range list {
			pm, _ := p.(map[string]any)
			if n, ok := number(pm["container_port"]); ok {
				out = append(out, port{number: int(n), name: attrString(pm, "name")})
			}
		}
	}
	if len(out) == 0 {
		for _, e := range c.Graph.In(t.ID) {
			s := c.Node(e.From)
			if e.Kind != model.EdgeRoutesTo || s == nil || s.Type != "Service" {
				continue
			}
			list, _ := s.Attrs["ports"].([]any)
			for _, p := range list {
				pm, _ := p.(map[string]any)
				n, ok := number(pm["target_port"])
				if !ok {
					n, ok = number(pm["port"])
				}
				if ok {
					out = append(out, port{number: int(n), name: attrString(pm, "name")})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out
}
