package script

import (
	"strings"
	"testing"
	"time"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// The fuzz tests feed arbitrary source to the detector, seeded with the labelled fixtures of each language.
// Malformed input must never crash it (the recover in Detect turns a panic into a problem that says
// "please report it", which these tests treat as a failure), must finish in bounded time, and every finding
// must be complete.

func FuzzJS(f *testing.F) {
	fuzzLanguage(f, "js", []string{".js", ".ts", ".tsx"}, "app.get('/x', (req, res) => { exec(`a ${req.query.b}`) })",
		"const {a=`${`${b}`}`} = req; x = /[/]/.test(y) ? <div a={b}>{'</'}</div> : z<T>(w)!")
}

func FuzzPython(f *testing.F) {
	fuzzLanguage(f, "python", []string{".py"}, "@app.route('/<p>')\ndef f(p):\n    os.system(f'{p!r:>{w}}')\n",
		"def f(request):\n\tif x:\n  y = [a for a in b if c]\n\tlambda q: (yield)\n")
}

func FuzzPHP(f *testing.F) {
	fuzzLanguage(f, "php", []string{".php"}, "<?php system(\"a {$_GET['b']} ${c} $d[e] $f->g\"); ?><p><?= `x $y` ?>",
		"<?php $a = <<<EOT\n{$b[\"c\"]}\nEOT;\nif ($x): foreach ($y as $k => &$v): endforeach; endif; (int)$z;")
}

// fuzzLanguage runs the detector on arbitrary input as a file of one of exts (chosen by the input's length).
func fuzzLanguage(f *testing.F, lang string, exts []string, extra ...string) {
	for _, fx := range loadFixtures(f) {
		if fx.lang == lang {
			f.Add(fx.src)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		name := "fuzz/pages/api/handler" + exts[len(src)%len(exts)]
		var findings []flaw.Finding
		var problems []flaw.Problem
		done := make(chan struct{})
		go func() {
			defer close(done)
			findings, problems = New().Detect(name, src)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("Detect did not finish in 3s on %d bytes", len(src))
		}
		for _, p := range problems {
			if strings.Contains(p.Message, "please report it") {
				t.Fatalf("detector crashed: %s", p.Message)
			}
		}
		for _, fd := range findings {
			checkFinding(t, fd, name)
		}
	})
}

// checkFinding asserts what every finding must carry.
func checkFinding(t *testing.T, fd flaw.Finding, file string) {
	t.Helper()
	valid := false
	for _, c := range flaw.Classes() {
		valid = valid || c == fd.Class
	}
	switch {
	case !valid, fd.Rule == "", fd.File != file, fd.Line <= 0, fd.SourceLine <= 0, fd.Source == "", fd.Sink == "",
		fd.Function == "", fd.Language == "", fd.Title == "":
		t.Fatalf("incomplete finding: %+v", fd)
	case fd.Confidence != "high" && fd.Confidence != "medium" && fd.Confidence != "low":
		t.Fatalf("confidence %q", fd.Confidence)
	case fd.EndLine != 0 && fd.EndLine < fd.Line:
		t.Fatalf("end line before line: %+v", fd)
	}
}
