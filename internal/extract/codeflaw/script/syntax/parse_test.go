package syntax

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseAs parses src in lang: js, ts (TypeScript), jsx, py or php.
func parseAs(lang, src string) *File {
	switch lang {
	case "py":
		return ParsePython([]byte(src))
	case "php":
		return ParsePHP([]byte(src))
	}
	return ParseJS([]byte(src), lang == "ts", lang == "jsx")
}

// TestParse draws the tree of each construct the detector relies on as S-expressions (see Format). Each
// case is valid code; none may give a parse error.
func TestParse(t *testing.T) {
	tests := []struct{ lang, src, want string }{
		{"js", "const { url, id: userId = 1, ...rest } = req.query;",
			"(const = {url:url id:(= userId 1) ...rest} (. req query))\n"},
		{"js", "x = `a ${b + `c ${d}`} e`;",
			"(= x (interp \"a \" (+ b (interp \"c \" d)) \" e\"))\n"},
		{"js", "a = b / c / d; e = /x\\/y[/]/g.test(f)",
			"(= a (/ (/ b c) d))\n(= e (call (. /x\\/y[/]/g test) f))\n"},
		{"js", "a = b\n(c)\nreturn\nx",
			"(= a (call b c))\nreturn _\nx\n"},
		{"ts", "const f = async (a: string, { b }: Opts = {}): Promise<void> => { g<string>(a) }",
			"(const = f (func  (a:string {b:b}:Opts) {1}))\n"},
		{"js", "a?.b.c?.(d)?.[e]; x++\n++y",
			"([] (call (. (. a b) c) d) e)\n(++ x)\n(++ y)\n"},
		{"ts", "a!.b; const n = <number>m; type T = { a: string }; interface I { x: number } let v = w as unknown as T;",
			"(. a b)\n(const = n m)\n(let = v w)\n"},
		{"js", "class A extends B.C { static x = 1; #p = req; async get(a) { return a } }",
			"class A extends B.C\n  body:\n    (= (. this x) 1)\n    (= (. this p) req)\n    funcdecl async (func get (a) {1})\n      body:\n        return a\n"},
		{"js", "for (const [k, v] of Object.entries(o)) f(k); for (k in o) g(k); for (let i = 0; i < n; i++) h(i)",
			"loop-of _ [k v] (call (. Object entries) o)\n  body:\n    (call f k)\nloop-in _ k o\n  body:\n    (call g k)\nblock-for _\n  body:\n    (let = i 0)\n    loop-while _ _ (< i n)\n      body:\n        (call h i)\n        (++ i)\n"},
		{"jsx", "const el = <div className={x}>{y} don't</div>; z()",
			"(const = el <bad>)\n"},
		{"js", "export default async (req, res) => res.end(); export const GET = function () {}; export { a as b };",
			"export default (func  (req res) => (call (. res end)))\nexport (const = GET (func  () {0}))\nexport _\n"},
		{"js", "import fs, { readFile as rf } from 'node:fs'; import * as cp from \"child_process\";",
			"import \"node:fs\" default=>fs readFile=>rf\nimport \"child_process\" *=>cp\n"},
		{"js", "try { a() } catch (e) { b(e) } finally { c() } switch (x) { case 1: d(); break; default: e() }",
			"block-try e\n  body:\n    (call a)\n    (call b e)\n    (call c)\nblock-switch x\n  body:\n    (call d)\n    break _\n    (call e)\n"},
		{"py", "@app.route('/x', methods=['POST'])\nasync def f(a: int, b: str = Query(None), *args, c=1, **kw) -> dict:\n    return a\n",
			"funcdecl  (func f (a:int b:str args c kw) {1})\n  body:\n    return a\n"},
		{"py", "x = f\"{a['k']!r:>{w}} {{lit}} {b + 1}\"\n",
			"(= x (interp ([] a \"k\") \" {lit} \" (+ b 1)))\n"},
		{"py", "y = [i * 2 for i in xs if i not in bad and i is not None]\nz = (w := g()) if c else lambda q, r=1: q\n",
			"(= y (comp (* i 2) for i in xs))\n(= z (? c (:= w (call g)) (func <lambda> (q r) => q)))\n"},
		{"py", "with open(p) as f, lock:\n    pass\nasync with s.get(u) as r:\n    x = await r.text()\n",
			"with (call open p) as f lock as _\nwith (call (. s get) u) as r\n  body:\n    (= x (await (call (. r text))))\n"},
		{"py", "try:\n    a()\nexcept (E, F) as e:\n    b(e)\nelse:\n    c()\nfinally:\n    d()\n",
			"block-try e\n  body:\n    (call a)\n    (call b e)\n    (call c)\n    (call d)\n"},
		{"py", "if a:\n\tif b:\n\t\tc()\n\td()\ne()\nx = (1 +\n     2) + \\\n    3\n",
			"if a\n  then:\n    if b\n      then:\n        (call c)\n    (call d)\n(call e)\n(= x (+ (+ 1 2) 3))\n"},
		{"py", "match cmd:\n    case {\"a\": x}:\n        f(x)\n    case _:\n        g()\n",
			"block-match cmd\n  body:\n    (call f x)\n    (call g)\n"},
		{"py", "from . import views\nfrom a.b import (c as d,\n    e)\nimport os.path, x.y as z\n",
			"import \".\" views=>views\nimport \"a.b\" c=>d e=>e\nblock-decl _\n  body:\n    import \"os.path\" =>\n    import \"x.y\" =>z\n"},
		{"php", "<?php $s = \"$a $b[c] $d->e {$f['g']} ${h} \\$no\";",
			"(= $s (interp $a \" \" ([] $b \"c\") \" \" (. $d e) \" \" ([] $f \"g\") \" \" $h \" $no\"))\n"},
		{"php", "<?php $x = <<<EOT\n  Hi {$a}\n  EOT;\n$y = <<<'N'\nraw $b\nN;\n",
			"(= $x (interp \"Hi \" $a))\n(= $y \"raw $b\")\n"},
		{"php", "<?php $a = array('k' => $v, 2); list($x, $y) = array($b, $c);",
			"(= $a {[\"k\"]:$v :2})\n(= [$x $y] [$b $c])\n"},
		{"php", "<?php $i = (int) $_GET['i']; $f = function ($a) use (&$b, $c) { return $a; }; $g = fn($x) => $x . $y;",
			"(= $i ((int) ([] $_GET \"i\")))\n(= $f (func  ($a) {1}))\n(= $g (func  ($x) => (. $x $y)))\n"},
		{"php", "<?php $r = match ($x) { 1, 2 => 'a', default => $b }; if ($a): echo 1; elseif ($b): echo 2; else: echo 3; endif;",
			"(= $r (? $x [\"a\" $b] _))\nif $a\n  then:\n    (call echo 1)\n  else:\n    if $b\n      then:\n        (call echo 2)\n      else:\n        (call echo 3)\n"},
		{"php", "<p><?= $title ?></p><?php foreach ($rows as $k => &$v) { echo $v; } ?>",
			"(call echo $title)\nloop-foreach $k $v $rows\n  body:\n    (call echo $v)\n"},
		{"php", "<?php namespace App; use A\\B as C, D; class E extends \\F { public function __construct(private readonly G $g, int ...$n) {} }",
			"import \"\" A\\B=>C D=>D\nclass E extends F\n  body:\n    funcdecl public (func __construct ($g:G $n:int) {0})\n"},
	}
	for _, tt := range tests {
		f := parseAs(tt.lang, tt.src)
		if len(f.Errors) > 0 {
			t.Errorf("%s %q: errors %v", tt.lang, tt.src, f.Errors)
		}
		if diff := cmp.Diff(tt.want, Format(f.Body)); diff != "" {
			t.Errorf("%s %q (-want +got):\n%s", tt.lang, tt.src, diff)
		}
	}
}
