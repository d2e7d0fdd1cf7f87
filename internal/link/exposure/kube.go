package exposure

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// nsNameLabel is the label Kubernetes sets on every namespace to its own name (Kubernetes 1.22 and later,
// "Well-Known Labels, Annotations and Taints").
const nsNameLabel = "kubernetes.io/metadata.name"

// kubeIndex holds the Kubernetes facts the builder reads more than once.
type kubeIndex struct {
	workloads  []*model.Node                // Kubernetes workloads, by ID
	pods       []kubePod                    // the same workloads, as sources and targets of pod traffic
	namespaces map[string]map[string]string // namespace → labels, for the namespaces the scan defines
	nsNodes    map[string]*model.Node
	ingressPol map[string][]*policy // workload ID → policies of type Ingress that select it
	egressPol  map[string][]*policy
	classes    map[string]*model.Node // IngressClass name → node
	defClass   *model.Node            // the IngressClass marked default, if one is
	services   []*model.Node          // Services, by ID
	eks        []*model.Node          // EKS clusters
}

// buildKubeIndex reads workloads, namespaces, policies, classes and clusters.
func (r *run) buildKubeIndex() *kubeIndex {
	k := &kubeIndex{namespaces: map[string]map[string]string{}, nsNodes: map[string]*model.Node{},
		ingressPol: map[string][]*policy{}, egressPol: map[string][]*policy{}, classes: map[string]*model.Node{}}
	for _, n := range r.g.NodesOfKind(model.KindWorkload) {
		if isKube(n) {
			k.workloads = append(k.workloads, n)
			k.pods = append(k.pods, newKubePod(n))
		}
	}
	for _, n := range r.g.NodesOfKind(model.KindResource) {
		switch {
		case n.Type == "Namespace" && isKube(n):
			labels := stringMap(n.Attrs["labels"])
			if labels == nil {
				labels = map[string]string{}
			}
			labels[nsNameLabel] = n.Name
			k.namespaces[n.Name], k.nsNodes[n.Name] = labels, n
		case n.Type == "IngressClass" && isKube(n):
			k.classes[n.Name] = n
			if stringMap(n.Attrs["annotations"])["ingressclass.kubernetes.io/is-default-class"] == "true" {
				if k.defClass == nil || n.ID < k.defClass.ID {
					k.defClass = n
				}
			}
		}
	}
	for _, n := range r.g.NodesOfKind(model.KindNetwork) {
		if n.Type != "NetworkPolicy" || !isKube(n) {
			continue
		}
		p := readPolicy(n)
		for _, w := range r.outOf(n.ID, model.EdgeSelects) {
			if p.hasType("Ingress") {
				k.ingressPol[w.ID] = append(k.ingressPol[w.ID], p)
			}
			if p.hasType("Egress") {
				k.egressPol[w.ID] = append(k.egressPol[w.ID], p)
			}
		}
	}
	for _, n := range r.g.NodesOfKind(model.KindExposure) {
		if n.Type == "Service" && isKube(n) {
			k.services = append(k.services, n)
		}
	}
	k.eks = r.ofTypes(model.KindCluster, "aws_eks_cluster", "data.aws_eks_cluster")
	return k
}

// kubePod is a Kubernetes workload read once: as a source of traffic, and the ports it receives on.
type kubePod struct {
	node  *model.Node
	src   source
	ports []podPort
}

func newKubePod(n *model.Node) kubePod {
	p := kubePod{node: n, src: source{ns: nsOf(n), labels: podLabels(n), labelsKnown: true, label: n.ID}}
	for _, c := range containerPorts(n) {
		p.ports = append(p.ports, podPort{number: c.number, name: c.name, proto: c.proto})
	}
	if len(p.ports) == 0 {
		p.ports = []podPort{{number: -1, proto: "TCP"}}
	}
	return p
}

// isKube reports whether a node came from Kubernetes manifests.
func isKube(n *model.Node) bool { return strings.HasPrefix(n.ID, "k8s:") }

// nsOf returns a Kubernetes node's namespace.
func nsOf(n *model.Node) string { return strAttr(n.Attrs, "namespace") }

// podLabels returns a workload's pod template labels.
func podLabels(n *model.Node) map[string]string { return stringMap(n.Attrs["pod_labels"]) }

// containerPort is a port a pod's containers declare.
type containerPort struct {
	number int
	name   string
	proto  string
}

// containerPorts returns the ports a workload's containers declare, sorted by number.
func containerPorts(n *model.Node) []containerPort {
	var out []containerPort
	for _, c := range list(n.Attrs["containers"]) {
		cm, ok := c.(map[string]any)
		if !ok {
			continue
		}
		for _, p := range list(cm["ports"]) {
			pm, ok := p.(map[string]any)
			if !ok {
				continue
			}
			num, ok := toInt(pm["container_port"])
			if !ok {
				continue
			}
			proto := strings.ToUpper(strAttr(pm, "protocol"))
			if proto == "" {
				proto = "TCP"
			}
			out = append(out, containerPort{number: num, name: strAttr(pm, "name"), proto: proto})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out
}

// podPort is the port traffic arrives on at a pod: its number and name when known.
type podPort struct {
	number int // -1 when unknown
	name   string
	proto  string
}

func (p podPort) String() string {
	switch {
	case p.number >= 0 && p.name != "":
		return p.proto + " " + p.name + " (" + itoa(p.number) + ")"
	case p.number >= 0:
		return p.proto + " " + itoa(p.number)
	case p.name != "":
		return p.proto + " " + p.name
	}
	return p.proto + " (port unknown)"
}

// resolvePodPort turns a Service target port (a number or a container port name) into a pod port.
func resolvePodPort(w *model.Node, target any, proto string) podPort {
	if proto == "" {
		proto = "TCP"
	}
	ports := containerPorts(w)
	if n, ok := toInt(target); ok {
		pp := podPort{number: n, proto: proto}
		for _, c := range ports {
			if c.number == n && c.proto == proto {
				pp.name = c.name
			}
		}
		return pp
	}
	name, _ := target.(string)
	for _, c := range ports {
		if name != "" && c.name == name {
			return podPort{number: c.number, name: name, proto: c.proto}
		}
	}
	return podPort{number: -1, name: name, proto: proto}
}

// servicePort finds the Service port an Ingress backend or a caller names (a number or a port name) and
// returns its port, target port and protocol.
func servicePort(svc *model.Node, want any) (port int, target any, proto string, ok bool) {
	for _, p := range list(svc.Attrs["ports"]) {
		pm, isMap := p.(map[string]any)
		if !isMap {
			continue
		}
		num, _ := toInt(pm["port"])
		name, isName := want.(string)
		if n, isNum := toInt(want); isNum && n == num || isName && name != "" && name == strAttr(pm, "name") {
			return num, pm["target_port"], strings.ToUpper(strAttr(pm, "protocol")), true
		}
	}
	return 0, nil, "", false
}

// servicePorts returns every port of a Service.
func servicePorts(svc *model.Node) []map[string]any {
	var out []map[string]any
	for _, p := range list(svc.Attrs["ports"]) {
		if pm, ok := p.(map[string]any); ok {
			out = append(out, pm)
		}
	}
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "?"
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}
