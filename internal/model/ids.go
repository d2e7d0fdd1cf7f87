package model

import (
	"path"
	"strconv"
	"strings"
)

// The ID constructors below are shared by extractors so that two sources naming the same thing (a Kubernetes
// container image and a Dockerfile's base image, a package in two lockfiles) produce the same node ID. IDs never
// contain absolute paths or anything machine-specific.

// InternetID is the ID of the special node that stands for the public internet.
const InternetID = "internet"

// K8sID returns the ID of a Kubernetes object: "k8s:<namespace>/<Kind>/<name>", with "_cluster" as the
// namespace of cluster-scoped objects.
func K8sID(namespace, kind, name string) string {
	if namespace == "" {
		namespace = "_cluster"
	}
	return "k8s:" + namespace + "/" + kind + "/" + name
}

// TerraformID returns the ID of a Terraform object from the directory of its root module (slash-separated,
// relative to the scanned root) and its address ("aws_iam_role.app", "module.net.aws_vpc.main",
// "data.aws_iam_policy_document.x"). Objects of a root module at the top of the scan have the bare address.
func TerraformID(rootDir, address string) string {
	rootDir = path.Clean(rootDir)
	if rootDir == "." || rootDir == "" {
		return address
	}
	return rootDir + ":" + address
}

// PackageID returns the ID of a package: its package URL.
func PackageID(purl string) string { return purl }

// FileNodeID returns the ID of a node that stands for a whole file (a Dockerfile, a lockfile module,
// CODEOWNERS): "<kind>:<path>".
func FileNodeID(kind NodeKind, file string) string { return string(kind) + ":" + file }

// VulnerabilityID returns the ID of a vulnerability from all the IDs its sources give it (a CVE and the GHSA,
// GO- or PYSEC- advisories that alias it): "vuln:" + the primary ID, which is the lowest CVE ID if any, else the
// lowest GHSA ID, else the lowest ID. Every source picks the same primary for the same alias group, so the
// nodes meet. It returns "" when ids is empty.
func VulnerabilityID(ids ...string) string {
	p := PrimaryVulnerabilityID(ids...)
	if p == "" {
		return ""
	}
	return "vuln:" + p
}

// PrimaryVulnerabilityID returns the primary ID of an alias group, as VulnerabilityID describes.
func PrimaryVulnerabilityID(ids ...string) string {
	best, bestRank := "", 3
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		r := 2
		switch {
		case strings.HasPrefix(id, "CVE-"):
			r = 0
		case strings.HasPrefix(id, "GHSA-"):
			r = 1
		}
		if r < bestRank || (r == bestRank && id < best) {
			best, bestRank = id, r
		}
	}
	return best
}

// SecretID returns the ID of a secret found at file:line by a detection rule: "secret:<file>:<line>:<rule>".
func SecretID(file string, line int, rule string) string {
	return "secret:" + file + ":" + strconv.Itoa(line) + ":" + rule
}

// OwnerID returns the ID of an owner (team or person) from the name a source gives it. The name is lowercased so
// "@Acme/Payments" and "@acme/payments" meet; reconciling different naming schemes is the ownership linker's job.
func OwnerID(name string) string { return "owner:" + strings.ToLower(strings.TrimSpace(name)) }

// DataClassID returns the ID of a data class ("pii", "pci", "phi", "credentials").
func DataClassID(class string) string {
	return "data-class:" + strings.ToLower(strings.TrimSpace(class))
}

// BusinessServiceID returns the ID of a business service (a Backstage System or a seam.yaml service).
func BusinessServiceID(name string) string { return "business-service:" + strings.ToLower(name) }

// EntryPointID returns the ID of a declared entry point.
func EntryPointID(name string) string {
	if name == InternetID {
		return InternetID
	}
	return "entry:" + name
}

// ImageID returns the ID of a container image from a reference as written in a Dockerfile or a manifest. The
// reference is normalised the way container runtimes do it: a missing registry becomes docker.io, an official
// image gains "library/", a missing tag becomes "latest" (unless a digest pins it).
func ImageID(ref string) string { return "image:" + NormalizeImageRef(ref) }

// NormalizeImageRef normalises an image reference as described at ImageID. A reference that is not a plain
// image name (it holds variables such as "${REGISTRY}/api") is returned as written.
func NormalizeImageRef(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.ContainsAny(ref, "${} ") {
		return ref
	}
	name, digest, _ := strings.Cut(ref, "@")
	tag := ""
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name, tag = name[:i], name[i+1:]
	}
	first, rest, hasSlash := strings.Cut(name, "/")
	domain := "docker.io"
	if hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		domain, name = first, rest
	}
	if domain == "docker.io" {
		if !strings.Contains(name, "/") {
			name = "library/" + name
		}
	}
	out := strings.ToLower(domain) + "/" + strings.ToLower(name)
	switch {
	case digest != "" && tag != "":
		out += ":" + tag + "@" + digest
	case digest != "":
		out += "@" + digest
	case tag != "":
		out += ":" + tag
	default:
		out += ":latest"
	}
	return out
}
