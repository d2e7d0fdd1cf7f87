package script

import (
	"fmt"
	"strings"
	"testing"
)

// genJS writes an Express router of about 12 handlers and 140 lines: query and body reads, helpers,
// template literals, guards, and one sink in four handlers.
func genJS(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "// router %d\nconst express = require(\"express\");\nconst { exec } = require(\"child_process\");\n", i)
	b.WriteString("const axios = require(\"axios\");\nconst db = require(\"../db\");\nconst router = express.Router();\n")
	b.WriteString("const ALLOWED = new Set([\"a\", \"b\"]);\n\n")
	for h := 0; h < 12; h++ {
		fmt.Fprintf(&b, "router.get(\"/r%d/h%d/:id\", async (req, res, next) => {\n  try {\n", i, h)
		b.WriteString("    const { q, page = 1 } = req.query;\n    const id = Number(req.params.id);\n")
		b.WriteString("    const items = (await db.list(id)).map((x) => ({ ...x, label: `${x.name} (${x.kind})` }));\n")
		switch h % 4 {
		case 0:
			b.WriteString("    const { data } = await axios.get(`https://svc.internal/items/${id}`, { params: { q } });\n")
		case 1:
			b.WriteString("    if (!ALLOWED.has(q)) return res.status(400).end();\n    exec(`report ${q}`, () => {});\n")
		case 2:
			b.WriteString("    const rows = await db.query(`SELECT * FROM t WHERE name = '${q}' LIMIT ${page * 10}`);\n")
		default:
			b.WriteString("    const r = await fetch(req.body.callback || \"https://hooks.internal/x\");\n")
		}
		b.WriteString("    res.json({ items, page });\n  } catch (err) {\n    next(err);\n  }\n});\n\n")
	}
	b.WriteString("module.exports = router;\n")
	return []byte(b.String())
}

// genPython writes a Flask blueprint of about 10 views and 120 lines.
func genPython(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Views %d.\"\"\"\nimport os\nimport subprocess\n\nimport requests\n", i)
	b.WriteString("from flask import Blueprint, abort, jsonify, request\n\nbp = Blueprint(\"v\", __name__)\nALLOWED = {\"a\", \"b\"}\n\n")
	for h := 0; h < 10; h++ {
		fmt.Fprintf(&b, "\n@bp.route(\"/v%d/h%d/<int:item_id>\", methods=[\"GET\", \"POST\"])\ndef view_%d(item_id):\n", i, h, h)
		b.WriteString("    q = request.args.get(\"q\", \"\")\n    page = int(request.args.get(\"page\", 1))\n")
		b.WriteString("    rows = [r for r in fetch_rows(item_id) if r.get(\"kind\") == q]\n")
		switch h % 4 {
		case 0:
			b.WriteString("    r = requests.get(f\"https://svc.internal/items/{item_id}\", params={\"q\": q}, timeout=3)\n")
		case 1:
			b.WriteString("    if q not in ALLOWED:\n        abort(400)\n    subprocess.run([\"report\", q], check=True)\n")
		case 2:
			b.WriteString("    cur.execute(\"SELECT * FROM t WHERE name = '%s' LIMIT %d\" % (q, page))\n")
		default:
			b.WriteString("    os.system(\"convert \" + q)\n")
		}
		b.WriteString("    return jsonify(rows=rows, page=page)\n")
	}
	return []byte(b.String())
}

// genPHP writes a PHP controller of about 10 methods and 110 lines.
func genPHP(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?php\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Http\\Request;\nuse Illuminate\\Support\\Facades\\DB;\n\nclass C%dController extends Controller\n{\n", i)
	for h := 0; h < 10; h++ {
		fmt.Fprintf(&b, "    public function action%d(Request $request, int $id)\n    {\n", h)
		b.WriteString("        $q = $request->input('q', '');\n        $page = (int) $request->query('page', 1);\n")
		b.WriteString("        $rows = array_map(fn ($r) => $r->name . ' ' . $r->kind, DB::select('SELECT * FROM t WHERE id = ?', [$id]));\n")
		switch h % 3 {
		case 0:
			b.WriteString("        $more = DB::select(\"SELECT * FROM t WHERE name = '$q'\");\n")
		case 1:
			b.WriteString("        if (!in_array($q, ['a', 'b'], true)) {\n            abort(400);\n        }\n        $out = shell_exec(\"report $q\");\n")
		default:
			b.WriteString("        $out = file_get_contents('https://svc.internal/items/' . urlencode($q));\n")
		}
		b.WriteString("        return response()->json(['rows' => $rows, 'page' => $page]);\n    }\n\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// BenchmarkDetect runs the detector over 1,000 generated files (450 JavaScript, 100 TypeScript, 250 Python,
// 200 PHP; about 130,000 lines) and reports files and lines per second.
func BenchmarkDetect(b *testing.B) {
	type file struct {
		name string
		src  []byte
	}
	var files []file
	total, lineCount := 0, 0
	for i := 0; i < 1000; i++ {
		var f file
		switch {
		case i < 450:
			f = file{fmt.Sprintf("svc%d/routes/r%d.js", i%20, i), genJS(i)}
		case i < 550:
			f = file{fmt.Sprintf("svc%d/routes/r%d.ts", i%20, i), genJS(i)}
		case i < 800:
			f = file{fmt.Sprintf("svc%d/views/v%d.py", i%20, i), genPython(i)}
		default:
			f = file{fmt.Sprintf("svc%d/app/Http/Controllers/C%dController.php", i%20, i), genPHP(i)}
		}
		files = append(files, f)
		total += len(f.src)
		lineCount += strings.Count(string(f.src), "\n")
	}
	d := New()
	findings := 0
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		findings = 0
		for _, f := range files {
			fs, _ := d.Detect(f.name, f.src)
			findings += len(fs)
		}
	}
	b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(lineCount)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(findings), "findings")
	b.ReportMetric(float64(lineCount), "lines")
}
