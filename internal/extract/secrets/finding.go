package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zricethezav/gitleaks/v8/report"
)

// finding is what Seam keeps of one gitleaks finding. It has no field for the secret value, the match or the
// line: those are read while the finding is converted and dropped with the gitleaks value.
type finding struct {
	rule, description string
	tags              []string
	line, endLine     int // 1-based, of the secret itself
	column            int // 1-based byte column of the secret's first byte
	entropy           float64
	masked            string
	fingerprint       string
	valueHash         string // only for identifiers that are not secret by themselves (AWS access key IDs)
	key               string
	kind              string
	tfBlock           string   // the Terraform block the secret is written in: "aws_db_instance.orders"
	hosts             []string // database hosts written near a password (same file or YAML document)
	kubeServers       []string // API servers of the kubeconfig the secret is in
	kubeClusters      []string // cluster names of the kubeconfig the secret is in
}

// fileText is one file's content with its line starts, shared by the findings of the file.
type fileText struct {
	path   string
	text   string
	starts []int // byte offset of each line's first byte
}

func newFileText(path, text string) *fileText {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &fileText{path: path, text: text, starts: starts}
}

// lineOf returns the 0-based line index holding byte offset off.
func (f *fileText) lineOf(off int) int {
	return sort.Search(len(f.starts), func(i int) bool { return f.starts[i] > off }) - 1
}

// lineText returns the text of a 0-based line, without its newline.
func (f *fileText) lineText(i int) string {
	if i < 0 || i >= len(f.starts) {
		return ""
	}
	end := len(f.text)
	if i+1 < len(f.starts) {
		end = f.starts[i+1] - 1
	}
	return strings.TrimSuffix(f.text[f.starts[i]:end], "\r")
}

// lineEnd returns the byte offset just past 0-based line i and its newline.
func (f *fileText) lineEnd(i int) int {
	if i+1 < len(f.starts) {
		return f.starts[i+1]
	}
	return len(f.text)
}

// matchOffset turns gitleaks' location of a match in a fragment starting at 0-based line first back into a
// byte offset. gitleaks counts StartLine from 0 (plus the fragment's StartLine) and, past the fragment's
// first line, measures StartColumn from the preceding newline (one more than the column).
func (f *fileText) matchOffset(startLine, startColumn, first int) int {
	if startLine < 0 || startLine >= len(f.starts) {
		return -1
	}
	off := f.starts[startLine] + startColumn - 1
	if startLine > first {
		off--
	}
	if off < 0 || off > len(f.text) {
		return -1
	}
	return off
}

// secretOffset finds the secret's own byte offset: inside the match when the match is the file's text at
// the match offset, else the match offset (a value gitleaks decoded from base64 is not in the text).
func (f *fileText) secretOffset(gf *report.Finding, first int) int {
	off := f.matchOffset(gf.StartLine, gf.StartColumn, first)
	if off < 0 {
		return -1
	}
	i := strings.Index(gf.Match, gf.Secret)
	if i < 0 {
		i = strings.Index(gf.Match, gf.Secret[min(1, len(gf.Secret)):]) // the secret lost a leading quote
	}
	switch {
	case i < 0:
		return off
	case strings.HasPrefix(f.text[off:], gf.Match):
		return off + i
	}
	// A decoded value: the text holds it encoded, after the same name as the match shows ("DB_PASSWORD: ").
	lead := gf.Match[:i]
	lead = lead[strings.LastIndexByte(lead, '\n')+1:]
	if strings.TrimSpace(lead) != "" {
		if j := strings.Index(f.text[off:], lead); j >= 0 {
			return off + j + len(lead)
		}
	}
	// Or the value itself starts with its name ("DB_PASSWORD: …", the Kubernetes Secret rule's capture).
	if k := strings.IndexAny(gf.Secret, ":="); k > 0 {
		if j := strings.Index(f.text[off:], gf.Secret[:k+1]); j >= 0 {
			return off + j
		}
	}
	return off
}

// convert turns a gitleaks finding into a finding, computing everything that needs the value.
func convert(f *fileText, gf *report.Finding, w window) finding {
	trimQuotes(gf)
	out := finding{rule: gf.RuleID, description: gf.Description, tags: uniqueStrings(gf.Tags),
		entropy: math.Round(float64(gf.Entropy)*100) / 100,
		masked:  Mask(gf.Secret), fingerprint: Fingerprint(f.path, gf.RuleID, gf.Secret)}
	off := f.secretOffset(gf, w.line)
	if off < 0 {
		out.line, out.endLine, out.column = gf.StartLine+1, gf.EndLine+1, 1
	} else {
		li := f.lineOf(off)
		out.line, out.column = li+1, off-f.starts[li]+1
		out.endLine = f.lineOf(off+max(len(gf.Secret)-1, 0)) + 1
		if out.endLine < out.line {
			out.endLine = out.line
		}
		out.key = keyBefore(f, li, off)
	}
	out.tfBlock = terraformBlock(f, out.line-1)
	out.kind = kindOf(out.rule, out.key, out.tfBlock, isKubeconfig(f))
	if out.kind == KindAWSAccessKeyID {
		out.valueHash = ValueHash(gf.Secret)
	}
	return out
}

// trimQuotes drops the quotes some rules capture around a value ("…" in hashicorp-tf-password), so that
// the mask and the fingerprint are the value's own.
func trimQuotes(gf *report.Finding) {
	s := gf.Secret
	if len(s) >= 2 && strings.ContainsAny(s[:1], "\"'`") && s[len(s)-1] == s[0] {
		gf.Secret = s[1 : len(s)-1]
	}
}

// Mask renders a secret value for people: its first four characters, "…" and its length in characters
// ("AKIA…(20)"); a value shorter than 12 characters shows none of them ("…(8)").
func Mask(secret string) string {
	n := utf8.RuneCountInString(secret)
	if n < 12 {
		return "…(" + strconv.Itoa(n) + ")"
	}
	head, count := secret, 0
	for i := range secret {
		if count == 4 {
			head = secret[:i]
			break
		}
		count++
	}
	return head + "…(" + strconv.Itoa(n) + ")"
}

// Fingerprint identifies one secret in one file across edits that move lines: "sha256:" and the first 16
// hex digits of SHA-256 over the file path, the rule ID and the value, separated by NUL bytes. It is what a
// baseline entry names.
func Fingerprint(file, rule, secret string) string {
	return "sha256:" + hash16(file+"\x00"+rule+"\x00"+secret)
}

// ValueHash is the hash the link stage compares an AWS access key ID by ("sha256:" and 16 hex digits of
// SHA-256 over the key ID alone), so that the same key in two files and in a Terraform state meet without
// the key ID being stored.
func ValueHash(value string) string { return "sha256:" + hash16(value) }

func hash16(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
