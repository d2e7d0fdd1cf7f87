package tfplan

import (
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/model"
)

// A state has no configuration, so its references are found by value: an argument whose value equals another
// instance's arn, id or name refers to it. To keep false matches out, only arguments that the catalogue lists
// as references are matched against all three; any other argument matches only an ARN (a string that starts
// with "arn:"), or an id when its name says it holds one (subnet_id, kms_key_arn, target_group_arns).

// identAttrs are the attributes whose values identify an instance, strongest first.
var identAttrs = []string{"arn", "id", "name"}

// valueHit is an instance one of whose identAttrs holds a value.
type valueHit struct {
	in *instance
	by string // "arn", "id" or "name"
}

// valueIndex maps each identifying value to the instances that hold it.
type valueIndex map[string][]valueHit

func newValueIndex(insts []*instance) valueIndex {
	vi := valueIndex{}
	for _, in := range insts {
		for _, k := range identAttrs {
			if s, ok := in.attrs[k].(string); ok && s != "" && s != masked {
				vi[s] = append(vi[s], valueHit{in: in, by: k})
			}
		}
	}
	return vi
}

// skipByValue are attributes never matched by value: the instance's own identity and its tags.
var skipByValue = map[string]bool{"id": true, "arn": true, "name": true, "tags": true, "tags_all": true,
	"tf_address": true, "tf_module": true, "tf_mode": true, "tf_actions": true}

// valueEdges makes the edges an instance's values give, except for the argument paths already resolved.
func (r *fileRun) valueEdges(in *instance, vi valueIndex, resolved map[string]bool) {
	refAttrs := map[string]bool{}
	if rt, ok := awscatalog.Lookup(in.a.typ, in.a.data); ok {
		for _, ref := range rt.Refs {
			refAttrs[ref.Attr] = true
		}
	}
	document := func(norm string, v any) bool {
		if _, obj := v.(map[string]any); obj && strings.Contains(lastSegment(norm), "policy") {
			return true
		}
		return awscatalog.IsJSONAttr(in.a.typ, in.a.data, norm)
	}
	for _, k := range sortedKeys(in.attrs) {
		if skipByValue[k] {
			continue
		}
		walkStrings(in.attrs[k], k, k, document, func(path, norm, s string) {
			if resolved[norm] {
				return
			}
			for _, h := range matchValue(vi, in, norm, s, refAttrs[norm]) {
				r.edge(in, h.in, path, h.by)
			}
		})
	}
}

// matchValue returns the instances a string value of the argument at norm refers to.
func matchValue(vi valueIndex, in *instance, norm, s string, catalogued bool) []valueHit {
	isARN := strings.HasPrefix(s, "arn:")
	if !catalogued && !isARN && !idLike(lastSegment(norm)) {
		return nil
	}
	best := map[*instance]valueHit{}
	for _, h := range vi[s] {
		if h.in == in || (!catalogued && h.by == "name") {
			continue
		}
		if prev, ok := best[h.in]; !ok || rank(h.by) < rank(prev.by) {
			best[h.in] = h
		}
	}
	hits := make([]valueHit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].in.addr < hits[j].in.addr })
	if arns := filterHits(hits, func(h valueHit) bool { return h.by == "arn" }); len(arns) > 0 {
		return arns
	}
	if typed := filterHits(hits, func(h valueHit) bool { return typeMatches(norm, h.in.a.typ) }); len(typed) > 0 {
		return typed
	}
	return hits
}

func rank(by string) int {
	for i, k := range identAttrs {
		if k == by {
			return i
		}
	}
	return len(identAttrs)
}

func filterHits(hs []valueHit, keep func(valueHit) bool) []valueHit {
	var out []valueHit
	for _, h := range hs {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}

// idLike reports whether an argument's name says it holds ids or ARNs of other resources.
func idLike(name string) bool {
	for _, suf := range []string{"_id", "_ids", "_arn", "_arns"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// typeMatches reports whether the last word of a Terraform type is a word of the argument's name: "role"
// names an aws_iam_role, not the aws_iam_instance_profile that shares its name; "bucket" names an
// aws_s3_bucket, not the aws_s3_bucket_policy whose id is the bucket's name.
func typeMatches(norm, typ string) bool {
	word := lastWord(typ)
	for _, w := range strings.Split(lastSegment(norm), "_") {
		if w == word {
			return true
		}
	}
	return false
}

func lastWord(typ string) string {
	if i := strings.LastIndexByte(typ, '_'); i >= 0 {
		return typ[i+1:]
	}
	return typ
}

// walkStrings calls fn for every string leaf of a converted value with its path and catalogue path. Unknown
// values are skipped, and so is everything under a path prune reports (JSON documents: an ARN in an IAM
// policy is a permission for the IAM analysis, not a reference).
func walkStrings(v any, path, norm string, prune func(string, any) bool, fn func(path, norm, s string)) {
	if prune(norm, v) {
		return
	}
	switch x := v.(type) {
	case string:
		if x != "" && x != masked {
			fn(path, norm, x)
		}
	case []any:
		for i, e := range x {
			walkStrings(e, path+"["+strconv.Itoa(i)+"]", norm, prune, fn)
		}
	case map[string]any:
		if _, unknown := model.IsUnknown(x); unknown {
			return
		}
		for _, k := range sortedKeys(x) {
			walkStrings(x[k], path+keyStep(k), norm+"."+k, prune, fn)
		}
	}
}
