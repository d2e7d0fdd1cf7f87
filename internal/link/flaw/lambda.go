package flaw

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Methods of the Lambda edges.
const (
	MethodLambdaArchive     = "lambda-archive"      // an archive_file data source zips the flaw's directory or file
	MethodLambdaPackagePath = "lambda-package-path" // the package functions/resize.zip sits beside functions/resize/
	MethodLambdaPackageName = "lambda-package-name" // the package (or S3 key) is named like the flaw's directory
)

// codeSource is where a Lambda function's code comes from in the repository.
type codeSource struct {
	dir, file   string // a directory (source_dir, a package's directory) or one file (source_file)
	excludes    []string
	method      string
	confidence  link.Confidence
	evidence    []model.Evidence
	reason      string
	assumptions []string
}

// linkLambdas makes the edges from Lambda functions deployed from a zip package to the flaws in its code.
func (w *work) linkLambdas() {
	for _, fn := range w.g.NodesOfKind(model.KindWorkload) {
		if fn.Type != "aws_lambda_function" {
			continue
		}
		root, _, ok := link.TerraformAddress(fn)
		if !ok {
			continue
		}
		for _, src := range w.lambdaCode(fn, root) {
			for _, f := range w.findingsUnder(src.dir) {
				if !f.present || (src.file != "" && f.file != src.file) || excluded(src.excludes, strings.TrimPrefix(f.file, src.dir+"/")) {
					continue
				}
				w.propose(fn.ID, f, link.Link{Method: src.method, Confidence: src.confidence,
					Reason:      src.reason + "; " + f.file + " is in it",
					Evidence:    append([]model.Evidence{f.evidence()}, src.evidence...),
					Assumptions: src.assumptions, Attrs: map[string]any{"code": src.dir}})
			}
		}
	}
}

// lambdaCode finds the code a function deploys: the archive_file data sources it references (filename,
// source_code_hash, or an aws_s3_object's source), else the package its filename or S3 object names,
// matched to a directory by convention.
func (w *work) lambdaCode(fn *model.Node, root string) []codeSource {
	var out []codeSource
	for _, e := range w.g.Out(fn.ID) {
		if a, ok := w.g.Node(e.To); ok && a.Type == "data.archive_file" && e.Kind == model.EdgeReferences {
			if src, ok := w.archiveSource(fn, a, root, link.EvidenceOfEdge(e, fn.ID+" "+str(e.Attrs["attribute"])+" reads "+a.ID)); ok {
				out = append(out, src)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	if p, ok := fn.Attrs["filename"].(string); ok && p != "" {
		return w.packageSource(fn, root, p, link.Evidence(fn, fn.ID+" filename "+p))
	}
	if key, ok := fn.Attrs["s3_key"].(string); ok && key != "" {
		return w.nameSource(fn, key, link.Evidence(fn, fn.ID+" s3_key "+key))
	}
	if expr, ok := model.IsUnknown(fn.Attrs["s3_key"]); ok { // s3_key = aws_s3_object.x.key: the object's source
		for _, r := range w.in.Index.ResolveRefs(fn, expr) {
			if r.Node.Type != "aws_s3_object" && r.Node.Type != "aws_s3_bucket_object" {
				continue
			}
			ev := link.Evidence(fn, fn.ID+" s3_key reads "+r.Node.ID)
			for _, e := range w.g.Out(r.Node.ID) {
				if a, ok := w.g.Node(e.To); ok && a.Type == "data.archive_file" {
					if src, ok := w.archiveSource(fn, a, root, ev, link.EvidenceOfEdge(e, r.Node.ID+" source reads "+a.ID)); ok {
						out = append(out, src)
					}
				}
			}
			if src, ok := r.Node.Attrs["source"].(string); ok && len(out) == 0 {
				out = w.packageSource(fn, root, src, ev, link.Evidence(r.Node, r.Node.ID+" source "+src))
			}
		}
	}
	return out
}

// archiveSource reads an archive_file's source_dir or source_file, relative to the root module's directory
// as Terraform resolves relative paths (path.module is resolved by the extractor).
func (w *work) archiveSource(fn, a *model.Node, root string, ev ...model.Evidence) (codeSource, bool) {
	src := codeSource{method: MethodLambdaArchive, confidence: link.High, excludes: link.Strings(a.Attrs["excludes"])}
	if d, ok := a.Attrs["source_dir"].(string); ok && d != "" {
		src.dir = path.Join(root, d)
		src.reason = fmt.Sprintf("%s deploys the zip %s makes of %s (source_dir)", fn.ID, a.ID, src.dir)
	} else if f, ok := a.Attrs["source_file"].(string); ok && f != "" {
		src.file = path.Join(root, f)
		src.dir = path.Dir(src.file)
		src.reason = fmt.Sprintf("%s deploys the zip %s makes of %s (source_file)", fn.ID, a.ID, src.file)
	} else {
		return src, false // unknown or inline sources: nothing of the repository to match
	}
	if strings.HasPrefix(src.dir, "../") || src.dir == ".." {
		return src, false // outside the scanned files
	}
	src.evidence = append(append(src.evidence, ev...), link.Evidence(a, a.ID+" zips "+src.dir))
	return src, true
}

// packageSource matches a package file the repository names (filename, an S3 object's source): an archive_file
// that writes it, else the directory beside it of its name (functions/resize.zip → functions/resize/), else a
// directory of its name anywhere.
func (w *work) packageSource(fn *model.Node, root, p string, ev ...model.Evidence) []codeSource {
	p = path.Join(root, p)
	for _, a := range w.archives {
		if ar, _, _ := link.TerraformAddress(a); ar == root && path.Join(root, str(a.Attrs["output_path"])) == p {
			if s, ok := w.archiveSource(fn, a, root, ev...); ok {
				return []codeSource{s}
			}
		}
	}
	stem := packageStem(p)
	dir := path.Join(path.Dir(p), stem)
	if stem != "" && len(w.findingsUnder(dir)) > 0 {
		return []codeSource{{dir: dir, method: MethodLambdaPackagePath, confidence: link.Medium, evidence: ev,
			reason:      fmt.Sprintf("%s deploys the package %s, which sits beside the directory %s", fn.ID, p, dir),
			assumptions: []string{"the package " + p + " is built from the directory beside it, " + dir}}}
	}
	return w.nameSource(fn, p, ev...)
}

// nameSource matches a package by its name alone: the one directory holding flaws whose name is the package's
// stem. Directories of that name in several places are ambiguous, a refused link.
func (w *work) nameSource(fn *model.Node, pkg string, ev ...model.Evidence) []codeSource {
	stem := packageStem(pkg)
	if stem == "" {
		return nil
	}
	names := w.dirsNamed()[normName(stem)]
	switch {
	case len(names) == 1:
		return []codeSource{{dir: names[0], method: MethodLambdaPackageName, confidence: link.Low, evidence: ev,
			reason:      fmt.Sprintf("%s deploys the package %s, named like the directory %s", fn.ID, pkg, names[0]),
			assumptions: []string{"the package " + pkg + " is built from " + names[0] + ", the only directory of its name"}}}
	case len(names) > 1:
		w.refuse(fn.ID, "", link.Link{Method: MethodLambdaPackageName, Evidence: ev, Reason: fmt.Sprintf(
			"ambiguous: the package %s is named like %d directories (%s); Seam links none", pkg, len(names), strings.Join(names, ", "))})
	}
	return nil
}

// dirsNamed indexes, once, the directories holding flaws by their normalised name: the nearest ancestor
// of each flaw's file of each name, sorted.
func (w *work) dirsNamed() map[string][]string {
	if w.named != nil {
		return w.named
	}
	w.named = map[string][]string{}
	seen := map[string]bool{}
	for _, f := range w.findings {
		nearest := map[string]bool{}
		for d := path.Dir(f.file); d != "." && d != "/"; d = path.Dir(d) {
			name := normName(path.Base(d))
			if nearest[name] {
				continue
			}
			nearest[name] = true
			if !seen[d] {
				seen[d] = true
				w.named[name] = append(w.named[name], d)
			}
		}
	}
	for _, ds := range w.named {
		sort.Strings(ds)
	}
	return w.named
}

// packageStem is a package's file name without its archive extension: "resize" of lambdas/resize.zip.
func packageStem(p string) string {
	base := path.Base(p)
	for _, ext := range []string{".tar.gz", ".zip", ".jar", ".tgz"} {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			return base[:len(base)-len(ext)]
		}
	}
	return ""
}
