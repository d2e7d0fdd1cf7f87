package script

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// phpSuperglobals are PHP's request arrays.
var phpSuperglobals = map[string]srcKind{
	"$_GET": broadSrc, "$_POST": broadSrc, "$_REQUEST": broadSrc, "$_COOKIE": broadSrc, "$_FILES": broadSrc,
	"$HTTP_GET_VARS": broadSrc, "$HTTP_POST_VARS": broadSrc, "$HTTP_RAW_POST_DATA": specificSrc,
}

// phpServerKeys are the $_SERVER entries a client controls (besides every HTTP_* header).
var phpServerKeys = names("REQUEST_URI", "QUERY_STRING", "PHP_SELF", "PATH_INFO", "ORIG_PATH_INFO",
	"PATH_TRANSLATED", "REDIRECT_URL", "REDIRECT_QUERY_STRING", "HTTP_HOST")

// phpServerFiles are the $_FILES fields PHP itself sets (the temporary path, size, error code).
var phpServerFiles = names("tmp_name", "size", "error", "full_path_unused")

// laravelInput are the methods of a Laravel (or Symfony) request that return input: one value with an
// argument, the whole input without.
var laravelInput = map[string]srcKind{
	"input": specificSrc, "query": specificSrc, "post": specificSrc, "get": specificSrc, "cookie": specificSrc,
	"header": specificSrc, "route": specificSrc, "string": specificSrc, "str": specificSrc, "file": specificSrc,
	"getContent": specificSrc, "json": broadSrc, "all": broadSrc, "only": broadSrc, "except": broadSrc,
	"validated": broadSrc, "validate": broadSrc, "safe": broadSrc, "collect": broadSrc, "fullUrl": specificSrc,
	"url": specificSrc, "path": specificSrc, "segment": specificSrc, "getUri": specificSrc, "toArray": broadSrc,
}

// symfonyBags are the request properties that hold input bags (Symfony's ParameterBag).
var symfonyBags = names("query", "request", "cookies", "headers", "files", "attributes", "server")

// source recognises superglobals, php://input, request helpers and Laravel/Symfony request objects.
func (php) source(e *engine, x syntax.Expr) (taint, bool) {
	mk := func(k srcKind) (taint, bool) {
		return taint{src: spanOrigin(x), broad: k.broad}, true
	}
	switch n := x.(type) {
	case *syntax.Ident:
		if k, ok := phpSuperglobals[n.Name]; ok {
			return mk(k)
		}
	case *syntax.Index:
		if id, ok := n.X.(*syntax.Ident); ok && id.Name == "$_SERVER" {
			if key, ok := litKey(n.Key); ok && (strings.HasPrefix(key, "HTTP_") || phpServerKeys[key]) {
				return mk(specificSrc)
			}
			return none, true
		}
		if inner, ok := n.X.(*syntax.Index); ok && syntax.DottedName(inner.X) == "$_FILES" {
			if key, ok := litKey(n.Key); ok && phpServerFiles[key] {
				return none, true
			}
		}
	case *syntax.Call:
		return phpCallSource(e, n, mk)
	case *syntax.Member:
		if kind, ok := phpRequestRoot(e, n.X); ok && kind == "request" && !n.Static {
			if symfonyBags[n.Name] {
				return mk(broadSrc)
			}
			return mk(specificSrc) // Laravel's dynamic input properties: $request->email
		}
	}
	return none, false
}

// phpRequestRoot reports whether x is a request object: a Request parameter, or Laravel's request().
func phpRequestRoot(e *engine, x syntax.Expr) (string, bool) {
	switch r := x.(type) {
	case *syntax.Ident:
		return e.isRoot(r.Name)
	case *syntax.Call:
		if id, ok := r.Fn.(*syntax.Ident); ok && strings.EqualFold(id.Name, "request") && len(r.Args) == 0 {
			return "request", true
		}
	}
	return "", false
}

// phpCallSource recognises the calls that read input.
func phpCallSource(e *engine, c *syntax.Call, mk func(srcKind) (taint, bool)) (taint, bool) {
	if m, ok := c.Fn.(*syntax.Member); ok {
		_, isRoot := phpRequestRoot(e, m.X)
		facade := m.Static && (syntax.DottedName(m.X) == "Request" || syntax.DottedName(m.X) == "Input")
		if k, known := laravelInput[m.Name]; known && (isRoot || facade) {
			if len(c.Args) == 0 {
				k = broadSrc
			}
			return mk(k)
		}
		return none, false
	}
	name := strings.ToLower(syntax.DottedName(c.Fn))
	arg0, _ := litText(argX(c, 0))
	switch name {
	case "file_get_contents", "fopen":
		if strings.EqualFold(arg0, "php://input") {
			return mk(specificSrc)
		}
	case "getallheaders", "apache_request_headers", "filter_input_array":
		return mk(broadSrc)
	case "getenv":
		if strings.HasPrefix(arg0, "HTTP_") {
			return mk(specificSrc)
		}
	case "request":
		if len(c.Args) > 0 {
			return mk(specificSrc)
		}
	case "filter_input":
		if f := syntax.DottedName(argX(c, 2)); strings.Contains(f, "VALIDATE_INT") || strings.Contains(f, "VALIDATE_FLOAT") ||
			strings.Contains(f, "VALIDATE_BOOL") || strings.Contains(f, "NUMBER_INT") || strings.Contains(f, "NUMBER_FLOAT") {
			return none, true
		}
		return mk(specificSrc)
	}
	return none, false
}

// argX returns the expression of argument i, or nil.
func argX(c *syntax.Call, i int) syntax.Expr {
	if i < len(c.Args) {
		return c.Args[i].X
	}
	return nil
}

// phpNumeric are functions whose result is a number or boolean.
var phpNumeric = names("intval", "floatval", "boolval", "abs", "count", "strlen", "mb_strlen", "isset", "empty",
	"in_array", "array_key_exists", "md5", "sha1", "crc32", "hash", "password_hash", "password_verify", "uniqid",
	"rand", "mt_rand", "random_int", "time", "strtotime", "max", "min", "round", "floor", "ceil", "sizeof",
	"strpos", "stripos", "strrpos", "strcmp", "strcasecmp", "preg_match", "preg_match_all", "number_format",
	"is_numeric", "is_int", "is_string", "is_array", "ctype_digit", "ctype_alnum", "ctype_alpha", "checkdate",
	"file_exists", "is_file", "is_dir", "date", "str_contains", "str_starts_with", "str_ends_with", "array_sum",
	"hash_equals", "http_response_code", "header", "setcookie", "error_log", "json_last_error")

// phpTransparent are functions that return their arguments' content.
var phpTransparent = names("trim", "ltrim", "rtrim", "chop", "strtolower", "strtoupper", "mb_strtolower",
	"mb_strtoupper", "ucfirst", "lcfirst", "ucwords", "substr", "mb_substr", "str_pad", "urldecode", "rawurldecode",
	"base64_decode", "base64_encode", "json_encode", "json_decode", "htmlspecialchars", "htmlentities",
	"html_entity_decode", "strip_tags", "stripslashes", "addslashes", "nl2br", "implode", "join", "explode",
	"array_merge", "array_values", "array_keys", "array_filter", "array_slice", "array_unique", "array_reverse",
	"array_pop", "array_shift", "current", "reset", "end", "str_split", "wordwrap", "strval", "realpath",
	"dirname", "pathinfo", "http_build_query", "iconv", "mb_convert_encoding", "utf8_decode", "utf8_encode",
	"str_repeat", "strrev", "gzuncompress", "gzinflate", "gzdecode", "hex2bin", "bin2hex_unused", "stream_get_contents")

// phpCleaners are sanitisers and the classes their result is safe for.
var phpCleaners = map[string]classSet{
	"escapeshellarg": bit(flaw.CommandInjection), "escapeshellcmd": bit(flaw.CommandInjection),
	"basename": bit(flaw.PathTraversal), "mysqli_real_escape_string": bit(flaw.SQLInjection),
	"mysql_real_escape_string": bit(flaw.SQLInjection), "mysql_escape_string": bit(flaw.SQLInjection),
	"pg_escape_string": bit(flaw.SQLInjection), "pg_escape_literal": bit(flaw.SQLInjection),
	"pg_escape_identifier": bit(flaw.SQLInjection), "sqlite_escape_string": bit(flaw.SQLInjection),
	"SQLite3.escapeString": bit(flaw.SQLInjection), "*.real_escape_string": bit(flaw.SQLInjection),
	"*.escape_string": bit(flaw.SQLInjection), "*.quote": bit(flaw.SQLInjection), "*.escapeString": bit(flaw.SQLInjection),
	"*.prepare": 0, "*.esc_sql": bit(flaw.SQLInjection), "esc_sql": bit(flaw.SQLInjection),
	"urlencode":    bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection) | bit(flaw.SQLInjection),
	"rawurlencode": bit(flaw.SSRF) | bit(flaw.PathTraversal) | bit(flaw.CommandInjection) | bit(flaw.SQLInjection),
}

// result knows the PHP functions that cast, sanitise or pass on their arguments.
func (php) result(cc *callCtx) (taint, bool) {
	name := cc.name
	if cc.method == "" {
		name = strings.ToLower(name)
	}
	switch {
	case phpNumeric[name]:
		return none, true
	case phpTransparent[name]:
		return cc.all(), true
	case name == "sprintf" || name == "vsprintf":
		if f, ok := litText(cc.argExpr(0)); ok {
			var rest []syntax.Expr
			for _, a := range cc.call.Args[1:] {
				rest = append(rest, a.X)
			}
			if arr, ok := argX(cc.call, 1).(*syntax.Array); ok && name == "vsprintf" {
				rest = arr.Elems
			}
			return cc.e.formatArgs(f, rest, cc.all()), true
		}
	case name == "filter_var":
		if f := syntax.DottedName(cc.argExpr(1)); strings.Contains(f, "VALIDATE_INT") || strings.Contains(f, "NUMBER_INT") ||
			strings.Contains(f, "VALIDATE_FLOAT") || strings.Contains(f, "VALIDATE_BOOL") {
			return none, true
		}
	case cc.method == "prepare" && strings.Contains(cc.name, "wpdb"):
		return cc.all().cleaned(bit(flaw.SQLInjection)), true
	case name == "str_replace" || name == "str_ireplace" || name == "preg_replace":
		return merge(cc.arg(1), cc.arg(2)), true
	}
	if m, ok := phpCleaners[name]; ok {
		return cc.all().cleaned(m), true
	}
	if m, ok := phpCleaners["*."+cc.method]; ok && cc.method != "" && m != 0 {
		return cc.all().cleaned(m), true
	}
	return none, false
}

// binaryOp: . concatenates, ?? gives an operand; PHP's || and && give booleans.
func (php) binaryOp(op string) opKind {
	switch op {
	case ".":
		return opConcat
	case "??":
		return opEither
	}
	return opNone
}

// exits: exit, die, Laravel's abort and WordPress's wp_die end the request.
func (php) exits(name string) bool {
	switch strings.ToLower(name) {
	case "exit", "die", "abort", "wp_die", "abort_if", "abort_unless":
		return true
	}
	return false
}

// predicate recognises in_array, array_key_exists, isset($MAP[$x]), anchored preg_match, ctype and
// filter_var checks, prefix checks and comparisons with literals.
func (php) predicate(e *engine, x syntax.Expr) (then, els []check, ok bool) {
	switch n := x.(type) {
	case *syntax.Call:
		c, ok := phpCallCheck(e, n)
		return c, nil, ok
	case *syntax.Binary:
		if c, ok := strposCheck(e, n); ok {
			if n.Op == "===" || n.Op == "==" {
				return c, nil, true
			}
			return nil, c, true
		}
		switch n.Op {
		case "===", "==":
			c, ok := e.literalCompare(n.L, n.R)
			return c, nil, ok
		case "!==", "!=", "<>":
			c, ok := e.literalCompare(n.L, n.R)
			return nil, c, ok
		}
	}
	return nil, nil, false
}

// phpShapeChecks are functions true only for values of a harmless shape.
var phpShapeChecks = names("ctype_digit", "ctype_alnum", "ctype_alpha", "ctype_xdigit", "is_numeric", "is_int", "is_integer")

// phpCallCheck recognises the checking calls.
func phpCallCheck(e *engine, c *syntax.Call) ([]check, bool) {
	name := strings.ToLower(syntax.DottedName(c.Fn))
	switch {
	case len(c.Args) == 0:
		return nil, false
	case name == "in_array" || name == "array_key_exists":
		if len(c.Args) > 1 && !e.evalQuiet(c.Args[1].X).tainted() {
			return checkOf(e, c.Args[0].X, allClasses)
		}
	case name == "isset":
		if ix, ok := c.Args[0].X.(*syntax.Index); ok && ix.Key != nil && !e.evalQuiet(ix.X).tainted() {
			return checkOf(e, ix.Key, allClasses)
		}
	case name == "preg_match":
		if p, ok := litText(c.Args[0].X); ok && anchoredRegex(p) && len(c.Args) > 1 {
			return checkOf(e, c.Args[1].X, allClasses)
		}
	case phpShapeChecks[name]:
		return checkOf(e, c.Args[0].X, allClasses)
	case name == "filter_var" && len(c.Args) > 1:
		if f := syntax.DottedName(c.Args[1].X); strings.Contains(f, "VALIDATE_INT") || strings.Contains(f, "VALIDATE_FLOAT") ||
			strings.Contains(f, "VALIDATE_BOOL") {
			return checkOf(e, c.Args[0].X, allClasses)
		}
	case name == "str_starts_with" && len(c.Args) > 1:
		return prefixCheck(e, c.Args[0].X, c.Args[1].X)
	}
	return nil, false
}

// strposCheck recognises strpos($x, PREFIX) === 0 (a prefix check, true when the comparison is).
func strposCheck(e *engine, b *syntax.Binary) ([]check, bool) {
	c, ok := b.L.(*syntax.Call)
	lit, ok2 := b.R.(*syntax.Lit)
	if !ok || !ok2 || lit.Value != "0" || len(c.Args) < 2 || strings.ToLower(syntax.DottedName(c.Fn)) != "strpos" {
		return nil, false
	}
	switch b.Op {
	case "===", "==", "!==", "!=":
		return prefixCheck(e, c.Args[0].X, c.Args[1].X)
	}
	return nil, false
}
