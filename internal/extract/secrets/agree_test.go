package secrets

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
)

// The narrow windows (narrow.go, narrowkube.go, decoding.go) must find exactly what gitleaks finds when it
// scans each file whole, and each Kubernetes Secret document whole with one level of decoding. These tests
// compare the two over the planted fixtures and over a generated corpus that puts keys where the windows'
// arguments are tight: at line starts and ends, after long names, with the value lines below the name,
// several on a line, CRLF line endings, files without a final newline, non-ASCII text.

// reference is gitleaks' own way: the whole file with every rule, then every Secret document with
// decoding, keeping what decoding found; the generic-over-specific filter over all of it, as Seam does.
type reference struct {
	ds              *detectors
	plain, decoding *detect.Detector
}

func newReference(t testing.TB) *reference {
	t.Helper()
	ds, err := sharedDetector()
	if err != nil {
		t.Fatal(err)
	}
	decoding := detect.NewDetector(ds.cfg)
	decoding.MaxDecodeDepth = 1
	return &reference{ds: ds, plain: detect.NewDetector(ds.cfg), decoding: decoding}
}

// findings returns gitleaks' findings in a file, as described by describe.
func (r *reference) findings(p, text string) []string {
	f := newFileText(p, text)
	var gfs []report.Finding
	var wins []window
	for _, gf := range r.plain.Detect(detect.Fragment{Raw: text, FilePath: p}) {
		gfs, wins = append(gfs, gf), append(wins, f.wholeWindow())
	}
	sc := r.ds.scanKeywords(f)
	docs := secretDocs(f, sc)
	sc.release()
	for _, doc := range docs {
		for _, gf := range r.decoding.Detect(detect.Fragment{Raw: text[doc.start:doc.end], FilePath: p, StartLine: doc.line}) {
			if decoded(gf.Tags) {
				gfs, wins = append(gfs, gf), append(wins, doc)
			}
		}
	}
	gfs, wins = filterGeneric(gfs, wins)
	return describe(f, gfs, wins)
}

// seam returns Seam's findings in a file, described the same way.
func (r *reference) seam(p, text string) []string {
	f := newFileText(p, text)
	gfs, wins := r.ds.detectFile(f)
	return describe(f, gfs, wins)
}

// describe renders findings with everything Seam keeps of them (and the match, as a fingerprint), sorted.
func describe(f *fileText, gfs []report.Finding, wins []window) []string {
	out := make([]string, 0, len(gfs))
	for i := range gfs {
		match := Fingerprint(f.path, gfs[i].RuleID, gfs[i].Match)
		fd := convert(f, &gfs[i], wins[i])
		out = append(out, fmt.Sprintf("%s %d:%d-%d %s match=%s key=%s kind=%s tags=%v entropy=%v", fd.rule,
			fd.line, fd.column, fd.endLine, fd.fingerprint, match, fd.key, fd.kind, fd.tags, fd.entropy))
	}
	sort.Strings(out)
	return out
}

// agree fails the test where Seam and gitleaks differ on a file.
func (r *reference) agree(t *testing.T, p, text string) {
	t.Helper()
	if diff := cmp.Diff(r.findings(p, text), r.seam(p, text)); diff != "" {
		t.Errorf("%s: findings differ from gitleaks' (-gitleaks +seam):\n%s\n%s", p, diff, text)
	}
}

// TestNarrowAgreesWithGitleaks compares over the fixtures and the generated corpus.
func TestNarrowAgreesWithGitleaks(t *testing.T) {
	ref := newReference(t)
	for _, p := range wanted(t, dirFS(t, "testdata/planted")) {
		data, err := os.ReadFile("testdata/planted/" + p)
		if err != nil {
			t.Fatal(err)
		}
		ref.agree(t, p, string(data))
	}
	corpus := agreementCorpus(1, 400)
	names := make([]string, 0, len(corpus))
	for p := range corpus {
		names = append(names, p)
	}
	sort.Strings(names)
	found := 0
	for _, p := range names {
		ref.agree(t, p, corpus[p])
		found += len(ref.findings(p, corpus[p]))
	}
	if found < 400 { // the corpus must exercise the rules, not only the absence of findings
		t.Errorf("the corpus gives %d findings; want many", found)
	}
}

// pad makes a file long enough that its windows are not the whole file; value is a planted value.
var (
	pad   = strings.Repeat("  region = \"eu-west-1\"\n", 30)
	value = "Xk29fLmQ83hPz0aWv7TnR4"
)

// tightCases are texts made to sit at the edge of the windows' arguments, each with the number of
// findings gitleaks gives.
var tightCases = []struct {
	name, path, text string
	want             int
}{
	// [\s'"]{0,3} and [\x60'"\s=]{0,5} put the value four lines below its name.
	{"value lines below", "a.py", pad + "API_KEY\n=\n\n\n  " + value + "\n" + pad, 1},
	{"lob lines above", "a.py", pad + "lob_key =\n\n  \"live_pub_0123456789abcdef0123456789abcde\"\n" + pad, 1},
	// gitleaks checks a match on a last line without a newline against the text from the start: the
	// --mount line allowlists it.
	{"last line, allowlisted", "Dockerfile", pad + "RUN --mount=type=secret,id=x make\n" + pad + "API_KEY=" + value, 0},
	{"last line with newline", "Dockerfile", pad + "RUN --mount=type=secret,id=x make\n" + pad + "API_KEY=" + value + "\n", 1},
	{"at the start, no newline", "a.env", "API_KEY=" + value, 1},
	{"crlf", "a.env", strings.ReplaceAll(pad+"API_KEY="+value+"\n"+pad, "\n", "\r\n"), 1},
	{"two keys far apart", "a.py", pad + "api_key = '" + value + "'; x = 1; y = 2; other_secret_token = '" + value + "Q'\n" + pad, 2},
	{"vault at a line start", "a.yaml", pad + "s." + value + "ab\n" + pad, 1},
	{"vault after a word", "a.yaml", pad + "xs." + value + "ab\n" + pad, 0},
	{"secret after a config map", "a.yaml", pad + "---\nkind: ConfigMap\ndata:\n  a: b\n---\nkind: Secret\ndata:\n  password: WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=\n" + pad, 4},
	{"data before kind", "a.yaml", "apiVersion: v1\ndata:\n  password: WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=\nkind: Secret\n", 4},
	// A window of the generic rule that runs past the document's end ("-" is a value's byte).
	{"window past a document", "a.yaml", pad + "---\nkind: Secret\ndata:\n  API_TOKEN: WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=\n  password:\n---------------\nkind: ConfigMap\n" + pad, 4},
	// A block scalar's value may start a line below its name, even at the line's start.
	{"block value below", "a.yaml", pad + "---\nkind: Secret\ndata:\n  tls.key: |\nWFI5dEJ2Tm1RazJMd3A3WmhKY2Y=\n---\nkind: ConfigMap\n" + pad, 2},
	{"block value past the reach", "a.yaml", pad + "---\nkind: Secret\ndata:\n  a.name.long.enough.to.carry.the.reach.of.one.hundred.characters.past.the.end.of.this.line.and.then.some.more.x: |\nq1w2e3r4t5y6u7i8o9p0a\n---\nkind: ConfigMap\n" + pad, 1},
	{"block value far below", "a.yaml", pad + "---\nkind: Secret\ndata:\n  tls.key: >-\n\n\n\n      WFI5dEJ2Tm1RazJMd3A3WmhKY2Y=\n" + pad, 2},
	// K (Kelvin) lowercases to k for gitleaks' keyword test; (?i) matches ſ for s.
	{"kelvin sign", "a.py", pad + "\u212aey = \"" + value + "\"\n" + pad, 1},
	{"long s", "a.py", pad + "\u017fecret = \"" + value + "\"\n" + pad + "key\n", 1},
}

// TestNarrowTightCases compares on tightCases.
func TestNarrowTightCases(t *testing.T) {
	cases := tightCases
	ref := newReference(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := len(ref.findings(c.path, c.text)); got != c.want {
				t.Errorf("gitleaks gives %d findings, the case says %d", got, c.want)
			}
			ref.agree(t, c.path, c.text)
		})
	}
}

// FuzzNarrowAgreesWithGitleaks compares Seam and gitleaks on arbitrary text, seeded with the corpus.
// The seeds are short (a few lines each, mutated fast); long inputs are skipped.
func FuzzNarrowAgreesWithGitleaks(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 3))
	exts := []string{"a.tf", "a.yaml", "a.json", "a.env", "Dockerfile", "a.py", "a.go", "a.js"}
	for _, c := range tightCases {
		f.Add(c.path, strings.ReplaceAll(c.text, pad, "x = 1\n"))
	}
	for i := 0; i < 40; i++ {
		p := exts[i%len(exts)]
		text := filler[r.IntN(len(filler))] + "\n" + plantedSnippet(r, p) + "\n" + filler[r.IntN(len(filler))]
		if p == "a.yaml" {
			text += "\n" + secretDoc(r, ".yaml")
		}
		f.Add(p, text)
	}
	ref := newReference(f)
	f.Fuzz(func(t *testing.T, p, text string) {
		if p == "" || len(text) > 2048 || strings.ContainsAny(p, "\x00") || strings.ContainsRune(text, 0) {
			return
		}
		ref.agree(t, p, text)
	})
}

// TestNarrowersInUse checks that the narrow windows are in use for gitleaks' default rules: a new gitleaks
// whose regexps differ silently gets the ordinary windows, and this test says so.
func TestNarrowersInUse(t *testing.T) {
	ds, err := sharedDetector()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, d := range ds.rules {
		for id := range d.Config.Rules {
			if ds.narrow[i] != nil {
				got = append(got, id)
			}
		}
	}
	for _, w := range ds.whole {
		for id := range w.det.Config.Rules {
			if w.narrow != nil {
				got = append(got, id)
			}
		}
	}
	sort.Strings(got)
	want := []string{"generic-api-key", "kubernetes-secret-yaml", "lob-pub-api-key", "vault-service-token"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules with narrow windows (-want +got):\n%s", diff)
	}
	if ds.decodingGeneric == nil {
		t.Error("Secret documents do not decode the generic rule apart")
	}
}

// agreementCorpus generates n files of the kinds Seam scans, with keys planted in many syntaxes.
func agreementCorpus(seed uint64, n int) map[string]string {
	r := rand.New(rand.NewPCG(seed, 31))
	exts := []string{".tf", ".yaml", ".json", ".env", "Dockerfile", ".py", ".go", ".js", ".yml"}
	out := map[string]string{}
	for i := 0; i < n; i++ {
		ext := exts[i%len(exts)]
		var b strings.Builder
		lines := 3 + r.IntN(120) // most files long enough that windows are not the whole file
		for l := 0; l < lines; l++ {
			if r.IntN(10) == 0 {
				b.WriteString(plantedSnippet(r, ext))
			} else {
				b.WriteString(filler[r.IntN(len(filler))])
			}
			b.WriteByte('\n')
		}
		if ext == ".yaml" || ext == ".yml" || ext == ".json" && r.IntN(2) == 0 {
			b.WriteString(secretDoc(r, ext))
		}
		text := b.String()
		switch r.IntN(8) {
		case 0:
			text = strings.ReplaceAll(text, "\n", "\r\n")
		case 1:
			text = strings.TrimRight(text, "\n") // the last line without a newline
		case 2:
			text = "# café, naïve — ünïcode\n" + text
		}
		name := fmt.Sprintf("gen/f%03d%s", i, ext)
		if ext == "Dockerfile" {
			name = fmt.Sprintf("gen/img%03d/Dockerfile", i)
		}
		out[name] = text
	}
	return out
}

// filler are ordinary lines, many with the generic rule's words and none with a secret.
var filler = []string{
	`  message_retention_seconds = each.key == "dead-letter" ? 1209600 : 345600`,
	`  apiGroup: rbac.authorization.k8s.io`,
	`                  key: DATABASE_PASSWORD`,
	`resource "aws_kms_key" "main" {`,
	`  kms_key_id = aws_kms_key.main.arn`,
	`}`,
	``,
	`apiVersion: v1`,
	`import { token } from './auth'`,
	`	if err := s.store.Put(ctx, key, value); err != nil { return err }`,
	`    result = client.get(f"/api/v1/items/{item_id}", timeout=30)`,
	`const secretName = process.env.SECRET_NAME || "default-credentials";`,
	`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`,
	`# access tokens are rotated every 90 days; see docs/auth.md`,
	`  "api": {"version": 3, "token_ttl": 3600},`,
	`password_policy = { minimum_length = 14 }`,
	`ENV PATH=/usr/local/bin:$PATH`,
	`  value: "s.notavaulttokenatall"`,
	`os.path.join(base, "keys.json")`,
}

// plantedSnippet returns one or more lines holding keys, in one of many syntaxes.
func plantedSnippet(r *rand.Rand, ext string) string {
	v := func() string { return randomValue(r, 12+r.IntN(30)) }
	keys := []string{"API_KEY", "DB_PASSWORD", "AUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "client_secret", "apiKey",
		"Api_Token", "creds", "PASSWD", "credentials", "access_key", "the_key_for_the_payments_service_in_production"}
	k := keys[r.IntN(len(keys))]
	forms := []func() string{
		func() string { return fmt.Sprintf(`%s = "%s"`, k, v()) },
		func() string { return fmt.Sprintf(`  %s: %s`, k, v()) },
		func() string { return fmt.Sprintf(`  "%s": "%s",`, k, v()) },
		func() string { return fmt.Sprintf(`%s=%s`, k, v()) },
		func() string { return fmt.Sprintf(`ENV %s=%s`, k, v()) },
		func() string { return fmt.Sprintf("\t%s := \"%s\"", k, v()) },
		func() string { return fmt.Sprintf(`const %s = '%s';`, k, v()) },
		func() string { return fmt.Sprintf("%s =\n  \"%s\"", k, v()) },
		func() string { return fmt.Sprintf("%s:\n\n   %s", k, v()) },
		func() string { return fmt.Sprintf("%s\n=\n\n\n%s", k, v()) },
		func() string { return fmt.Sprintf(`api_key = "%s", secret_token = "%s"`, v(), v()) },
		func() string { return fmt.Sprintf(`password_key_secret: %s # token`, v()) },
		func() string { return fmt.Sprintf(`%s ::: = %s`, k, v()) },
		func() string { return fmt.Sprintf(`%s => '%s'`, k, v()) },
		func() string { return fmt.Sprintf(`%s ||= %s`, k, v()) },
		func() string { return fmt.Sprintf(`%s ?= %s`, k, v()) },
		func() string { return fmt.Sprintf(`%s, %s`, k, v()) },
		func() string { return fmt.Sprintf(`%s = "%s" # gitleaks:allow`, k, v()) },
		func() string { return fmt.Sprintf(`%s = "%s==" `, k, randomValue(r, 20)) },
		func() string { return fmt.Sprintf(`%s = "%s\n"`, k, v()) },
		func() string { return fmt.Sprintf(`VAULT_TOKEN=hvs.%s`, randomValue(r, 95)) },
		func() string { return fmt.Sprintf(`vault: s.%s`, randomValue(r, 24)) },
		func() string { return fmt.Sprintf(`x = "s.%s;"  xs.%s`, randomValue(r, 24), randomValue(r, 24)) },
		func() string { return fmt.Sprintf(`lob_api_key = "test_pub_%s"`, randomHex(r, 31)) },
		func() string { return fmt.Sprintf("lob_key =\n  \"live_pub_%s\"", randomHex(r, 31)) },
		func() string { return `GH_TOKEN=ghp_FrGYJ3GxeYYXwSLQcWtxJTQr1FqXSTs98vPl` },
		func() string { return `aws_access_key_id = "AKIA2RLYKEI4IIAANNKK"` },
		func() string { return `stripeKey = "sk_test_L2aEJXquQrDs0GPRZwwrPwV8"` },
		func() string { return fmt.Sprintf(`Ktoken = "%s"`, v()) }, // a Kelvin sign: gitleaks lowercases it to k
		func() string { return fmt.Sprintf(`ſecret = "%s"`, v()) }, // a long s, which (?i) matches for s
	}
	return forms[r.IntN(len(forms))]()
}

// secretDoc returns Kubernetes manifests with a Secret whose data values are base64, in one of several
// layouts (data before kind, quoted kind, stringData, a ConfigMap before it, JSON).
func secretDoc(r *rand.Rand, ext string) string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	vals := []string{randomValue(r, 24), "password: " + randomValue(r, 18), "DB_PASSWORD=" + randomValue(r, 20),
		"generated-" + randomHex(r, 16)}
	val := func() string { return b64(vals[r.IntN(len(vals))]) }
	if ext == ".json" {
		return fmt.Sprintf(`{"apiVersion": "v1", "kind": "Secret", "data": {"api_token": "%s", "DB_PASSWORD": "%s"}}`+"\n", val(), val())
	}
	layouts := []string{
		"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ntype: Opaque\ndata:\n  DATABASE_PASSWORD: %s\n  API_TOKEN: %s\n",
		"---\napiVersion: v1\ndata:\n  password: %s\n  token: %s\nkind: 'Secret'\nmetadata:\n  name: x\n",
		"---\nkind: ConfigMap\ndata:\n  LOG_LEVEL: %s\n---\nkind: \"secret\"\nstringData:\n  api_key: %s\n",
		"---\nkind: Secret\ndata:\n  tls.key: |\n    %s\n  auth:\n\n    %s\n",
	}
	return fmt.Sprintf(layouts[r.IntN(len(layouts))], val(), val())
}

func randomValue(r *rand.Rand, n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

func randomHex(r *rand.Rand, n int) string {
	const chars = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}
