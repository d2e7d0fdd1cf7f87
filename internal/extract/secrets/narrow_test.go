package secrets

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGenericValueStart checks where the generic rule's value may start after a keyword: the last offset
// the parts between keyword and value can reach, -1 for none.
func TestGenericValueStart(t *testing.T) {
	cases := []struct {
		name, text string // the text after the keyword
		want       int
	}{
		{"assignment", ` = "abc"`, 4},                     // the D part may take the quote too
		{"colon", `: abcdefghij`, 2},                      // ':' then ' ' (D), then the value
		{"name before the operator", `_ID_FOR_X = v`, 12}, // [ \t\w.-]{0,20} takes "_ID_FOR_X "
		{"name too long", `_abcdefghijklmnopqrstuvwxyz = v`, -1},
		{"no operator", ` is rotated daily`, -1},
		{"operator ::: =", `:::= v`, 5},
		{"arrow", ` => 'v'`, 5},
		{"or-assign", ` ||= v`, 5},
		{"value lines below", "\n=\n\n\n  v", 7}, // B takes the newline, D five of the next bytes
		{"value too far below", "\n=\n\n\n\n\n\nv", -1},
		{"comma", `, value`, 2},
		{"nothing after", ``, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := genericValueStart("key"+c.text, 3)
			if c.want >= 0 {
				c.want += 3
			}
			if got != c.want {
				t.Errorf("genericValueStart(%q) = %d, want %d", c.text, got, c.want)
			}
		})
	}
}

// TestVaultCandidate checks the vault-service-token test of an "s." keyword.
func TestVaultCandidate(t *testing.T) {
	token := "Xk29fLmQ83hPz0aWv7TnR4ab" // 24 letters and digits
	hvs := "hvs." + token + token + token + token[:20]
	cases := []struct {
		name, text string
		pos        int
		want       bool
	}{
		{"at the start", "s." + token, 0, true},
		{"after a space, then a quote", ` s.` + token + `"`, 1, true},
		{"after a word byte", "xs." + token, 1, false},
		{"too short", "s." + token[:23], 0, false},
		{"followed by a word byte", "s." + token + "Z", 0, false},
		{"followed by an escaped newline", "s." + token + `\n`, 0, true},
		{"uppercase", "S." + token, 0, false},
		{"hvs", hvs, 2, true},
		{"hvs too short", hvs[:80], 2, false},
	}
	for _, c := range cases {
		if got := vaultCandidate(c.text, c.pos); got != c.want {
			t.Errorf("%s: vaultCandidate(%q, %d) = %v, want %v", c.name, c.text, c.pos, got, c.want)
		}
	}
}

// TestKubeAnchor checks the anchor of kubernetes-secret-yaml found from a "secret" keyword.
func TestKubeAnchor(t *testing.T) {
	type anchor struct {
		Start, End int
		OK         bool
	}
	cases := []struct {
		name, lower string
		pos         int
		want        anchor
	}{
		{"plain", "kind: secret\n", 6, anchor{0, 12, true}},
		{"quoted", `kind:  "secret"`, 8, anchor{0, 15, true}},
		{"no space", "kind:secret", 5, anchor{0, 11, true}},
		{"other kind", "kind: secretstore", 6, anchor{}},
		{"after a word", "xkind: secret", 7, anchor{}},
		{"not a kind", "name: secret", 6, anchor{}},
	}
	for _, c := range cases {
		s, e, ok := kubeAnchor([]byte(c.lower), c.pos)
		if diff := cmp.Diff(c.want, anchor{s, e, ok}); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", c.name, diff)
		}
	}
}

// TestMergeSpans checks how regions become windows: sorted, merged when they share or touch a line, and
// started at the first line when they hold a last line without a newline.
func TestMergeSpans(t *testing.T) {
	cases := []struct {
		name, text string
		spans      []span
		want       []span
	}{
		{"apart", "a\nb\nc\nd\ne\n", []span{{3, 3}, {0, 0}}, []span{{0, 0}, {3, 3}}},
		{"touching", "a\nb\nc\nd\ne\n", []span{{0, 1}, {2, 2}}, []span{{0, 2}}},
		{"sharing", "a\nb\nc\nd\ne\n", []span{{0, 2}, {1, 3}}, []span{{0, 3}}},
		{"open last line", "a\nb\nc\nd\ne", []span{{4, 4}}, []span{{0, 4}}},
		{"closed last line", "a\nb\nc\nd\ne\n", []span{{4, 4}}, []span{{4, 4}}},
	}
	for _, c := range cases {
		got := newFileText("x", c.text).mergeSpans(c.spans)
		if diff := cmp.Diff(c.want, got, cmp.AllowUnexported(span{})); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", c.name, diff)
		}
	}
}
