package golang

import "testing"

// TestSinks: each sink with request input in the argument that matters gives its rule; the same call with
// the input elsewhere (a placeholder, a script's positional parameter, a fixed host) gives nothing.
func TestSinks(t *testing.T) {
	x := `r.FormValue("x")`
	hit := func(rule string) []string { return []string{rule + " " + x + "@1 high"} }
	hit2 := func(rule string) []string { return []string{rule + " " + x + "@2 high"} }
	runTable(t, []tcase{
		// SSRF
		{name: "http.Get", body: "http.Get(" + x + ")", want: hit("go-ssrf-http-get")},
		{name: "http.Head", body: "http.Head(" + x + ")", want: hit("go-ssrf-http-head")},
		{name: "http.Post", body: "http.Post(" + x + ", \"text/plain\", nil)", want: hit("go-ssrf-http-post")},
		{name: "http.PostForm", body: "http.PostForm(" + x + ", nil)", want: hit("go-ssrf-http-postform")},
		{name: "package client", body: "client.Get(" + x + ")", want: hit("go-ssrf-client-get")},
		{name: "default client", body: "http.DefaultClient.Get(" + x + ")", want: hit("go-ssrf-client-get")},
		{name: "local client", body: "c := &http.Client{}\nc.Post(" + x + ", \"text/plain\", nil)", want: hit2("go-ssrf-client-post")},
		{name: "new request and do", body: "req, _ := http.NewRequest(\"GET\", " + x + ", nil)\nreq = req.WithContext(r.Context())\nhttp.DefaultClient.Do(req)", want: hit("go-ssrf-client-do")},
		{name: "new request never sent", body: "http.NewRequest(\"GET\", " + x + ", nil)"},
		{name: "request body is no target", body: "req, _ := http.NewRequest(\"POST\", \"https://api.example.com/\", strings.NewReader(" + x + "))\nclient.Do(req)"},
		{name: "net.Dial", body: "net.Dial(\"tcp\", " + x + ")", want: hit("go-ssrf-net-dial")},
		{name: "fixed host concatenated", body: "http.Get(\"https://api.example.com/users/\" + " + x + ")"},
		{name: "fixed host formatted", body: "http.Get(fmt.Sprintf(\"https://api.example.com/users/%s\", " + x + "))"},
		{name: "host formatted", body: "http.Get(fmt.Sprintf(\"%s/users\", " + x + "))", want: hit("go-ssrf-http-get")},
		{name: "host concatenated", body: "http.Get(\"http://\" + " + x + " + \"/status\")", want: hit("go-ssrf-http-get")},
		{name: "url literal with fixed host", body: "u := url.URL{Scheme: \"https\", Host: \"api.example.com\", Path: " + x + "}\nhttp.Get(u.String())"},
		{name: "url literal with input host", body: "u := &url.URL{Scheme: \"https\", Host: " + x + "}\nhttp.Get(u.String())", want: hit("go-ssrf-http-get")},
		{name: "input host assigned", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Host = " + x + "\nhttp.Get(u.String())", want: hit2("go-ssrf-http-get")},
		{name: "input path assigned", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Path = " + x + "\nhttp.Get(u.String())"},
		{name: "input path assigned reaches a file", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Path = " + x + "\nos.Open(u.Path)", want: hit2(pathOpen)},
		{name: "join path on a fixed base", body: "u, _ := url.JoinPath(\"https://api.example.com/\", " + x + ")\nhttp.Get(u)"},
		// command injection
		{name: "program", body: "exec.Command(" + x + ", \"-v\")", want: hit(cmdInj)},
		{name: "program with context", body: "exec.CommandContext(r.Context(), " + x + ")", want: hit(cmdInj)},
		{name: "sh -c script", body: "exec.Command(\"sh\", \"-c\", \"ls \" + " + x + ")", want: hit(cmdInj)},
		{name: "bash -ec script", body: "exec.Command(\"/bin/bash\", \"-ec\", " + x + ")", want: hit(cmdInj)},
		{name: "cmd /C", body: "exec.Command(\"cmd.exe\", \"/C\", " + x + ")", want: hit(cmdInj)},
		{name: "shell reading a script file", body: "exec.Command(\"sh\", " + x + ")", want: hit(cmdInj)},
		{name: "positional parameter", body: "exec.Command(\"sh\", \"-c\", `echo \"$1\"`, \"sh\", " + x + ")"},
		{name: "argument of a fixed program", body: "exec.Command(\"git\", \"log\", \"--\", " + x + ")"},
		{name: "syscall.Exec", body: "syscall.Exec(" + x + ", nil, nil)", want: hit("go-command-injection-syscall-exec")},
		// code and template injection
		{name: "plugin.Open", body: "plugin.Open(" + x + ")", want: hit("go-code-injection-plugin-open")},
		{name: "yaegi", body: "i := interp.New(interp.Options{})\ni.Eval(" + x + ")", want: hit2("go-code-injection-yaegi-eval")},
		{name: "goja", body: "vm := goja.New()\nvm.RunString(" + x + ")", want: hit2("go-code-injection-goja-run")},
		{name: "text/template", body: "ttemplate.Must(ttemplate.New(\"x\").Parse(" + x + "))", want: hit("go-template-injection-template-parse")},
		{name: "template variable", body: "t := ttemplate.New(\"x\")\nt.Parse(" + x + ")", want: hit2("go-template-injection-template-parse")},
		{name: "template data", body: "t := template.Must(template.New(\"x\").Parse(\"{{.}}\"))\nt.Execute(w, " + x + ")"},
		// SQL injection
		{name: "Query", body: "db.Query(\"SELECT * FROM t WHERE a = '\" + " + x + " + \"'\")", want: hit("go-sql-injection-db-query")},
		{name: "QueryRow", body: "db.QueryRow(\"SELECT * FROM t WHERE a = \" + " + x + ")", want: hit("go-sql-injection-db-query")},
		{name: "Exec", body: "db.Exec(\"DELETE FROM t WHERE a = \" + " + x + ")", want: hit("go-sql-injection-db-exec")},
		{name: "QueryContext", body: "db.QueryContext(r.Context(), \"SELECT \" + " + x + ")", want: hit("go-sql-injection-db-query")},
		{name: "pgx style context first", body: "ctx := r.Context()\nconn.Exec(ctx, \"DELETE FROM t WHERE a = \" + " + x + ")", want: hit2("go-sql-injection-db-exec")},
		{name: "Prepare", body: "db.Prepare(\"SELECT \" + " + x + ")", want: hit("go-sql-injection-db-prepare")},
		{name: "transaction", body: "tx, _ := db.Begin()\ntx.Exec(\"DELETE FROM t WHERE a = \" + " + x + ")", want: hit2("go-sql-injection-db-exec")},
		{name: "placeholders", body: "db.QueryContext(r.Context(), \"SELECT * FROM t WHERE a = $1\", " + x + ")"},
		{name: "gorm Raw", body: "gdb.Raw(\"SELECT * FROM t WHERE a = '\" + " + x + " + \"'\")", want: hit("go-sql-injection-gorm-raw")},
		{name: "gorm Where formatted", body: "gdb.Where(fmt.Sprintf(\"a = '%s'\", " + x + "))", want: hit("go-sql-injection-gorm-where")},
		{name: "gorm Where placeholder", body: "gdb.Where(\"a = ?\", " + x + ")"},
		{name: "gorm Where struct", body: "gdb.Where(&body{Cmd: " + x + "})"},
		{name: "gorm Order", body: "gdb.Model(nil).Order(" + x + ")", want: hit("go-sql-injection-gorm-order")},
		{name: "gin Query is a source, not a sink", fw: "gin", body: "c.Query(c.Query(\"x\"))"},
		// path traversal
		{name: "os.Open", body: "os.Open(" + x + ")", want: hit(pathOpen)},
		{name: "os.OpenFile", body: "os.OpenFile(" + x + ", os.O_RDONLY, 0)", want: hit(pathOpen)},
		{name: "os.ReadFile", body: "os.ReadFile(" + x + ")", want: hit("go-path-traversal-os-readfile")},
		{name: "ioutil.ReadFile", body: "ioutil.ReadFile(" + x + ")", want: hit("go-path-traversal-ioutil-readfile")},
		{name: "os.Create", body: "os.Create(" + x + ")", want: hit("go-path-traversal-os-create")},
		{name: "os.WriteFile", body: "os.WriteFile(" + x + ", nil, 0o600)", want: hit("go-path-traversal-os-writefile")},
		{name: "os.RemoveAll", body: "os.RemoveAll(" + x + ")", want: hit("go-path-traversal-os-remove")},
		{name: "joined under a base", body: "os.ReadFile(filepath.Join(\"/srv/data\", " + x + "))", want: hit("go-path-traversal-os-readfile")},
		{name: "ServeFile", body: "http.ServeFile(w, r, filepath.Join(\"/srv\", " + x + "))", want: hit("go-path-traversal-http-servefile")},
		{name: "ServeFile of the URL path", body: "http.ServeFile(w, r, filepath.Join(\"/srv\", r.URL.Path))"},
		{name: "gin File", fw: "gin", body: "c.File(c.Query(\"f\"))", want: []string{`go-path-traversal-gin-file c.Query("f")@1 high`}},
		{name: "echo Attachment", fw: "echo", body: "return c.Attachment(c.QueryParam(\"f\"), \"report.csv\")", want: []string{`go-path-traversal-echo-file c.QueryParam("f")@1 high`}},
		// deserialization: no Go decoder runs code of the input's choosing
		{name: "gob decode", body: "var v any\ngob.NewDecoder(r.Body).Decode(&v)"},
	})
}
