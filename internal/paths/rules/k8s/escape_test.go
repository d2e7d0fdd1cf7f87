package k8s

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// hostPathPod is a pod with one hostPath volume its container mounts (or not).
func hostPathPod(path string, readOnly, mounted bool) map[string]any {
	ct := map[string]any{"name": "app", "security_context": map[string]any{}}
	if mounted {
		ct["volume_mounts"] = []any{map[string]any{"name": "host", "mount_path": "/host", "read_only": readOnly}}
	}
	return map[string]any{"containers": []any{ct},
		"volumes": []any{map[string]any{"name": "host", "type": "hostPath", "path": path, "line": 31}}}
}

// withSecurity is a pod whose only container has a security context.
func withSecurity(sc map[string]any, extra map[string]any) map[string]any {
	a := map[string]any{"containers": []any{map[string]any{"name": "app", "security_context": sc}}}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

func caps(add ...any) map[string]any {
	return map[string]any{"capabilities": map[string]any{"add": add, "drop": nil}}
}

func TestContainerEscape(t *testing.T) {
	const ng = "infra:aws_eks_node_group.general"
	const ctl = "pod-security:k8s:apps/Deployment/app"
	tests := []struct {
		name string
		pod  map[string]any
		want string // the one step's "likelihood assumptions", "" for none
	}{
		{"unprivileged pod", nil, ""},
		{"privileged container", withSecurity(map[string]any{"privileged": true}, nil), "0.900"},
		{"privileged in an init container", map[string]any{"init_containers": []any{map[string]any{"name": "setup", "security_context": map[string]any{"privileged": true}}}}, "0.900"},
		{"privileged: false", withSecurity(map[string]any{"privileged": false}, nil), ""},
		{"docker socket, read-only still connects", hostPathPod("/var/run/docker.sock", true, true), "0.900"},
		{"containerd socket", hostPathPod("/run/containerd/containerd.sock", false, true), "0.900"},
		{"cri-o socket", hostPathPod("/run/crio/crio.sock", false, true), "0.900"},
		{"/var/run holds the sockets", hostPathPod("/var/run/", false, true), "0.850"},
		{"the node's root, writable", hostPathPod("/", false, true), "0.900"},
		{"the node's root, read-only", hostPathPod("/", true, true), "0.500"},
		{"/etc writable", hostPathPod("/etc", false, true), "0.700"},
		{"/etc read-only is no escape", hostPathPod("/etc", true, true), ""},
		{"/proc writable", hostPathPod("/proc", false, true), "0.700"},
		{"/var/log is no escape", hostPathPod("/var/log", false, true), ""},
		{"a hostPath no container mounts", hostPathPod("/", false, false), ""},
		{"an unrendered hostPath", hostPathPod("{{ .Values.hostDir }}", false, true), "0.300 assumes=2"},
		{"CAP_SYS_ADMIN", withSecurity(caps("SYS_ADMIN"), nil), "0.600"},
		{"CAP_SYS_MODULE spelled with its prefix", withSecurity(caps("cap_sys_module"), nil), "0.800"},
		{"every capability", withSecurity(caps("ALL"), nil), "0.800"},
		{"CAP_NET_ADMIN is no escape", withSecurity(caps("NET_ADMIN"), nil), ""},
		{"hostPID with CAP_SYS_PTRACE", withSecurity(caps("SYS_PTRACE"), map[string]any{"host_pid": true}), "0.700"},
		{"hostPID as root", withSecurity(map[string]any{"run_as_user": 0}, map[string]any{"host_pid": true}), "0.500"},
		{"hostPID as an unknown user: assumed root", map[string]any{"host_pid": true}, "0.400 assumes=2"},
		{"hostPID as a non-root user, no ptrace", withSecurity(map[string]any{"run_as_user": 1000}, map[string]any{"host_pid": true}), ""},
		{"hostPID with runAsNonRoot on the pod", map[string]any{"host_pid": true, "security_context": map[string]any{"run_as_non_root": true}}, ""},
		{"hostNetwork alone is no escape", map[string]any{"host_network": true}, ""},
		{"the best vector sets the likelihood", withSecurity(map[string]any{"privileged": true, "capabilities": map[string]any{"add": []any{"SYS_ADMIN"}}}, nil), "0.900"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := pod("apps", "app", tt.pod)
			host := node(ng, model.KindHost, "aws_eks_node_group", nil)
			runsOn := edge(w.ID, model.EdgeRunsOn, ng, map[string]any{"method": "cluster-nodes", "assumptions": []any{"the only cluster"}})
			c := build(t, []model.Node{w, host}, []model.Edge{runsOn}, nil)
			got := run(c, containerEscape{}, exec(w.ID))
			var want []string
			if tt.want != "" {
				l, a, _ := strings.Cut(tt.want, " ")
				want = []string{"host(" + ng + ") " + l + " " + ctl + " assumes=1"}
				if a != "" {
					want = []string{"host(" + ng + ") " + l + " " + ctl + " " + a}
				}
			}
			if diff := cmp.Diff(want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
		})
	}
}

func TestContainerEscapePlacement(t *testing.T) {
	priv := withSecurity(map[string]any{"privileged": true}, nil)
	a, b := "infra:aws_eks_node_group.a", "infra:aws_eks_node_group.b"
	fargate := "infra:aws_eks_fargate_profile.batch"
	tests := []struct {
		name  string
		hosts []string // runs-on targets
		want  []string
	}{
		{"two node groups: a step to each", []string{a, b}, []string{"host(" + a + ")", "host(" + b + ")"}},
		{"Fargate: no node to escape to", []string{fargate}, nil},
		{"no runs-on: the cluster's nodes, assumed", nil, []string{"host(" + ImplicitNodes + ")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := pod("apps", "app", priv)
			nodes := []model.Node{w, node(a, model.KindHost, "aws_eks_node_group", nil), node(b, model.KindHost, "aws_eks_node_group", nil),
				node(fargate, model.KindHost, "aws_eks_fargate_profile", nil)}
			var edges []model.Edge
			for _, h := range tt.hosts {
				edges = append(edges, edge(w.ID, model.EdgeRunsOn, h, nil))
			}
			c := build(t, nodes, edges, nil)
			var got []string
			steps := run(c, containerEscape{}, exec(w.ID))
			for _, s := range steps {
				got = append(got, s.To.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("hosts (-want +got):\n%s", diff)
			}
			if len(tt.hosts) == 0 && len(steps) == 1 && !strings.Contains(strings.Join(steps[0].Assumptions, " "), ImplicitNodes) {
				t.Errorf("the implicit host is not said: %v", steps[0].Assumptions)
			}
		})
	}
}

func TestContainerEscapeEvidence(t *testing.T) {
	a := withSecurity(map[string]any{"privileged": true}, map[string]any{"host_network": true,
		"lines": map[string]any{"spec.template.spec.containers[0].securityContext.privileged": 44}})
	w := pod("apps", "app", a)
	ng := node("infra:aws_eks_node_group.general", model.KindHost, "aws_eks_node_group", nil)
	c := build(t, []model.Node{w, ng}, []model.Edge{edge(w.ID, model.EdgeRunsOn, ng.ID, nil)}, nil)
	got := run(c, containerEscape{}, exec(w.ID))
	if len(got) != 1 {
		t.Fatalf("steps: %v", summary(got))
	}
	// The misconfiguration first, at its own line; then the placement.
	want := []model.Evidence{{File: file, Line: 44, What: "privileged: true"}, {File: file, Line: 20, What: "the pods run on aws_eks_node_group general"}}
	if diff := cmp.Diff(want, got[0].Evidence); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
	if !strings.Contains(got[0].Reason, "hostNetwork") {
		t.Errorf("hostNetwork is not noted: %s", got[0].Reason)
	}
	if got[0].To != (paths.State{Kind: paths.Host, Node: ng.ID}) {
		t.Errorf("to %s", got[0].To)
	}
}
