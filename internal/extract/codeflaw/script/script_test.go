package script

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// row is the part of a finding the table tests compare.
type row struct {
	Line       int
	Rule       string
	Confidence string
	Function   string
	Route      string
	Source     string
	SourceLine int
	Sink       string
	Framework  string
}

func rows(findings []flaw.Finding) []row {
	var out []row
	for _, f := range findings {
		out = append(out, row{f.Line, f.Rule, f.Confidence, f.Function, f.Route, f.Source, f.SourceLine, f.Sink, f.Framework})
	}
	return out
}

// lines joins source lines, so that a test's line numbers can be read off the table.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestDetect(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []row
	}{
		{"express handler, field of the query: high", "app.js", lines(
			`app.get("/p", (req, res) => {`,
			`  fetch(req.query.url);`,
			`});`),
			[]row{{2, "js-ssrf-fetch", "high", "(anonymous)", "GET /p", "req.query.url", 2, "fetch", "express"}}},
		{"the whole body: low", "app.js", lines(
			`const db = require("./db");`,
			`app.post("/log", async (req, res) => {`,
			`  await db.query("INSERT INTO log VALUES ('" + JSON.stringify(req.body) + "')");`,
			`});`),
			[]row{{3, "js-sql-injection-query", "low", "(anonymous)", "POST /log", "req.body", 3, "db.query", "express"}}},
		{"a chain of assignments: medium", "app.js", lines(
			`const { exec } = require("child_process");`,
			`router.post("/x", (req, res) => {`,
			`  const a = req.body.cmd;`,
			`  const b = a.trim();`,
			`  const c = "run " + b;`,
			`  exec(c);`,
			`});`),
			[]row{{6, "js-command-injection-child-process-exec", "medium", "(anonymous)", "POST /x", "req.body.cmd", 3, "exec", "express"}}},
		{"through a helper the detector cannot see: medium", "app.js", lines(
			`app.get("/p", async (req, res) => {`,
			`  const u = normalise(req.query.u);`,
			`  await fetch(u);`,
			`});`),
			[]row{{3, "js-ssrf-fetch", "medium", "(anonymous)", "GET /p", "req.query.u", 2, "fetch", "express"}}},
		{"a destructured request parameter", "app.js", lines(
			`app.get("/p", async ({ query }, res) => {`,
			`  await fetch(query.url);`,
			`});`),
			[]row{{2, "js-ssrf-fetch", "high", "(anonymous)", "GET /p", "query.url", 1, "fetch", "express"}}},
		{"koa context", "server.js", lines(
			`const Koa = require("koa");`,
			`const { exec } = require("child_process");`,
			`router.get("/k", async (ctx) => {`,
			`  exec("ls " + ctx.query.dir);`,
			`});`),
			[]row{{4, "js-command-injection-child-process-exec", "high", "(anonymous)", "GET /k", "ctx.query.dir", 4, "exec", "koa"}}},
		{"next.js pages route from the file path", "web/pages/api/users/[id].ts", lines(
			`export default async function handler(req, res) {`,
			`  await fetch(req.query.id as string);`,
			`}`),
			[]row{{2, "js-ssrf-fetch", "high", "handler", "ANY /api/users/[id]", "req.query.id", 2, "fetch", "next"}}},
		{"app router: route groups leave the path", "src/app/(shop)/api/cart/route.ts", lines(
			`import { NextResponse } from "next/server";`,
			`export async function POST(request: Request) {`,
			`  const { url } = await request.json();`,
			`  return NextResponse.json(await fetch(url));`,
			`}`),
			[]row{{4, "js-ssrf-fetch", "high", "POST", "POST /api/cart", "request.json().url", 3, "fetch", "next"}}},
		{"no https separator: the host is not fixed", "app.js", lines(
			`app.get("/p", async (req, res) => {`,
			`  await fetch("https://api.example.com" + req.query.path);`,
			`  await fetch("https://api.example.com/" + req.query.path);`,
			`});`),
			[]row{{2, "js-ssrf-fetch", "high", "(anonymous)", "GET /p", "req.query.path", 2, "fetch", "express"}}},
		{"a positive check covers its branch only; a conditional default keeps the taint", "app.js", lines(
			`const { exec } = require("child_process");`,
			`app.get("/p", (req, res) => {`,
			`  let x = req.query.x;`,
			`  if (ALLOWED.includes(x)) {`,
			`    exec("svc " + x);`,
			`  }`,
			`  if (!x) x = "default";`,
			`  exec("svc " + x);`,
			`});`),
			[]row{{8, "js-command-injection-child-process-exec", "high", "(anonymous)", "GET /p", "req.query.x", 3, "exec", "express"}}},
		{"flask: methods and a route variable", "app.py", lines(
			`from flask import Flask, request`,
			`import os`,
			`app = Flask(__name__)`,
			`@app.route("/f/<path:name>", methods=["GET", "POST"])`,
			`def f(name):`,
			`    os.system("cat " + name)`),
			[]row{{6, "py-command-injection-os-system", "high", "f", "GET,POST /f/<path:name>", "route variable <path:name>", 5, "os.system", "flask"}}},
		{"django: a URL capture is medium", "views.py", lines(
			`from django.views import View`,
			`class Doc(View):`,
			`    def get(self, request, name):`,
			`        return open("/docs/" + name).read()`),
			[]row{{4, "py-path-traversal-open", "medium", "Doc.get", "", "URL capture name", 3, "open", "django"}}},
		{"fastapi: a query parameter; an int one is safe", "main.py", lines(
			`from fastapi import FastAPI`,
			`import subprocess`,
			`app = FastAPI()`,
			`@app.get("/run")`,
			`def run(tool: str, n: int):`,
			`    subprocess.run(f"{tool} -n {n}", shell=True)`,
			`    subprocess.run(f"ls -n {n}", shell=True)`),
			[]row{{6, "py-command-injection-subprocess", "high", "run", "GET /run", "parameter tool", 5, "subprocess.run", "fastapi"}}},
		{"php include: code injection as CWE-98, at top level", "index.php", lines(
			`<?php`,
			`include "pages/" . $_GET["p"];`),
			[]row{{2, "php-code-injection-include", "high", "(top level)", "", `$_GET["p"]`, 2, "include", "php"}}},
		{"php sanitisers are per class", "a.php", lines(
			`<?php`,
			`$x = escapeshellarg($_GET["a"]);`,
			`system("ls $x");`,
			`mysqli_query($c, "SELECT '$x'");`),
			[]row{{4, "php-sql-injection-mysqli-query", "high", "(top level)", "", `$_GET["a"]`, 2, "mysqli_query", "php"}}},
		{"php assert is at most medium", "a.php", lines(
			`<?php`,
			`function check() { assert($_GET["c"]); }`),
			[]row{{2, "php-code-injection-assert", "medium", "check", "", `$_GET["c"]`, 2, "assert", "php"}}},
		{"laravel controller method and route closure", "routes/web.php", lines(
			`<?php`,
			`use Illuminate\Support\Facades\Route;`,
			`Route::post('/export/{format}', function (string $format) {`,
			`    return shell_exec("convert a.pdf a.$format");`,
			`});`),
			[]row{{4, "php-command-injection-exec", "high", "(route closure)", "POST /export/{format}", "route parameter $format", 3, "shell_exec", "laravel"}}},
		{"js-yaml load without a schema: low, version dependent", "app.js", lines(
			`const yaml = require("js-yaml");`,
			`app.post("/y", (req, res) => res.json(yaml.load(req.body.doc)));`),
			[]row{{2, "js-deserialization-js-yaml-load", "low", "(anonymous)", "POST /y", "req.body.doc", 2, "yaml.load", "express"}}},
		{"a check of input read in place protects later reads of it", "app.js", lines(
			`app.get("/p", async (req, res) => {`,
			`  if (!["asc", "desc"].includes(req.query.dir)) return res.sendStatus(400);`,
			`  await db.query("SELECT * FROM t ORDER BY a " + req.query.dir);`,
			`  await db.query("SELECT * FROM t WHERE b = '" + req.query.b + "'");`,
			`});`),
			[]row{{4, "js-sql-injection-query", "high", "(anonymous)", "GET /p", "req.query.b", 4, "db.query", "express"}}},
		{"router.route chains and a handler named by reference", "app.js", lines(
			`function show(req, res) { eval(req.params.x); }`,
			`router.route("/items/:x").get(show).post((req, res) => eval(req.body.y));`),
			[]row{
				{1, "js-code-injection-eval", "high", "show", "GET /items/:x", "req.params.x", 1, "eval", "express"},
				{2, "js-code-injection-eval", "high", "(anonymous)", "POST /items/:x", "req.body.y", 2, "eval", "express"},
			}},
		{"python: a containment check after realpath", "app.py", lines(
			`import os`,
			`from flask import Flask, abort, request, send_file`,
			`app = Flask(__name__)`,
			`@app.get("/f")`,
			`def f():`,
			`    p = os.path.realpath(os.path.join("/srv", request.args["p"]))`,
			`    if not p.startswith("/srv/"):`,
			`        abort(400)`,
			`    send_file(p)`,
			`    send_file(os.path.join("/srv", request.args["q"]))`),
			[]row{{10, "py-path-traversal-send-file", "high", "f", "GET /f", `request.args["q"]`, 10, "send_file", "flask"}}},
		{"python: nested functions are named by their parents", "views.py", lines(
			`def outer(request):`,
			`    def inner():`,
			`        eval(request.GET["x"])`,
			`    inner()`),
			[]row{{3, "py-code-injection-eval", "high", "outer", "", `request.GET["x"]`, 3, "eval", "django"}}},
		{"spawn with an options variable that asks for a shell", "app.js", lines(
			`const { spawn } = require("child_process");`,
			`app.get("/p", (req, res) => {`,
			`  const opts = { shell: true, cwd: "/tmp" };`,
			`  const quiet = { shell: false };`,
			`  spawn("convert", [req.query.f], opts);`,
			`  spawn("convert", [req.query.f], quiet);`,
			`});`),
			[]row{{5, "js-command-injection-child-process-spawn", "high", "(anonymous)", "GET /p", "req.query.f", 5, "spawn", "express"}}},
		{"a switch of literals is an allow-list when its default leaves", "a.php", lines(
			`<?php`,
			`switch ($_GET["fmt"]) {`,
			`    case "png": case "jpg": $f = $_GET["fmt"]; break;`,
			`    default: http_response_code(400); exit;`,
			`}`,
			`system("convert a.pdf a." . $f);`,
			`switch ($_GET["size"]) { case "s": $s = $_GET["size"]; break; default: $s = $_GET["size"]; }`,
			`system("convert -resize " . $s);`),
			[]row{{8, "php-command-injection-exec", "high", "(top level)", "", `$_GET["size"]`, 7, "system", "php"}}},
		{"parameterised queries are safe", "app.py", lines(
			`from flask import request`,
			`def q(cur):`,
			`    cur.execute("SELECT * FROM t WHERE a = %s", (request.args["a"],))`),
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, problems := New().Detect(tt.file, []byte(tt.src))
			if len(problems) > 0 {
				t.Errorf("problems: %+v", problems)
			}
			if diff := cmp.Diff(tt.want, rows(findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindingFields(t *testing.T) {
	src := lines(`<?php`, `require $_GET["page"];`)
	findings, _ := New().Detect("site/index.php", []byte(src))
	if len(findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(findings))
	}
	f := findings[0]
	want := flaw.Finding{Class: flaw.CodeInjection, CWE: "CWE-98", Rule: "php-code-injection-include",
		Title: "request input reaches require", Confidence: "high", Language: "php", Framework: "php",
		File: "site/index.php", Line: 2, Function: "(top level)", Source: `$_GET["page"]`, SourceLine: 2, Sink: "require"}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	if got := f.ID(); got != "code-flaw:site/index.php:2:php-code-injection-include" {
		t.Errorf("ID = %q", got)
	}
}

func TestLanguagesAndSkippedFiles(t *testing.T) {
	src := []byte("app.get('/x', (req, res) => eval(req.query.code));\n")
	for file, want := range map[string]string{"a.js": "javascript", "a.mjs": "javascript", "a.cjs": "javascript",
		"a.jsx": "javascript", "a.ts": "typescript", "a.tsx": "typescript"} {
		findings, _ := New().Detect(file, src)
		if len(findings) != 1 || findings[0].Language != want {
			t.Errorf("%s: findings %+v, want one in %s", file, findings, want)
		}
	}
	if findings, problems := New().Detect("types/app.d.ts", []byte("declare function eval(x: string): any;")); findings != nil || problems != nil {
		t.Errorf(".d.ts: %v %v, want nothing", findings, problems)
	}
	if got := New().Extensions(); !strings.Contains(strings.Join(got, " "), ".py") || !strings.Contains(strings.Join(got, " "), ".php") {
		t.Errorf("Extensions() = %v", got)
	}
}

func TestUnparseableFileIsAProblem(t *testing.T) {
	src := lines(`app.get("/x", (req, res) => {`, `  exec(req.query.c);`, `  const = ;`, `});`)
	findings, problems := New().Detect("app.js", []byte(src))
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Message, "could not parse") {
		t.Errorf("problems = %+v, want one at line 3", problems)
	}
	if len(findings) != 0 {
		t.Logf("findings despite the error: %d", len(findings))
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range loadFixtures(t) {
		a, _ := New().Detect(f.path, f.src)
		for i := 0; i < 3; i++ {
			b, _ := New().Detect(f.path, f.src)
			if diff := cmp.Diff(a, b); diff != "" {
				t.Fatalf("%s: second run differs:\n%s", f.path, diff)
			}
		}
		for i := 1; i < len(a); i++ {
			if a[i-1].Line > a[i].Line || (a[i-1].Line == a[i].Line && a[i-1].Rule > a[i].Rule) {
				t.Errorf("%s: findings not sorted by line and rule", f.path)
			}
		}
	}
}

// TestPathologicalInputIsBounded feeds chains far longer than code has (a member chain, a concatenation, a
// subscript chain of 20,000 operands): the parser stops at 1,000 with a problem, and the detector finishes
// quickly instead of recursing or copying text per operand.
func TestPathologicalInputIsBounded(t *testing.T) {
	const n = 20000
	for name, src := range map[string]string{
		"a.js":  "app.get('/', (req, res) => { x = req.query" + strings.Repeat(".b", n) + "; })",
		"b.js":  "app.get('/', (req, res) => { x = req.query.a" + strings.Repeat(" + a", n) + "; })",
		"c.php": "<?php $x = $_GET['a']" + strings.Repeat(" . $a", n) + ";",
		"d.py":  "def f(request):\n    x = request.GET" + strings.Repeat("[0]", n) + "\n",
	} {
		start := time.Now()
		_, problems := New().Detect(name, []byte(src))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v", name, d)
		}
		if len(problems) == 0 || !strings.Contains(problems[0].Message, "longer than 1000") {
			t.Errorf("%s: problems %+v, want the chain limit", name, problems)
		}
	}
}

// TestConcurrentDetect runs the detector on every fixture from several goroutines at once, as the extractor
// does; run with -race it shows the detector shares nothing mutable between calls.
func TestConcurrentDetect(t *testing.T) {
	fixtures := loadFixtures(t)
	want := map[string]int{}
	for _, f := range fixtures {
		fs, _ := New().Detect(f.path, f.src)
		want[f.path] = len(fs)
	}
	d := New()
	errs := make(chan string, len(fixtures)*4)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, f := range fixtures {
				if fs, _ := d.Detect(f.path, f.src); len(fs) != want[f.path] {
					errs <- f.path
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for p := range errs {
		t.Errorf("%s: a concurrent run found a different number of flaws", p)
	}
}
