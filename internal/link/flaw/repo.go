package flaw

import (
	"regexp"
	"strings"
)

// repo is an image repository split into its registry host and path segments.
type repo struct {
	full string   // host/path
	host string   // "docker.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
	path []string // ["webshop", "api"]
}

// parseRepo reads the repository of a normalised image reference; ok is false for one with unresolved parts.
func parseRepo(ref string) (repo, bool) {
	if ref == "" || strings.ContainsAny(ref, "${}() <>`") {
		return repo{}, false
	}
	name, _, _ := strings.Cut(ref, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	host, rest, ok := strings.Cut(name, "/")
	if !ok || rest == "" {
		return repo{}, false
	}
	return repo{full: name, host: host, path: strings.Split(rest, "/")}, true
}

// library reports a Docker official image (docker.io/library/…), which no repository here builds.
func (r repo) library() bool {
	return r.host == "docker.io" && len(r.path) == 2 && r.path[0] == "library"
}

// namespace is the host and first path segment, where an organisation's images live on a shared registry.
func (r repo) namespace() string {
	if len(r.path) < 2 {
		return r.host
	}
	return r.host + "/" + r.path[0]
}

// publicHosts are registries that host anyone's images: an image there is matched by name only when a build
// configuration here pushes to its namespace.
var publicHosts = map[string]bool{
	"docker.io": true, "quay.io": true, "ghcr.io": true, "gcr.io": true, "registry.k8s.io": true, "k8s.gcr.io": true,
	"public.ecr.aws": true, "mcr.microsoft.com": true, "registry.gitlab.com": true, "docker.elastic.co": true,
	"nvcr.io": true, "cgr.dev": true, "registry.access.redhat.com": true, "registry.redhat.io": true, "lscr.io": true,
}

// eksAddonRegistry is the ECR registry of the Amazon EKS add-on images, public to every customer
// (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html).
var eksAddonRegistry = regexp.MustCompile(`^602401143452\.dkr\.ecr\.`)

func (r repo) public() bool {
	return publicHosts[r.host] || strings.HasSuffix(r.host, ".gcr.io") || eksAddonRegistry.MatchString(r.host)
}
