package image

import (
	"regexp"
	"strings"
)

// repo is an image repository split the way the matching reads it: the registry host and the path segments.
type repo struct {
	full string   // host/path, normalised
	host string   // "docker.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
	path []string // ["webshop", "api"]
}

// parseRepo reads the repository of an image node's normalised reference (its ID without "image:"); ok is
// false for a reference with unresolved parts (a template variable), which cannot be matched by name.
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

// library reports whether the image is a Docker official image (docker.io/library/…).
func (r repo) library() bool {
	return r.host == "docker.io" && len(r.path) == 2 && r.path[0] == "library"
}

// namespace is the host and the first path segment ("ghcr.io/acme"), where an organisation's images live on
// a shared registry.
func (r repo) namespace() string {
	if len(r.path) < 2 {
		return r.host
	}
	return r.host + "/" + r.path[0]
}

// publicHosts are registries that host anyone's images. An image on one of them is the organisation's only
// when a build configuration here pushes to its namespace.
var publicHosts = map[string]bool{
	"docker.io": true, "quay.io": true, "ghcr.io": true, "gcr.io": true, "registry.k8s.io": true,
	"k8s.gcr.io": true, "public.ecr.aws": true, "mcr.microsoft.com": true, "registry.gitlab.com": true,
	"docker.elastic.co": true, "nvcr.io": true, "cgr.dev": true, "registry.access.redhat.com": true,
	"registry.redhat.io": true, "lscr.io": true, "docker.redpanda.com": true, "registry.hub.docker.com": true,
}

// ecrHost matches a private ECR registry (https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html).
var ecrHost = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// vendorAccounts are AWS accounts whose ECR registries serve public images to every customer: 602401143452
// hosts the Amazon EKS add-on images (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html).
var vendorAccounts = map[string]bool{"602401143452": true}

// public reports whether an image's registry hosts anyone's images.
func (r repo) public() bool {
	if publicHosts[r.host] || strings.HasSuffix(r.host, ".gcr.io") {
		return true
	}
	if m := ecrHost.FindStringSubmatch(r.host); m != nil {
		return vendorAccounts[m[1]]
	}
	return false
}

// account is the AWS account of a private ECR registry, or "".
func (r repo) account() string {
	if m := ecrHost.FindStringSubmatch(r.host); m != nil {
		return m[1]
	}
	return ""
}

// genericDirs are directory names that hold services rather than name one; matching skips them.
var genericDirs = map[string]bool{
	"services": true, "service": true, "apps": true, "app": true, "src": true, "docker": true, "dockerfiles": true,
	"cmd": true, "deploy": true, "build": true, "images": true, "containers": true, "components": true,
	"packages": true, "projects": true, "microservices": true, "svc": true, ".": true, "": true,
}

// devVariants are Dockerfile name variants (Dockerfile.dev, dev.Dockerfile) for images that are not deployed;
// a plain Dockerfile in the same place is preferred to them.
var devVariants = map[string]bool{
	"dev": true, "development": true, "debug": true, "test": true, "tests": true, "local": true, "ci": true,
	"e2e": true,
}

// normName folds a name segment for comparison: lowercase, "_" and "." as "-".
func normName(s string) string {
	return strings.NewReplacer("_", "-", ".", "-").Replace(strings.ToLower(s))
}

// tokens splits a name at "-".
func tokens(s string) []string { return strings.Split(normName(s), "-") }

// affixes lists the names a segment may be abbreviated to: its leading and trailing runs of tokens
// ("payments-api" → "payments", "api"), longest first, not the whole name.
func affixes(s string) []string {
	ts := tokens(s)
	var out []string
	for n := len(ts) - 1; n >= 1; n-- {
		out = append(out, strings.Join(ts[len(ts)-n:], "-"), strings.Join(ts[:n], "-"))
	}
	return out
}
