package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// sinkTable maps canonical call names ("*.query" for a method of any receiver) to sinks.
type sinkTable map[string][]*sink

// add registers s under every name.
func (t sinkTable) add(s *sink, names ...string) {
	for _, n := range names {
		t[n] = append(t[n], s)
	}
}

// methodsOf returns base.m for each method m.
func methodsOf(base string, methods ...string) []string {
	out := make([]string, len(methods))
	for i, m := range methods {
		out[i] = base + "." + m
	}
	return out
}

var jsSinkTable = buildJSSinks()

func (javascript) sinks(name string) []*sink { return jsSinkTable[name] }

// buildJSSinks lists the JavaScript sinks (Node.js core and the common npm packages).
func buildJSSinks() sinkTable {
	t := sinkTable{}
	verbs := []string{"get", "post", "put", "patch", "delete", "head", "options"}
	// SSRF: the URL of an outgoing request.
	t.add(&sink{class: flaw.SSRF, slug: "fetch", reach: urlArg(0, "url", "href")}, "fetch", "undici.fetch", "undici.request")
	t.add(&sink{class: flaw.SSRF, slug: "axios", reach: urlArg(0, "url", "baseURL")}, append(methodsOf("axios", verbs...), "axios", "axios.request", "axios.getUri")...)
	t.add(&sink{class: flaw.SSRF, slug: "got", reach: urlArg(0, "url", "prefixUrl")}, append(methodsOf("got", append(verbs, "stream")...), "got")...)
	t.add(&sink{class: flaw.SSRF, slug: "request", reach: urlArg(0, "url", "uri", "baseUrl")}, append(methodsOf("request", verbs...), "request")...)
	t.add(&sink{class: flaw.SSRF, slug: "needle", reach: argAt(1)}, "needle", "needle.request")
	t.add(&sink{class: flaw.SSRF, slug: "needle", reach: argAt(0)}, methodsOf("needle", verbs...)...)
	t.add(&sink{class: flaw.SSRF, slug: "superagent", reach: argAt(0)}, append(methodsOf("superagent", verbs...), "superagent")...)
	t.add(&sink{class: flaw.SSRF, slug: "http-request", reach: urlArg(0, "host", "hostname", "href", "url")},
		"http.get", "http.request", "https.get", "https.request")
	// Command injection: a shell command, or the program to run.
	t.add(&sink{class: flaw.CommandInjection, slug: "child-process-exec", reach: argAt(0)},
		"child_process.exec", "child_process.execSync", "shelljs.exec", "execa.command", "execa.commandSync",
		"execa.execaCommand", "execa.execaCommandSync", "execa.$")
	t.add(&sink{class: flaw.CommandInjection, slug: "child-process-spawn", reach: spawnReach},
		"child_process.spawn", "child_process.spawnSync", "child_process.execFile", "child_process.execFileSync",
		"execa", "execa.execa", "execa.execaSync", "execa.sync")
	// Code injection.
	t.add(&sink{class: flaw.CodeInjection, slug: "eval", reach: argAt(0)}, "eval")
	t.add(&sink{class: flaw.CodeInjection, slug: "new-function", reach: anyArg()}, "Function")
	t.add(&sink{class: flaw.CodeInjection, slug: "vm", reach: argAt(0)}, "vm.runInNewContext", "vm.runInThisContext",
		"vm.runInContext", "vm.compileFunction", "vm.Script", "vm2.VM.run", "vm2.NodeVM.run")
	t.add(&sink{class: flaw.CodeInjection, slug: "timer-string", reach: argAt(0)}, "setTimeout", "setInterval")
	// Template injection: the template text itself.
	t.add(&sink{class: flaw.TemplateInjection, slug: "ejs", reach: argAt(0)}, "ejs.render", "ejs.compile")
	t.add(&sink{class: flaw.TemplateInjection, slug: "pug", reach: argAt(0)}, "pug.compile", "pug.render", "jade.compile", "jade.render")
	t.add(&sink{class: flaw.TemplateInjection, slug: "handlebars", reach: argAt(0)}, "handlebars.compile",
		"handlebars.precompile", "Handlebars.compile")
	t.add(&sink{class: flaw.TemplateInjection, slug: "lodash-template", reach: argAt(0)}, "lodash.template",
		"lodash.template.template", "underscore.template", "lodash-es.template")
	t.add(&sink{class: flaw.TemplateInjection, slug: "nunjucks", reach: argAt(0)}, "nunjucks.renderString", "dot.template", "dot.compile")
	// SQL injection: the text of the query.
	sql := &sink{class: flaw.SQLInjection, slug: "query", reach: sqlReach}
	t.add(sql, "*.query", "*.execute")
	t.add(&sink{class: flaw.SQLInjection, slug: "raw", reach: argAt(0)}, "*.raw", "*.whereRaw", "*.orWhereRaw",
		"*.havingRaw", "*.orderByRaw", "*.joinRaw", "*.fromRaw", "*.groupByRaw", "sequelize.literal", "Sequelize.literal")
	t.add(&sink{class: flaw.SQLInjection, slug: "prisma-raw-unsafe", reach: argAt(0)}, "*.$queryRawUnsafe", "*.$executeRawUnsafe")
	// Path traversal: the path of a file read or written.
	var fsCalls []string
	for _, m := range []string{"readFile", "readFileSync", "createReadStream", "writeFile", "writeFileSync", "appendFile",
		"appendFileSync", "createWriteStream", "unlink", "unlinkSync", "rm", "rmSync", "open", "openSync", "readdir",
		"readdirSync", "copyFile", "copyFileSync"} {
		fsCalls = append(fsCalls, "fs."+m, "fs.promises."+m, "fs-extra."+m, "graceful-fs."+m)
	}
	t.add(&sink{class: flaw.PathTraversal, slug: "fs", reach: argAt(0)}, fsCalls...)
	t.add(&sink{class: flaw.PathTraversal, slug: "send-file", reach: sendFileReach}, "*.sendFile", "*.download", "*.sendfile")
	// Deserialization.
	t.add(&sink{class: flaw.Deserialization, slug: "node-serialize", reach: argAt(0)}, "node-serialize.unserialize",
		"serialize-to-js.deserialize", "funcster.deepDeserialize")
	t.add(&sink{class: flaw.Deserialization, slug: "js-yaml-load", reach: yamlUnsafeSchema}, "js-yaml.load", "js-yaml.loadAll")
	t.add(&sink{class: flaw.Deserialization, slug: "js-yaml-load", reach: yamlDefaultSchema, capConfidence: "low",
		note: "unsafe only with js-yaml before 4.0: check the version the lockfile pins"}, "js-yaml.load", "js-yaml.loadAll")
	return t
}

// shells are programs that run their -c argument as a command line.
var shells = names("sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/zsh", "cmd",
	"cmd.exe", "powershell", "powershell.exe", "pwsh")

// spawnReach is dangerous when input chooses the program, when the call asks for a shell ({ shell: true }),
// or when the program is a shell running a command line (spawn("sh", ["-c", cmd])).
func spawnReach(cc *callCtx) (taint, bool) {
	prog := cc.arg(0)
	if hasShellOption(cc) {
		return merge(prog, cc.arg(1)), true
	}
	if prog.tainted() {
		return prog, true
	}
	if lit, ok := cc.argExpr(0).(*syntax.Lit); ok && shells[strings.ToLower(lit.Value)] {
		return shellArgs(cc, cc.argExpr(1))
	}
	return none, false
}

// shellArgs returns the taint of what follows "-c" (or /c, -Command) in an argument list.
func shellArgs(cc *callCtx, list syntax.Expr) (taint, bool) {
	arr, ok := list.(*syntax.Array)
	if !ok {
		if b := cc.e.rootBinding(list); b != nil && b.elems != nil {
			return mergeAll(b.elems), true
		}
		return none, false
	}
	var t taint
	after := false
	for _, el := range arr.Elems {
		if l, ok := el.(*syntax.Lit); ok && (l.Value == "-c" || l.Value == "/c" || l.Value == "/C" || strings.EqualFold(l.Value, "-Command")) {
			after = true
			continue
		}
		if after {
			t = merge(t, cc.e.evalQuiet(el))
		}
	}
	return t, after
}

func mergeAll(ts []taint) taint {
	var t taint
	for _, x := range ts {
		t = merge(t, x)
	}
	return t
}

// hasShellOption reports whether an options object of the call sets shell to anything but false (an
// options variable that has a shell property is assumed to set it).
func hasShellOption(cc *callCtx) bool {
	for _, a := range cc.call.Args {
		obj, ok := a.X.(*syntax.Object)
		if !ok {
			if b := cc.e.rootBinding(a.X); b != nil && b.props != nil {
				if _, ok := b.props["shell"]; ok {
					return true
				}
			}
			continue
		}
		for _, p := range obj.Props {
			if p.Key != "shell" {
				continue
			}
			if l, ok := p.Value.(*syntax.Lit); ok && (l.Value == "false" || l.Value == "") {
				return false
			}
			return true
		}
	}
	return false
}

// sqlReach is the query text: the first argument, or the sql/text property of a query object.
func sqlReach(cc *callCtx) (taint, bool) {
	if _, ok := cc.argExpr(0).(*syntax.Object); ok {
		return cc.prop(0, "sql", "text", "query")
	}
	return cc.arg(0), true
}

// sendFileReach is res.sendFile(path) and res.download(path) without a root option, which confines the path
// to a directory.
func sendFileReach(cc *callCtx) (taint, bool) {
	for _, a := range cc.call.Args[min(1, len(cc.call.Args)):] {
		if obj, ok := a.X.(*syntax.Object); ok {
			for _, p := range obj.Props {
				if p.Key == "root" {
					return none, false
				}
			}
		}
	}
	return cc.arg(0), true
}

// yamlSchema returns the text of the schema option of a js-yaml load call, or "".
func yamlSchema(cc *callCtx) string {
	for _, a := range cc.call.Args[min(1, len(cc.call.Args)):] {
		if obj, ok := a.X.(*syntax.Object); ok {
			for _, p := range obj.Props {
				if p.Key == "schema" {
					return cc.e.file.text(p.Value)
				}
			}
		}
	}
	return ""
}

// yamlUnsafeSchema is js-yaml's load with the schema that builds functions (DEFAULT_FULL_SCHEMA, js-yaml 3).
func yamlUnsafeSchema(cc *callCtx) (taint, bool) {
	if strings.Contains(yamlSchema(cc), "FULL") {
		return cc.arg(0), true
	}
	return none, false
}

// yamlDefaultSchema is js-yaml's load with its default schema: full (unsafe) before 4.0, safe since.
func yamlDefaultSchema(cc *callCtx) (taint, bool) {
	if yamlSchema(cc) == "" {
		return cc.arg(0), true
	}
	return none, false
}
