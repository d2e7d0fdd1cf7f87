package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

var phpSinkTable = buildPHPSinks()

// sinks looks a PHP call up as written, then lower-cased (PHP function names ignore case); a call of a
// variable ($f(…)) is a dynamic call.
func (php) sinks(name string) []*sink {
	if s := phpSinkTable[name]; s != nil {
		return s
	}
	if strings.HasPrefix(name, "Http.") && strings.Contains(name, "().") { // Http::timeout(5)->get($url)
		return phpSinkTable["Http."+lastSegment(name)]
	}
	if strings.HasPrefix(name, "$") && !strings.Contains(name, ".") {
		return []*sink{phpDynamicCall}
	}
	return phpSinkTable[strings.ToLower(name)]
}

// phpDynamicCall is $f(…) with a function name taken from input.
var phpDynamicCall = &sink{class: flaw.CodeInjection, slug: "dynamic-call", reach: func(cc *callCtx) (taint, bool) { return cc.fn, true }}

// buildPHPSinks lists the PHP sinks (the standard library, Guzzle, Laravel, WordPress, Twig).
func buildPHPSinks() sinkTable {
	t := sinkTable{}
	verbs := []string{"get", "post", "put", "patch", "delete", "head", "request", "getAsync", "postAsync", "requestAsync", "send"}
	// SSRF. file_get_contents and fopen also read local files: they are path traversal too.
	t.add(&sink{class: flaw.SSRF, slug: "file-get-contents", reach: argAt(0)}, "file_get_contents", "fopen",
		"get_headers", "curl_init", "fsockopen", "SoapClient", "simplexml_load_file")
	t.add(&sink{class: flaw.SSRF, slug: "curl", reach: curlReach}, "curl_setopt", "curl_setopt_array")
	t.add(&sink{class: flaw.SSRF, slug: "guzzle", reach: guzzleReach}, methodsOf("GuzzleHttp\\Client", verbs...)...)
	t.add(&sink{class: flaw.SSRF, slug: "laravel-http", reach: argAt(0)}, methodsOf("Http", "get", "post", "put", "patch", "delete", "head")...)
	// Command injection.
	t.add(&sink{class: flaw.CommandInjection, slug: "exec", reach: argAt(0)}, "system", "exec", "shell_exec", "passthru",
		"popen", "pcntl_exec")
	t.add(&sink{class: flaw.CommandInjection, slug: "proc-open", reach: procOpenReach}, "proc_open")
	// Code injection.
	t.add(&sink{class: flaw.CodeInjection, slug: "eval", reach: argAt(0)}, "eval", "call_user_func", "call_user_func_array")
	t.add(&sink{class: flaw.CodeInjection, slug: "assert", reach: argAt(0), capConfidence: "medium",
		note: "assert() evaluates strings only before PHP 8"}, "assert")
	t.add(&sink{class: flaw.CodeInjection, slug: "create-function", reach: anyArg()}, "create_function")
	t.add(&sink{class: flaw.CodeInjection, slug: "preg-replace-e", reach: pregEvalReach}, "preg_replace")
	t.add(&sink{class: flaw.CodeInjection, slug: "include", cwe: "CWE-98", guard: flaw.PathTraversal, reach: argAt(0)},
		"include", "include_once", "require", "require_once")
	// Template injection.
	t.add(&sink{class: flaw.TemplateInjection, slug: "twig-create-template", reach: argAt(0)}, "*.createTemplate")
	t.add(&sink{class: flaw.TemplateInjection, slug: "blade-render", reach: argAt(0)}, "Blade.render", "Blade.compileString")
	// SQL injection: the query text, first argument or after the connection.
	t.add(&sink{class: flaw.SQLInjection, slug: "mysqli-query", reach: argAt(1)}, "mysqli_query", "mysqli_multi_query",
		"mysqli_real_query", "mysqli_prepare", "pg_send_query")
	t.add(&sink{class: flaw.SQLInjection, slug: "pg-query", reach: pgQueryReach}, "pg_query")
	t.add(&sink{class: flaw.SQLInjection, slug: "query", reach: argAt(0)}, "mysql_query", "sqlite_query", "mysql_unbuffered_query",
		"*.query", "*.exec", "*.prepare", "*.multi_query", "*.real_query", "*.get_results", "*.get_var", "*.get_row",
		"*.get_col", "*.unprepared", "*.whereRaw", "*.orWhereRaw", "*.havingRaw", "*.orderByRaw", "*.selectRaw",
		"*.groupByRaw", "*.fromRaw")
	t.add(&sink{class: flaw.SQLInjection, slug: "laravel-db", reach: argAt(0)}, methodsOf("DB", "select", "selectOne",
		"insert", "update", "delete", "statement", "unprepared", "raw", "cursor", "scalar")...)
	// Path traversal.
	t.add(&sink{class: flaw.PathTraversal, slug: "file-read", reach: argAt(0)}, "file_get_contents", "fopen", "readfile",
		"file", "file_put_contents", "unlink", "highlight_file", "show_source", "parse_ini_file", "copy", "rename",
		"rmdir", "mkdir", "scandir", "opendir", "response().download", "response().file")
	t.add(&sink{class: flaw.PathTraversal, slug: "move-uploaded-file", reach: argAt(1)}, "move_uploaded_file")
	// Deserialization.
	t.add(&sink{class: flaw.Deserialization, slug: "unserialize", reach: unserializeReach}, "unserialize")
	return t
}

// curlReach is the URL option: curl_setopt($ch, CURLOPT_URL, $url) or curl_setopt_array($ch, [CURLOPT_URL => $url]).
func curlReach(cc *callCtx) (taint, bool) {
	if strings.EqualFold(cc.name, "curl_setopt") {
		if syntax.DottedName(cc.argExpr(1)) == "CURLOPT_URL" {
			return cc.arg(2), true
		}
		return none, false
	}
	return cc.prop(1, "CURLOPT_URL")
}

// guzzleReach is the URI of a Guzzle request: the first argument, or the second of request($method, $uri).
func guzzleReach(cc *callCtx) (taint, bool) {
	if strings.HasPrefix(cc.method, "request") || cc.method == "send" {
		return cc.arg(1), true
	}
	return cc.arg(0), true
}

// procOpenReach is proc_open's command: a string goes to the shell; an array runs its first element directly.
func procOpenReach(cc *callCtx) (taint, bool) {
	if arr, ok := cc.argExpr(0).(*syntax.Array); ok {
		if len(arr.Elems) == 0 {
			return none, false
		}
		return cc.e.evalQuiet(arr.Elems[0]), true
	}
	return cc.arg(0), true
}

// pgQueryReach is pg_query's query: the second argument, or the only one.
func pgQueryReach(cc *callCtx) (taint, bool) {
	if cc.positional() > 1 {
		return cc.arg(1), true
	}
	return cc.arg(0), true
}

// pregEvalReach is preg_replace with the /e modifier (PHP before 7), which evaluates the replacement.
func pregEvalReach(cc *callCtx) (taint, bool) {
	p, ok := litText(cc.argExpr(0))
	if !ok || len(p) < 2 {
		return none, false
	}
	end := strings.LastIndexByte(p, p[0])
	if p[0] == '(' || p[0] == '{' || p[0] == '[' {
		end = strings.LastIndexAny(p, ")}]")
	}
	if end <= 0 || !strings.Contains(p[end+1:], "e") {
		return none, false
	}
	return merge(cc.arg(1), cc.arg(2)), true
}

// unserializeReach is unserialize unless its options forbid objects (['allowed_classes' => false]).
func unserializeReach(cc *callCtx) (taint, bool) {
	if obj, ok := cc.argExpr(1).(*syntax.Object); ok {
		for _, p := range obj.Props {
			if p.Key == "allowed_classes" {
				if l, ok := p.Value.(*syntax.Lit); ok && l.Value == "false" {
					return none, false
				}
			}
		}
	}
	return cc.arg(0), true
}
