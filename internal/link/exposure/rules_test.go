package exposure

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		cidr string
		want reachClass
	}{
		{"0.0.0.0/0", classAny},
		{"::/0", classAny},
		{"10.0.0.0/16", classPrivate},
		{"10.0.0.0/7", classPublic}, // wider than 10/8: holds public addresses too
		{"172.16.5.0/24", classPrivate},
		{"172.32.0.0/16", classPublic}, // just outside 172.16/12
		{"192.168.0.0/16", classPrivate},
		{"100.64.0.0/10", classPrivate}, // shared address space
		{"169.254.169.254/32", classPrivate},
		{"fd00::/8", classPrivate},
		{"2001:db8::/32", classPublic},
		{"203.0.113.0/24", classPublic},
		{"198.51.100.10", classPublic}, // a bare address
		{"10.1.2.3/8", classPrivate},   // host bits set: masked
		{"not-a-cidr", classInvalid},
		{"", classInvalid},
	}
	for _, tt := range tests {
		if got := classify(tt.cidr); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.cidr, got, tt.want)
		}
	}
}

func TestSelectorMatches(t *testing.T) {
	labels := map[string]string{"app": "web", "tier": "front"}
	tests := []struct {
		name string
		sel  selector
		want bool
	}{
		{"empty selects all", selector{}, true},
		{"match labels", selector{labels: map[string]string{"app": "web"}}, true},
		{"wrong value", selector{labels: map[string]string{"app": "api"}}, false},
		{"missing key", selector{labels: map[string]string{"team": "a"}}, false},
		{"In", selector{exprs: []selExpr{{key: "app", op: "In", values: []string{"api", "web"}}}}, true},
		{"In, not listed", selector{exprs: []selExpr{{key: "app", op: "In", values: []string{"api"}}}}, false},
		{"NotIn", selector{exprs: []selExpr{{key: "app", op: "NotIn", values: []string{"api"}}}}, true},
		{"NotIn, listed", selector{exprs: []selExpr{{key: "app", op: "NotIn", values: []string{"web"}}}}, false},
		{"Exists", selector{exprs: []selExpr{{key: "tier", op: "Exists"}}}, true},
		{"DoesNotExist", selector{exprs: []selExpr{{key: "tier", op: "DoesNotExist"}}}, false},
		{"labels and expressions together", selector{labels: map[string]string{"app": "web"},
			exprs: []selExpr{{key: "tier", op: "In", values: []string{"back"}}}}, false},
	}
	for _, tt := range tests {
		if got := tt.sel.matches(labels); got != tt.want {
			t.Errorf("%s: matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPortMatches(t *testing.T) {
	http := podPort{number: 8080, name: "http", proto: "TCP"}
	tests := []struct {
		name   string
		rule   npRule
		port   podPort
		want   bool
		assume bool
	}{
		{"no ports: every port", npRule{}, http, true, false},
		{"number", npRule{ports: []npPort{{proto: "TCP", port: 8080}}}, http, true, false},
		{"other number", npRule{ports: []npPort{{proto: "TCP", port: 9090}}}, http, false, false},
		{"name", npRule{ports: []npPort{{proto: "TCP", port: "http"}}}, http, true, false},
		{"other name", npRule{ports: []npPort{{proto: "TCP", port: "grpc"}}}, http, false, false},
		{"range", npRule{ports: []npPort{{proto: "TCP", port: 8000, end: 8999}}}, http, true, false},
		{"protocol only", npRule{ports: []npPort{{proto: "TCP"}}}, http, true, false},
		{"other protocol", npRule{ports: []npPort{{proto: "UDP", port: 8080}}}, http, false, false},
		{"unknown pod port is assumed", npRule{ports: []npPort{{proto: "TCP", port: 80}}}, podPort{number: -1, proto: "TCP"}, true, true},
	}
	for _, tt := range tests {
		got, a := tt.rule.portMatches(tt.port)
		if got != tt.want || (len(a) > 0) != tt.assume {
			t.Errorf("%s: portMatches = %v (assumptions %v), want %v (assume %v)", tt.name, got, a, tt.want, tt.assume)
		}
	}
}

func TestEgressToMetadata(t *testing.T) {
	all := npRule{}
	except := npRule{peers: []npPeer{{cidr: "0.0.0.0/0", except: []string{"169.254.169.254/32"}}}}
	linkLocal := npRule{peers: []npPeer{{cidr: "169.254.0.0/16"}}, ports: []npPort{{proto: "TCP", port: 80}}}
	dnsOnly := npRule{ports: []npPort{{proto: "UDP", port: 53}}}
	pods := npRule{peers: []npPeer{{pods: &selector{labels: map[string]string{"app": "db"}}}}}
	tests := []struct {
		name  string
		rules []npRule
		want  bool
	}{
		{"no rules: default deny", nil, false},
		{"everything", []npRule{all}, true},
		{"everything but the metadata address", []npRule{except}, false},
		{"link-local on 80", []npRule{linkLocal}, true},
		{"DNS only", []npRule{dnsOnly}, false},
		{"pods only", []npRule{pods}, false},
		{"DNS and everything but metadata", []npRule{dnsOnly, except}, false},
	}
	for _, tt := range tests {
		p := &policy{egress: tt.rules}
		if got := p.egressTo(metadataAddr, 80); got != tt.want {
			t.Errorf("%s: egressTo(metadata) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestServiceInternal(t *testing.T) {
	svc := func(ann map[string]string, class any) *model.Node {
		a := map[string]any{}
		for k, v := range ann {
			a[k] = v
		}
		return &model.Node{ID: "k8s:x/Service/s", Attrs: map[string]any{"annotations": a, "load_balancer_class": class}}
	}
	tests := []struct {
		name  string
		ann   map[string]string
		class any
		want  bool
	}{
		{"no annotation: in-tree controller, internet-facing", nil, nil, false},
		{"in-tree internal", map[string]string{"service.beta.kubernetes.io/aws-load-balancer-internal": "true"}, nil, true},
		{"in-tree internal with a CIDR value", map[string]string{"service.beta.kubernetes.io/aws-load-balancer-internal": "0.0.0.0/0"}, nil, true},
		{"in-tree internal false", map[string]string{"service.beta.kubernetes.io/aws-load-balancer-internal": "false"}, nil, false},
		{"AWS LB controller default", map[string]string{"service.beta.kubernetes.io/aws-load-balancer-type": "external"}, nil, true},
		{"AWS LB controller class default", nil, "service.k8s.aws/nlb", true},
		{"AWS LB controller internet-facing", map[string]string{"service.beta.kubernetes.io/aws-load-balancer-type": "external",
			"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"}, nil, false},
		{"GKE", map[string]string{"networking.gke.io/load-balancer-type": "Internal"}, nil, true},
		{"Azure", map[string]string{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}, nil, true},
		{"Azure false", map[string]string{"service.beta.kubernetes.io/azure-load-balancer-internal": "false"}, nil, false},
	}
	for _, tt := range tests {
		if got, _, _ := serviceInternal(svc(tt.ann, tt.class)); got != tt.want {
			t.Errorf("%s: internal = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestControllerOf(t *testing.T) {
	got := map[string][]any{}
	for _, class := range []string{"nginx", "ingress-nginx-public", "alb", "traefik", "gce", "my-proxy"} {
		c := controllerOf(class)
		got[class] = []any{c.name, c.ns, c.external, len(c.assumed) > 0}
	}
	want := map[string][]any{
		"nginx":                {"ingress-nginx", "ingress-nginx", false, true},
		"ingress-nginx-public": {"ingress-nginx", "ingress-nginx", false, true},
		"alb":                  {"aws-load-balancer-controller", "", true, false},
		"traefik":              {"traefik", "traefik", false, true},
		"gce":                  {"gke-ingress", "", true, false},
		"my-proxy":             {"", "", false, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("controllers (-want +got):\n%s", diff)
	}
}

func TestRuleMatchesAndProtocols(t *testing.T) {
	tests := []struct {
		rule  sgRule
		proto string
		port  int
		want  bool
	}{
		{sgRule{proto: "-1", allPorts: true}, "tcp", 22, true},
		{sgRule{proto: "tcp", from: 443, to: 443}, "tcp", 443, true},
		{sgRule{proto: "tcp", from: 443, to: 443}, "tcp", 80, false},
		{sgRule{proto: "tcp", from: 1024, to: 65535}, "tcp", 8080, true},
		{sgRule{proto: "udp", from: 53, to: 53}, "tcp", 53, false},
		{sgRule{proto: "tcp", from: 22, to: 22}, "", -1, true}, // some port, some protocol
	}
	for _, tt := range tests {
		if got := tt.rule.matches(tt.proto, tt.port); got != tt.want {
			t.Errorf("%+v matches(%s, %d) = %v, want %v", tt.rule, tt.proto, tt.port, got, tt.want)
		}
	}
	for in, want := range map[string]string{"-1": "-1", "all": "-1", "TCP": "tcp", "6": "tcp", "17": "udp", "icmp": "icmp", "58": "icmpv6"} {
		if got := normalProto(in); got != want {
			t.Errorf("normalProto(%q) = %q, want %q", in, got, want)
		}
	}
}
