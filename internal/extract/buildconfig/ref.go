package buildconfig

import (
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// imageRef is an image reference a build names, split the way a registry reads it.
type imageRef struct {
	ref        text   // as the configuration gives it, variables resolved where Seam could
	repository string // registry and path without tag or digest, normalised when fully known
	tag        string // "" when only a digest pins it
	digest     string
}

// parseRef splits an image reference. A fully known reference is normalised as model.NormalizeImageRef does
// (docker.io and library/ added, "latest" when untagged); one with unknown parts keeps its literal text, and a
// missing tag stays missing, because the unknown part may hold it.
func parseRef(ref text) imageRef {
	r := imageRef{ref: ref}
	if ref.Known() {
		n := model.NormalizeImageRef(ref.String())
		r.repository, r.tag, r.digest = splitName(n)
		return r
	}
	masked, parts := mask(ref)
	repo, tag, digest := splitName(masked)
	r.repository = unmask(repo, parts).String()
	if !strings.ContainsRune(repo, maskRune) {
		// The unknown parts are in the tag or digest only: the repository is known and is normalised.
		r.repository, _, _ = splitName(model.NormalizeImageRef(repo))
	}
	// The tag and digest follow the repository's own unknown parts; unmask them from where they start.
	rest := parts[strings.Count(repo, string(maskRune)):]
	r.tag = unmask(tag, rest).String()
	rest = rest[strings.Count(tag, string(maskRune)):]
	r.digest = unmask(digest, rest).String()
	return r
}

// hasTag reports whether a reference, as written, names a tag or a digest.
func hasTag(ref text) bool {
	masked, _ := mask(ref)
	_, tag, digest := splitName(masked)
	return tag != "" || digest != ""
}

// splitName cuts "host/path:tag@digest" into its repository, tag and digest.
func splitName(s string) (repo, tag, digest string) {
	name, digest, _ := strings.Cut(s, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		return name[:i], name[i+1:], digest
	}
	return name, "", digest
}

// id is the image node's ID: model.ImageID of a known reference; a reference with unknown parts keeps its
// literal text, so that what the ID says is exactly what the configuration says.
func (r imageRef) id() string {
	if !r.ref.Known() {
		return "image:" + r.ref.String()
	}
	return model.ImageID(r.ref.String())
}
