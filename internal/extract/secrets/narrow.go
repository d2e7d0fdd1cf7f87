package secrets

import (
	"regexp"

	"github.com/zricethezav/gitleaks/v8/config"
)

// Narrow windows for the rules whose keywords are everywhere: gitleaks' generic-api-key ("key", "token",
// "api", "auth", "access" …), vault-service-token ("s."), lob-pub-api-key ("_pub") and, among the
// whole-file rules, kubernetes-secret-yaml ("secret", narrowkube.go). Each is derived from the rule's
// regexp, which is checked to be the one the derivation read (narrowerOf); another regexp (a newer
// gitleaks) gets the ordinary windows, or the whole file.
//
// Why a narrow window finds exactly what gitleaks finds over the whole file. gitleaks runs the rule with
// FindAllStringIndex: each match is the leftmost match at or after the end of the previous one. Say that
// every match the regexp could make at any offset contains a candidate, an occurrence of a keyword that
// passes a necessary test below, and lies within that candidate's region, a run of whole lines. Merge the
// regions that share a line into clusters. Then no match crosses from one cluster to another, and nothing
// between clusters can start one, so gitleaks' chain of matches, once past a cluster, meets the next one
// from its first line; and inside a cluster the same bytes give the same matches at every offset, provided
// the regexp does not look outside them. None of these rules looks before a match but for a \b (at a line
// start it sees a newline or the start of the text: the same), and generic, vault and lob may end at $,
// the end of the text: a window ends after a newline, where no match of theirs can end ($ would follow a
// value's last byte, never a newline).
// So scanning each cluster alone gives the same matches, and gitleaks then treats each match the same way:
// its line (for the "gitleaks:allow" mark and the line allowlists) is the same whole lines. One quirk is
// kept: gitleaks takes a match on a last line without a newline to lie on a line from the start of the
// text, so a region holding such a line starts at the first line.
//
// The derivations count bytes as characters: they hold for text whose matches are ASCII, which is every
// file but one holding a rune the regexps' case folding matches to an ASCII letter (keywordScan.folds);
// such a file is scanned whole.

// genericID is the generic rule's ID.
const genericID = "generic-api-key"

// The regexps of gitleaks v8.30.1 the narrow windows were derived from; generic-api-key's is split where
// its keyword group ends.
const (
	genericHead   = `(?i)[\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)`
	genericSuffix = `(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})(?:[\x60'"\s;]|\\[nr]|$)`
	lobPubRegexp  = `(?i)[\w.-]{0,50}?(?:lob)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}((test|live)_pub_[a-f0-9]{31})(?:[\x60'"\s;]|\\[nr]|$)`
	vaultRegexp   = `\b((?:hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24})))(?:[\x60'"\s;]|\\[nr]|$)`
)

// The generic rule's prefix before the keyword, [\w.-]{0,50}?, holds no newline, so a match starts on its
// keyword's line; the value and what ends it hold none either, so a match ends on the line where its value
// starts. A generic region is the lines from the keyword's to the last where a value may start
// (genericValueStart).

// genericAfter is what must follow a generic keyword, anchored: the regexp after the keyword group.
var genericAfter = regexp.MustCompile(`^(?i)` + genericSuffix)

// narrower returns the regions of one rule in one file from the occurrences of its keywords; whole where
// the file must be scanned whole.
type narrower func(f *fileText, sc *keywordScan, occ []occurrence) (spans []span, whole bool)

// occurrence is where a keyword occurs: its first byte and the byte after it.
type occurrence struct{ pos, end int }

// narrowerOf returns the narrow windows of a rule, or nil where the rule is not the one they were derived
// from.
func narrowerOf(r config.Rule) narrower {
	if r.Regex == nil {
		return nil
	}
	switch re := r.Regex.String(); {
	case r.RuleID == genericID && re == genericHead+genericSuffix:
		return genericWindows
	case r.RuleID == "vault-service-token" && re == vaultRegexp:
		return vaultWindows
	case r.RuleID == kubeSecretID && re == kubeSecretRegexp:
		return kubeSecretWindows
	case r.RuleID == "lob-pub-api-key" && re == lobPubRegexp:
		return lobPubWindows
	}
	return nil
}

// genericWindows returns the generic rule's regions. A candidate is a keyword occurrence after which a
// value may start (genericValueStart) and genericAfter matches.
func genericWindows(f *fileText, _ *keywordScan, occ []occurrence) ([]span, bool) {
	var spans []span
	for _, o := range occ {
		v := genericValueStart(f.text, o.end)
		if v < 0 {
			continue
		}
		hi := f.lineOf(v)
		if !genericAfter.MatchString(f.text[o.end:f.lineEnd(hi)]) {
			continue
		}
		spans = append(spans, span{lo: f.lineOf(o.pos), hi: hi})
	}
	return spans, false
}

// genericValueStart returns the last offset where the generic rule's value may start after a keyword
// ending at end, -1 where it can start nowhere. It follows the parts of the regexp between the keyword
// and the value exactly, as sets of offsets from end (at most 20+3+4+5 = 32): [ \t\w.-]{0,20},
// [\s'"]{0,3}, the operator (= > :{1,3}= || : => ?= ,) and [\x60'"\s=]{0,5}; the value then starts with
// one of [\w.=-] (which holds [a-z0-9], the other value's first byte).
func genericValueStart(t string, end int) int {
	at := func(off int) byte {
		if end+off < len(t) {
			return t[end+off]
		}
		return 0
	}
	var a, b, op, d uint64
	a = runSet(20, func(off int) bool { return isGenericName(at(off)) })
	b = grow(a, 3, func(off int) bool { c := at(off); return isSpace(c) || c == '\'' || c == '"' })
	for off := 0; off < 64; off++ {
		if b&(1<<off) == 0 {
			continue
		}
		switch c := at(off); c {
		case '=', '>', ',':
			op |= 1 << (off + 1)
			if c == '=' && at(off+1) == '>' {
				op |= 1 << (off + 2)
			}
		case ':':
			op |= 1 << (off + 1)
			for n := 1; n <= 3 && at(off+n-1) == ':'; n++ {
				if at(off+n) == '=' {
					op |= 1 << (off + n + 1)
				}
			}
		case '|', '?':
			if next := at(off + 1); c == '|' && next == '|' || c == '?' && next == '=' {
				op |= 1 << (off + 2)
			}
		}
	}
	d = grow(op, 5, func(off int) bool { c := at(off); return isSpace(c) || c == '`' || c == '\'' || c == '"' || c == '=' })
	for off := 63; off >= 0; off-- {
		if c := at(off); d&(1<<off) != 0 && (isWordByte(c) || c == '.' || c == '=' || c == '-') {
			return end + off
		}
	}
	return -1
}

// runSet returns the offsets reachable from offset 0 by up to n bytes that in accepts.
func runSet(n int, in func(off int) bool) uint64 {
	set := uint64(1)
	for off := 0; off < n && in(off); off++ {
		set |= 1 << (off + 1)
	}
	return set
}

// grow returns the offsets reachable from the set by up to n more bytes that in accepts.
func grow(set uint64, n int, in func(off int) bool) uint64 {
	out := set
	for off := 0; off < 60; off++ {
		if set&(1<<off) == 0 {
			continue
		}
		for k := 0; k < n && in(off+k); k++ {
			out |= 1 << (off + k + 1)
		}
	}
	return out
}

// isGenericName is [ \t\w.-], what may stand between the generic keyword and the operator.
func isGenericName(c byte) bool {
	return c == ' ' || c == '\t' || c == '.' || c == '-' || isWordByte(c)
}

// isSpace is \s in Go's regexps.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// lobPubWindows returns the regions of lob-pub-api-key, whose keywords ("_pub", "test_pub", "live_pub")
// lie in its value, (test|live)_pub_[a-f0-9]{31}: a candidate is a "_pub" followed by "_" and 31 hex
// digits. The value ends its match, and the match starts on the line of "lob", which the parts between
// it and the value (as in the generic rule) put at most 8 lines before (newlines only in [\s'"]{0,3} and
// [\x60'"\s=]{0,5}), so a region is the candidate's line and the 8 before it.
func lobPubWindows(f *fileText, _ *keywordScan, occ []occurrence) ([]span, bool) {
	var spans []span
	for _, o := range occ {
		t := f.text
		if o.end-o.pos != len("_pub") || o.end >= len(t) || t[o.end] != '_' || runOf(t, o.end+1, isHex) < 31 {
			continue
		}
		l := f.lineOf(o.pos)
		spans = append(spans, span{lo: max(l-8, 0), hi: l})
	}
	return spans, false
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// vaultWindows returns the lines holding a vault-service-token candidate: an "s." (the rule's keywords are
// "hvs." and "s.", and "hvs." holds "s.") that, at a word boundary, starts 24 letters and digits followed
// by what may end the match, or ends "hvs" followed by at least 90 of [\w-]. A match holds no newline but
// the one that may end it, so its region is its line.
func vaultWindows(f *fileText, _ *keywordScan, occ []occurrence) ([]span, bool) {
	var spans []span
	for _, o := range occ {
		if vaultCandidate(f.text, o.pos) {
			l := f.lineOf(o.pos)
			spans = append(spans, span{lo: l, hi: l})
		}
	}
	return spans, false
}

// vaultCandidate tests the "s." at p (see vaultWindows). The regexp wants them lowercase.
func vaultCandidate(t string, p int) bool {
	if p+2 > len(t) || t[p] != 's' || t[p+1] != '.' {
		return false
	}
	boundary := func(i int) bool { return i == 0 || !isWordByte(t[i-1]) }
	if p >= 2 && t[p-2:p] == "hv" && boundary(p-2) && runOf(t, p+2, isVaultHVS) >= 90 {
		return true
	}
	if !boundary(p) || runOf(t, p+2, isAlnum) < 24 {
		return false
	}
	e := p + 26
	if e == len(t) {
		return true
	}
	switch t[e] {
	case '`', '\'', '"', ' ', '\t', '\n', '\f', '\r', ';':
		return true
	case '\\':
		return e+1 < len(t) && (t[e+1] == 'n' || t[e+1] == 'r')
	}
	return false
}

// runOf returns how many bytes from i on are in a class.
func runOf(t string, i int, in func(byte) bool) int {
	n := 0
	for i+n < len(t) && in(t[i+n]) {
		n++
	}
	return n
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordByte is \w (and what \b looks at) in Go's regexps.
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

func isVaultHVS(c byte) bool { return isWordByte(c) || c == '-' }
