package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

var pySinkTable = buildPySinks()

func (python) sinks(name string) []*sink { return pySinkTable[name] }

// buildPySinks lists the Python sinks (the standard library and the common packages).
func buildPySinks() sinkTable {
	t := sinkTable{}
	verbs := []string{"get", "post", "put", "patch", "delete", "head", "options", "stream"}
	// SSRF.
	var clients []string
	for _, m := range []string{"requests", "httpx", "aiohttp.ClientSession"} {
		clients = append(clients, methodsOf(m, verbs...)...)
	}
	t.add(&sink{class: flaw.SSRF, slug: "http-client", reach: argOrKw(0, "url")}, append(clients,
		"urllib.request.urlopen", "urllib.urlopen", "urllib2.urlopen", "http.client.HTTPConnection",
		"http.client.HTTPSConnection", "requests.api.get", "pycurl.Curl.setopt")...)
	t.add(&sink{class: flaw.SSRF, slug: "http-client", reach: argOrKw(1, "url")}, "requests.request", "httpx.request",
		"aiohttp.ClientSession.request", "aiohttp.request", "urllib3.PoolManager.request", "urllib3.request",
		"httpx.stream")
	// Command injection.
	t.add(&sink{class: flaw.CommandInjection, slug: "os-system", reach: argOrKw(0, "command")}, "os.system", "os.popen",
		"subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput", "asyncio.create_subprocess_shell",
		"os.popen2", "os.popen3", "platform.popen")
	t.add(&sink{class: flaw.CommandInjection, slug: "subprocess", reach: subprocessReach}, "subprocess.run",
		"subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
		"asyncio.create_subprocess_exec")
	// Code injection: the builtins, unless a name shadows them.
	t.add(&sink{class: flaw.CodeInjection, slug: "eval", reach: argAt(0)}, "eval", "exec", "compile", "builtins.eval",
		"builtins.exec")
	// Template injection: the template source.
	t.add(&sink{class: flaw.TemplateInjection, slug: "render-template-string", reach: argOrKw(0, "source")},
		"flask.render_template_string", "quart.render_template_string")
	t.add(&sink{class: flaw.TemplateInjection, slug: "jinja2-template", reach: argOrKw(0, "source")}, "jinja2.Template",
		"jinja2.Environment.from_string", "*.from_string", "mako.template.Template", "tornado.template.Template")
	// SQL injection: the query text.
	t.add(&sink{class: flaw.SQLInjection, slug: "execute", reach: argOrKw(0, "sql")}, "*.execute", "*.executemany",
		"*.executescript", "*.raw", "django.db.models.expressions.RawSQL", "django.db.models.RawSQL",
		"pandas.read_sql", "pandas.read_sql_query")
	t.add(&sink{class: flaw.SQLInjection, slug: "django-extra", reach: anyArg()}, "*.extra")
	// Path traversal.
	t.add(&sink{class: flaw.PathTraversal, slug: "open", reach: argOrKw(0, "file")}, "open", "io.open", "codecs.open",
		"os.remove", "os.unlink", "shutil.rmtree", "os.listdir", "aiofiles.open")
	t.add(&sink{class: flaw.PathTraversal, slug: "send-file", reach: argOrKw(0, "path_or_file")}, "flask.send_file",
		"quart.send_file")
	t.add(&sink{class: flaw.PathTraversal, slug: "file-response", reach: argOrKw(0, "path")},
		"fastapi.responses.FileResponse", "starlette.responses.FileResponse")
	t.add(&sink{class: flaw.PathTraversal, slug: "open", reach: recvReach}, methodsOf("pathlib.Path", "read_text",
		"read_bytes", "open", "write_text", "write_bytes", "unlink")...)
	// Deserialization.
	t.add(&sink{class: flaw.Deserialization, slug: "pickle", reach: argAt(0)}, "pickle.loads", "pickle.load",
		"cPickle.loads", "cPickle.load", "_pickle.loads", "dill.loads", "dill.load", "pandas.read_pickle",
		"shelve.open", "joblib.load")
	t.add(&sink{class: flaw.Deserialization, slug: "marshal", reach: argAt(0)}, "marshal.loads", "marshal.load")
	t.add(&sink{class: flaw.Deserialization, slug: "jsonpickle", reach: argAt(0)}, "jsonpickle.decode", "jsonpickle.loads")
	t.add(&sink{class: flaw.Deserialization, slug: "yaml-load", reach: yamlLoadReach}, "yaml.load", "yaml.load_all")
	t.add(&sink{class: flaw.Deserialization, slug: "yaml-load", reach: argAt(0)}, "yaml.unsafe_load",
		"yaml.unsafe_load_all", "yaml.full_load", "yaml.full_load_all")
	return t
}

// recvReach is a method of a value that is itself the dangerous argument (Path(p).read_text()).
func recvReach(cc *callCtx) (taint, bool) { return cc.recv, true }

// subprocessReach is dangerous with shell=True (the command line), or when input chooses the program: the
// first argument as a string, the first element of the argument list, or the command of sh -c.
func subprocessReach(cc *callCtx) (taint, bool) {
	if x, _, ok := cc.kw("shell"); ok {
		if l, isLit := x.(*syntax.Lit); !isLit || (l.Value != "False" && l.Value != "0") {
			return argOrKw(0, "args")(cc)
		}
	}
	first := cc.argExpr(0)
	if x, _, ok := cc.kw("args"); ok && first == nil {
		first = x
	}
	var elems []syntax.Expr
	var shaped []taint
	switch a := first.(type) {
	case nil:
		return none, false
	case *syntax.Array:
		elems = a.Elems
	default:
		if b := cc.e.rootBinding(first); b != nil && b.elems != nil {
			shaped = b.elems
		} else if _, isList := first.(*syntax.Comp); !isList {
			return cc.arg(0), true // a string: the whole command line is the program's name
		}
	}
	if len(elems) > 0 {
		if l, ok := elems[0].(*syntax.Lit); ok && shells[strings.ToLower(l.Value)] {
			return shellArgs(cc, first)
		}
		return cc.e.evalQuiet(elems[0]), true
	}
	if len(shaped) > 0 {
		return shaped[0], true
	}
	return none, false
}

// yamlLoadReach is yaml.load without a safe loader (SafeLoader, CSafeLoader, BaseLoader).
func yamlLoadReach(cc *callCtx) (taint, bool) {
	loader, _, ok := cc.kw("Loader")
	if !ok {
		loader = cc.argExpr(1)
	}
	if loader != nil {
		n := lastSegment(syntax.DottedName(loader))
		if n == "SafeLoader" || n == "CSafeLoader" || n == "BaseLoader" {
			return none, false
		}
	}
	return cc.arg(0), true
}
