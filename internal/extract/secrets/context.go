package secrets

import (
	"path"
	"regexp"
	"sort"
	"strings"
)

// What a finding's surroundings say: the name the value is assigned to, the Terraform block it is written
// in, the database hosts beside a password and the clusters of a kubeconfig. All of it is read from the
// text around the value, never from the value.

var (
	// assignment ends a line prefix with a name and an operator: KEY=, key: , "key": ", key = ", key := ".
	assignment = regexp.MustCompile(`([A-Za-z_][\w.\-]*)["'\]]?[ \t]*(?::=|=>|\?=|=|:)[ \t]*(?:[|>][-+]?[ \t]*)?["'\x60]?$`)
	// dockerSpace is the space form of a Dockerfile ENV or ARG: ENV KEY value.
	dockerSpace = regexp.MustCompile(`^\s*(?i:ENV|ARG)[ \t]+([A-Za-z_]\w*)[ \t]+["']?$`)
	// nameValue is a name and value pair on one line: {name: X, value: "…"} or {"Name": "X", "Value": "…"}.
	nameValue = regexp.MustCompile(`(?i)["']?name["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][\w.\-]*)["']?[ \t]*,[ \t]*["']?value["']?[ \t]*[:=][ \t]*["']?$`)
	// nameLine is a "- name: X" line before a "value:" line (Kubernetes env, ECS environment).
	nameLine = regexp.MustCompile(`(?i)^\s*(?:-\s*)?["']?name["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][\w.\-]*)["']?,?\s*$`)
	// tfHeader is a top-level Terraform block header.
	tfHeader = regexp.MustCompile(`^(resource|data|module)[ \t]+"([^"]+)"(?:[ \t]+"([^"]+)")?`)
	// rdsHost is an RDS or Aurora endpoint.
	rdsHost = regexp.MustCompile(`\b[a-z][a-z0-9-]{0,62}\.(?:cluster-(?:ro-|custom-)?)?[a-z0-9]{6,}\.[a-z]{2}(?:-gov)?-[a-z]+-[0-9]\.rds\.amazonaws\.com\b`)
	// hostAssign is a value given under a name that says it is a database host.
	hostAssign = regexp.MustCompile(`(?i)\b[\w.-]*(?:host|hostname|endpoint|address|server)["']?[ \t]*[:=][ \t]*["']?([a-z0-9][a-z0-9.-]*\.[a-z0-9.-]*[a-z0-9])["']?`)
	// dsnHost is the host of a connection URL.
	dsnHost     = regexp.MustCompile(`(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|sqlserver|mssql|jdbc:[a-z]+)://(?:[^@\s/"']*@)?([a-z0-9][a-z0-9.-]*[a-z0-9])`)
	kubeServer  = regexp.MustCompile(`(?m)^\s*server:[ \t]*["']?(https?://[^\s"']+)`)
	kubeCluster = regexp.MustCompile(`(?m)^\s*(?:-\s*)?cluster:[ \t]*["']?([\w.:/@-]+)["']?\s*$`)
)

// keyBefore returns the name the value at off (on 0-based line li) is assigned to, "" when the text shows
// none. A Kubernetes or ECS "value:" takes the name of its entry.
func keyBefore(f *fileText, li, off int) string {
	prefix := f.text[f.starts[li]:off]
	if m := nameValue.FindStringSubmatch(prefix); m != nil {
		return m[1]
	}
	if m := dockerSpace.FindStringSubmatch(prefix); m != nil {
		return m[1]
	}
	m := assignment.FindStringSubmatch(prefix)
	if m == nil {
		return ""
	}
	key := m[1]
	if strings.EqualFold(key, "value") {
		for prev := li - 1; prev >= 0 && prev >= li-3; prev-- {
			if n := nameLine.FindStringSubmatch(f.lineText(prev)); n != nil {
				return n[1]
			}
		}
	}
	return key
}

// terraformBlock returns the address of the top-level Terraform block holding 0-based line li of a .tf
// file ("aws_db_instance.orders", "data.x.y", "module.m"), "" outside one. Top-level blocks start and end
// at column 0, as terraform fmt writes them.
func terraformBlock(f *fileText, li int) string {
	if path.Ext(f.path) != ".tf" {
		return ""
	}
	for i := li; i >= 0; i-- {
		l := f.lineText(i)
		if i < li && strings.HasPrefix(l, "}") {
			return ""
		}
		m := tfHeader.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		switch {
		case m[1] == "module":
			return "module." + m[2]
		case m[1] == "data" && m[3] != "":
			return "data." + m[2] + "." + m[3]
		case m[3] != "":
			return m[2] + "." + m[3]
		}
		return ""
	}
	return ""
}

// isKubeconfig reports whether a file is a kubeconfig: named like one, or a YAML "kind: Config" with
// clusters.
func isKubeconfig(f *fileText) bool {
	base := path.Base(f.path)
	if strings.Contains(strings.ToLower(base), "kubeconfig") || f.path == ".kube/config" || strings.HasSuffix(f.path, "/.kube/config") {
		return true
	}
	return strings.Contains(f.text, "kind: Config") && strings.Contains(f.text, "clusters:")
}

// region returns the text a finding's neighbours are looked for in: the YAML document holding 0-based line
// li, else the whole file.
func region(f *fileText, li int) string {
	ext := path.Ext(f.path)
	if ext != ".yaml" && ext != ".yml" {
		return f.text
	}
	start, end := 0, len(f.text)
	for i := li; i >= 0; i-- {
		if strings.HasPrefix(f.lineText(i), "---") {
			start = f.starts[i]
			break
		}
	}
	for i := li + 1; i < len(f.starts); i++ {
		if strings.HasPrefix(f.lineText(i), "---") {
			end = f.starts[i]
			break
		}
	}
	return f.text[start:end]
}

// hostsNear returns the database hosts written in a text, sorted and at most maxHosts of them.
func hostsNear(text string) []string {
	set := map[string]bool{}
	for _, h := range rdsHost.FindAllString(text, -1) {
		set[strings.ToLower(h)] = true
	}
	for _, re := range []*regexp.Regexp{hostAssign, dsnHost} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			set[strings.ToLower(m[1])] = true
		}
	}
	return sortedSet(set, maxHosts)
}

// maxHosts bounds the hosts kept per finding.
const maxHosts = 8

// kubeTargets returns the API servers and cluster names a kubeconfig names.
func kubeTargets(text string) (servers, clusters []string) {
	ss, cs := map[string]bool{}, map[string]bool{}
	for _, m := range kubeServer.FindAllStringSubmatch(text, -1) {
		ss[m[1]] = true
	}
	for _, m := range kubeCluster.FindAllStringSubmatch(text, -1) {
		cs[m[1]] = true
	}
	return sortedSet(ss, maxHosts), sortedSet(cs, maxHosts)
}

func sortedSet(set map[string]bool, limit int) []string {
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
