package k8s

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// container is one container of a pod spec, with the YAML field it is listed under.
type container struct {
	field string // "containers", "initContainers", "ephemeralContainers"
	index int
	attrs map[string]any
}

// rel is the path of a field of the container under the pod spec, as the "lines" attribute keys it.
func (ct container) rel(field string) string {
	return fmt.Sprintf("%s[%d].%s", ct.field, ct.index, field)
}

func (ct container) name() string { return str(ct.attrs["name"]) }

// containersOf lists every container of a pod spec: regular, init and ephemeral.
func containersOf(w *model.Node) []container {
	var out []container
	for _, f := range [][2]string{{"containers", "containers"}, {"init_containers", "initContainers"}, {"ephemeral_containers", "ephemeralContainers"}} {
		for i, m := range list(w.Attrs[f[0]]) {
			out = append(out, container{field: f[1], index: i, attrs: m})
		}
	}
	return out
}

// vector is one way out of a container onto its node.
type vector struct {
	what       string // "privileged container api"
	likelihood float64
	evidence   model.Evidence
	assumption string
}

// Likelihoods by escape vector: how reliably each gives code execution on the node, from public techniques.
const (
	privilegedLikelihood   = 0.9  // all devices and capabilities: mount the node's disk or nsenter into PID 1
	socketLikelihood       = 0.9  // the runtime's API starts a privileged container on the node
	hostRootLikelihood     = 0.9  // the node's file system, writable: cron, systemd units, static pods
	runDirLikelihood       = 0.85 // holds the runtime sockets, one path component away
	sysModuleLikelihood    = 0.8  // insmod a kernel module into the node's kernel
	allCapsLikelihood      = 0.8  // CAP_SYS_ADMIN and CAP_SYS_MODULE among them
	ptraceLikelihood       = 0.7  // hostPID with CAP_SYS_PTRACE: inject into, or nsenter through, a host process
	writableEtcLikelihood  = 0.7  // /etc/kubernetes/manifests (static pods), cron, the kubelet's configuration
	writableProcLikelihood = 0.7  // /proc/sys/kernel/core_pattern runs a program on the node as root
	sysAdminLikelihood     = 0.6  // cgroup release_agent or mounting the node's block device; seccomp/AppArmor may stop it
	hostRootROLikelihood   = 0.5  // read-only: the kubelet's credentials and every pod's token, no code execution
	hostPIDRootLikelihood  = 0.5  // hostPID as root: /proc/<pid>/root and environ of host processes
	unknownPathLikelihood  = 0.3  // a hostPath whose path is a template variable
)

// socketPaths are the container runtime sockets: whoever can write to one runs any container on the node.
var socketPaths = map[string]bool{
	"/var/run/docker.sock": true, "/run/docker.sock": true,
	"/run/containerd/containerd.sock": true, "/var/run/containerd/containerd.sock": true,
	"/run/crio/crio.sock": true, "/var/run/crio/crio.sock": true,
}

// runDirs hold the runtime sockets.
var runDirs = map[string]bool{"/var/run": true, "/run": true, "/run/containerd": true, "/var/run/containerd": true,
	"/run/crio": true, "/var/run/crio": true}

// escapeVectors lists the ways out of a pod's containers, most likely first.
func escapeVectors(w *model.Node) []vector {
	var out []vector
	for _, ct := range containersOf(w) {
		out = append(out, containerVectors(w, ct)...)
	}
	out = append(out, hostPIDVectors(w)...)
	out = append(out, hostPathVectors(w)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].likelihood > out[j].likelihood })
	return out
}

// containerVectors: a privileged container, or one that adds a capability that reaches the node.
func containerVectors(w *model.Node, ct container) []vector {
	sc, _ := ct.attrs["security_context"].(map[string]any)
	var out []vector
	if p, _ := boolAttr(sc["privileged"]); p {
		out = append(out, vector{what: "privileged container " + ct.name(), likelihood: privilegedLikelihood,
			evidence: at(w, ct.rel("securityContext.privileged"), "privileged: true")})
	}
	for _, c := range addedCaps(sc) {
		v := vector{evidence: at(w, ct.rel("securityContext.capabilities"), "capabilities add "+c)}
		switch c {
		case "ALL":
			v.what, v.likelihood = "container "+ct.name()+" adds every capability", allCapsLikelihood
		case "SYS_MODULE":
			v.what, v.likelihood = "container "+ct.name()+" adds CAP_SYS_MODULE", sysModuleLikelihood
		case "SYS_ADMIN":
			v.what, v.likelihood = "container "+ct.name()+" adds CAP_SYS_ADMIN", sysAdminLikelihood
		default:
			continue
		}
		out = append(out, v)
	}
	return out
}

// addedCaps returns the capabilities a security context adds, upper case without "CAP_".
func addedCaps(sc map[string]any) []string {
	caps, _ := sc["capabilities"].(map[string]any)
	var out []string
	for _, c := range strs(caps["add"]) {
		out = append(out, strings.TrimPrefix(strings.ToUpper(c), "CAP_"))
	}
	return out
}

// hostPIDVectors: the host's PID namespace, with CAP_SYS_PTRACE or as root.
func hostPIDVectors(w *model.Node) []vector {
	if pid, _ := boolAttr(w.Attrs["host_pid"]); !pid {
		return nil
	}
	ev := at(w, "hostPID", "hostPID: true")
	for _, ct := range containersOf(w) {
		for _, c := range addedCaps(mapAttr(ct.attrs["security_context"])) {
			if c == "SYS_PTRACE" || c == "ALL" {
				return []vector{{what: "hostPID with CAP_SYS_PTRACE in container " + ct.name(), likelihood: ptraceLikelihood, evidence: ev}}
			}
		}
	}
	root, known := runsAsRoot(w)
	switch {
	case known && root:
		return []vector{{what: "hostPID, running as root", likelihood: hostPIDRootLikelihood, evidence: ev}}
	case !known:
		return []vector{{what: "hostPID, as a user the manifests do not set", likelihood: hostPIDRootLikelihood * 0.8, evidence: ev,
			assumption: fmt.Sprintf("%s sets no runAsUser or runAsNonRoot: its containers are assumed to run as root (the image's USER is not known)", w.ID)}}
	}
	return nil // hostPID as a non-root user without CAP_SYS_PTRACE sees host processes but cannot enter them
}

// runsAsRoot reports whether every container of the pod runs as root (any does, for an escape), and whether
// the manifests say.
func runsAsRoot(w *model.Node) (root, known bool) {
	pod := mapAttr(w.Attrs["security_context"])
	known = true
	for _, ct := range containersOf(w) {
		sc := mapAttr(ct.attrs["security_context"])
		uid, ok := toInt(sc["run_as_user"])
		if !ok {
			uid, ok = toInt(pod["run_as_user"])
		}
		if ok {
			root = root || uid == 0
			continue
		}
		nonRoot, set := boolAttr(sc["run_as_non_root"])
		if !set {
			nonRoot, set = boolAttr(pod["run_as_non_root"])
		}
		if !set || !nonRoot {
			known = false
		}
	}
	return root, known || root
}

// hostPathVectors: hostPath volumes a container mounts that reach the node's runtime, root or configuration.
func hostPathVectors(w *model.Node) []vector {
	var out []vector
	for i, v := range list(w.Attrs["volumes"]) {
		if str(v["type"]) != "hostPath" {
			continue
		}
		name := str(v["name"])
		readOnly, mounted := hostMount(w, name)
		if !mounted {
			continue
		}
		raw := str(v["path"])
		p := path.Clean(raw)
		ev := at(w, fmt.Sprintf("volumes[%d].hostPath", i), "hostPath "+raw)
		vec := vector{evidence: ev}
		mode := map[bool]string{true: "read-only", false: "writable"}[readOnly]
		switch {
		case strings.Contains(raw, "{{") || strings.Contains(raw, "${"):
			vec.what, vec.likelihood = "hostPath "+raw+" (unrendered)", unknownPathLikelihood
			vec.assumption = fmt.Sprintf("the hostPath of volume %s of %s is a template variable (%s): assumed to be a path that reaches the node", name, w.ID, raw)
		case socketPaths[p]:
			vec.what, vec.likelihood = "the container runtime socket "+p, socketLikelihood
		case runDirs[p]:
			vec.what, vec.likelihood = "hostPath "+p+", which holds the container runtime sockets", runDirLikelihood
		case p == "/" && !readOnly:
			vec.what, vec.likelihood = "the node's root file system, writable", hostRootLikelihood
		case p == "/":
			vec.what, vec.likelihood = "the node's root file system, read-only", hostRootROLikelihood
		case p == "/etc" && !readOnly:
			vec.what, vec.likelihood = "the node's /etc, writable", writableEtcLikelihood
		case p == "/proc" && !readOnly:
			vec.what, vec.likelihood = "the node's /proc, writable", writableProcLikelihood
		default:
			continue
		}
		vec.evidence.What += " (" + mode + ")"
		out = append(out, vec)
	}
	return out
}

// hostMount reports whether some container mounts a volume, and whether every such mount is read-only.
func hostMount(w *model.Node, volume string) (readOnly, mounted bool) {
	readOnly = true
	for _, ct := range containersOf(w) {
		for _, m := range list(ct.attrs["volume_mounts"]) {
			if str(m["name"]) != volume {
				continue
			}
			mounted = true
			if ro, _ := boolAttr(m["read_only"]); !ro {
				readOnly = false
			}
		}
	}
	return readOnly && mounted, mounted
}

func mapAttr(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// containerEscape: code execution in a pod with a way out becomes code execution on its node.
type containerEscape struct{}

func (containerEscape) Meta() paths.Meta {
	return paths.Meta{ID: "k8s.container-escape", Title: "A container escapes to its node",
		Technique: "T1611", TechniqueName: "Escape to Host",
		// The best vectors (privileged, the runtime socket) are a single well-known command; each step takes
		// the likelihood of its best vector.
		Likelihood: privilegedLikelihood,
		Rationale:  "a privileged container, the runtime socket, the node's root, /etc or /proc, CAP_SYS_ADMIN or CAP_SYS_MODULE, or hostPID with ptrace or root each give code execution on the node; hostNetwork alone does not (it shares the node's network, not its processes or files); Fargate pods have no shared node",
		Control:    "drop privileged, the hostPath and the capability from the pod; enforce Pod Security \"restricted\" on the namespace",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Host}}
}

func (containerEscape) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := podOf(c, s.Node)
	if w == nil {
		return nil
	}
	vs := escapeVectors(w)
	if len(vs) == 0 {
		return nil
	}
	var what, assumed []string
	ev := make([]model.Evidence, 0, len(vs)+2)
	for _, v := range vs {
		what = append(what, v.what)
		ev = append(ev, v.evidence)
		if v.assumption != "" {
			assumed = append(assumed, v.assumption)
		}
	}
	note := ""
	if hn, _ := boolAttr(w.Attrs["host_network"]); hn {
		note = " (it also uses hostNetwork, which alone is no escape)"
	}
	ctl := paths.ControlAt("pod-security", w, fmt.Sprintf("take the host access out of %s (%s) and enforce Pod Security \"restricted\" on namespace %s", c.Name(w.ID), strings.Join(what, "; "), namespaceOf(w)))
	var out []paths.Step
	for _, h := range placementOf(c).hosts[w.ID] {
		step := paths.Step{To: paths.State{Kind: paths.Host, Node: h.id}, Likelihood: vs[0].likelihood, Control: ctl,
			Reason:   fmt.Sprintf("code in %s escapes to the node through %s%s", c.Name(w.ID), strings.Join(what, "; "), note),
			Evidence: append([]model.Evidence(nil), ev...), Assumptions: append([]string(nil), assumed...)}
		if h.edge != nil {
			step.Evidence = append(step.Evidence, link.EvidenceOfEdge(h.edge, "the pods run on "+c.Name(h.id)))
			step.Assumptions = append(step.Assumptions, edgeAssumptions(h.edge)...)
			step.Via = []string{h.edge.Key()}
		} else {
			step.Assumptions = append(step.Assumptions, implicitNodesAssumption(w))
		}
		step.Assumptions = uniqueSorted(step.Assumptions)
		out = append(out, step)
	}
	return out
}

func implicitNodesAssumption(w *model.Node) string {
	return fmt.Sprintf("the scan does not say which nodes run %s (no single EKS cluster with node groups): it is taken to run on the cluster's nodes, %s, with every other such pod", w.ID, ImplicitNodes)
}
