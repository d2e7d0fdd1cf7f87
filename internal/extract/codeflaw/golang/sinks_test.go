package golang

import "testing"

// TestSinks: each sink with request input in the argument that matters gives its rule; the same call with
// the input elsewhere (a placeholder, a script's positional parameter, a fixed host) gives nothing.
func TestSinks(t *testing.T) { runTable(t, sinkCases) }

const xIn = `r.FormValue("x")`

func want1(rule string) []string { return []string{rule + " " + xIn + "@1 high"} }
func want2(rule string) []string { return []string{rule + " " + xIn + "@2 high"} }

var sinkCases = []tcase{
	// SSRF
	{name: "http.Get", body: "http.Get(" + xIn + ")", want: want1("go-ssrf-http-get")},
	{name: "http.Head", body: "http.Head(" + xIn + ")", want: want1("go-ssrf-http-head")},
	{name: "http.Post", body: "http.Post(" + xIn + ", \"text/plain\", nil)", want: want1("go-ssrf-http-post")},
	{name: "http.PostForm", body: "http.PostForm(" + xIn + ", nil)", want: want1("go-ssrf-http-postform")},
	{name: "package client", body: "client.Get(" + xIn + ")", want: want1("go-ssrf-client-get")},
	{name: "default client", body: "http.DefaultClient.Get(" + xIn + ")", want: want1("go-ssrf-client-get")},
	{name: "local client", body: "c := &http.Client{}\nc.Post(" + xIn + ", \"text/plain\", nil)", want: want2("go-ssrf-client-post")},
	{name: "new request and do", body: "req, _ := http.NewRequest(\"GET\", " + xIn + ", nil)\nreq = req.WithContext(r.Context())\nhttp.DefaultClient.Do(req)", want: want1("go-ssrf-client-do")},
	{name: "new request never sent", body: "http.NewRequest(\"GET\", " + xIn + ", nil)"},
	{name: "request body is no target", body: "req, _ := http.NewRequest(\"POST\", \"https://api.example.com/\", strings.NewReader(" + xIn + "))\nclient.Do(req)"},
	{name: "net.Dial", body: "net.Dial(\"tcp\", " + xIn + ")", want: want1("go-ssrf-net-dial")},
	{name: "fixed host concatenated", body: "http.Get(\"https://api.example.com/users/\" + " + xIn + ")"},
	{name: "fixed host formatted", body: "http.Get(fmt.Sprintf(\"https://api.example.com/users/%s\", " + xIn + "))"},
	{name: "host formatted", body: "http.Get(fmt.Sprintf(\"%s/users\", " + xIn + "))", want: want1("go-ssrf-http-get")},
	{name: "host concatenated", body: "http.Get(\"http://\" + " + xIn + " + \"/status\")", want: want1("go-ssrf-http-get")},
	{name: "url literal with fixed host", body: "u := url.URL{Scheme: \"https\", Host: \"api.example.com\", Path: " + xIn + "}\nhttp.Get(u.String())"},
	{name: "url literal with input host", body: "u := &url.URL{Scheme: \"https\", Host: " + xIn + "}\nhttp.Get(u.String())", want: want1("go-ssrf-http-get")},
	{name: "input host assigned", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Host = " + xIn + "\nhttp.Get(u.String())", want: want2("go-ssrf-http-get")},
	{name: "input path assigned", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Path = " + xIn + "\nhttp.Get(u.String())"},
	{name: "input path assigned reaches a file", body: "u, _ := url.Parse(\"https://api.example.com/v1\")\nu.Path = " + xIn + "\nos.Open(u.Path)", want: want2(pathOpen)},
	{name: "join path on a fixed base", body: "u, _ := url.JoinPath(\"https://api.example.com/\", " + xIn + ")\nhttp.Get(u)"},
	// command injection
	{name: "program", body: "exec.Command(" + xIn + ", \"-v\")", want: want1(cmdInj)},
	{name: "program with context", body: "exec.CommandContext(r.Context(), " + xIn + ")", want: want1(cmdInj)},
	{name: "sh -c script", body: "exec.Command(\"sh\", \"-c\", \"ls \" + " + xIn + ")", want: want1(cmdInj)},
	{name: "bash -ec script", body: "exec.Command(\"/bin/bash\", \"-ec\", " + xIn + ")", want: want1(cmdInj)},
	{name: "cmd /C", body: "exec.Command(\"cmd.exe\", \"/C\", " + xIn + ")", want: want1(cmdInj)},
	{name: "shell reading a script file", body: "exec.Command(\"sh\", " + xIn + ")", want: want1(cmdInj)},
	{name: "positional parameter", body: "exec.Command(\"sh\", \"-c\", `echo \"$1\"`, \"sh\", " + xIn + ")"},
	{name: "argument of a fixed program", body: "exec.Command(\"git\", \"log\", \"--\", " + xIn + ")"},
	{name: "syscall.Exec", body: "syscall.Exec(" + xIn + ", nil, nil)", want: want1("go-command-injection-syscall-exec")},
	// code and template injection
	{name: "plugin.Open", body: "plugin.Open(" + xIn + ")", want: want1("go-code-injection-plugin-open")},
	{name: "yaegi", body: "i := interp.New(interp.Options{})\ni.Eval(" + xIn + ")", want: want2("go-code-injection-yaegi-eval")},
	{name: "goja", body: "vm := goja.New()\nvm.RunString(" + xIn + ")", want: want2("go-code-injection-goja-run")},
	{name: "text/template", body: "ttemplate.Must(ttemplate.New(\"x\").Parse(" + xIn + "))", want: want1("go-template-injection-template-parse")},
	{name: "template variable", body: "t := ttemplate.New(\"x\")\nt.Parse(" + xIn + ")", want: want2("go-template-injection-template-parse")},
	{name: "template data", body: "t := template.Must(template.New(\"x\").Parse(\"{{.}}\"))\nt.Execute(w, " + xIn + ")"},
	// SQL injection
	{name: "Query", body: "db.Query(\"SELECT * FROM t WHERE a = '\" + " + xIn + " + \"'\")", want: want1("go-sql-injection-db-query")},
	{name: "QueryRow", body: "db.QueryRow(\"SELECT * FROM t WHERE a = \" + " + xIn + ")", want: want1("go-sql-injection-db-query")},
	{name: "Exec", body: "db.Exec(\"DELETE FROM t WHERE a = \" + " + xIn + ")", want: want1("go-sql-injection-db-exec")},
	{name: "QueryContext", body: "db.QueryContext(r.Context(), \"SELECT \" + " + xIn + ")", want: want1("go-sql-injection-db-query")},
	{name: "pgx style context first", body: "ctx := r.Context()\nconn.Exec(ctx, \"DELETE FROM t WHERE a = \" + " + xIn + ")", want: want2("go-sql-injection-db-exec")},
	{name: "Prepare", body: "db.Prepare(\"SELECT \" + " + xIn + ")", want: want1("go-sql-injection-db-prepare")},
	{name: "transaction", body: "tx, _ := db.Begin()\ntx.Exec(\"DELETE FROM t WHERE a = \" + " + xIn + ")", want: want2("go-sql-injection-db-exec")},
	{name: "placeholders", body: "db.QueryContext(r.Context(), \"SELECT * FROM t WHERE a = $1\", " + xIn + ")"},
	{name: "gorm Raw", body: "gdb.Raw(\"SELECT * FROM t WHERE a = '\" + " + xIn + " + \"'\")", want: want1("go-sql-injection-gorm-raw")},
	{name: "gorm Where formatted", body: "gdb.Where(fmt.Sprintf(\"a = '%s'\", " + xIn + "))", want: want1("go-sql-injection-gorm-where")},
	{name: "gorm Where placeholder", body: "gdb.Where(\"a = ?\", " + xIn + ")"},
	{name: "gorm Where struct", body: "gdb.Where(&body{Cmd: " + xIn + "})"},
	{name: "gorm Order", body: "gdb.Model(nil).Order(" + xIn + ")", want: want1("go-sql-injection-gorm-order")},
	{name: "gin Query is a source, not a sink", fw: "gin", body: "c.Query(c.Query(\"x\"))"},
	// path traversal
	{name: "os.Open", body: "os.Open(" + xIn + ")", want: want1(pathOpen)},
	{name: "os.OpenFile", body: "os.OpenFile(" + xIn + ", os.O_RDONLY, 0)", want: want1(pathOpen)},
	{name: "os.ReadFile", body: "os.ReadFile(" + xIn + ")", want: want1("go-path-traversal-os-readfile")},
	{name: "ioutil.ReadFile", body: "ioutil.ReadFile(" + xIn + ")", want: want1("go-path-traversal-ioutil-readfile")},
	{name: "os.Create", body: "os.Create(" + xIn + ")", want: want1("go-path-traversal-os-create")},
	{name: "os.WriteFile", body: "os.WriteFile(" + xIn + ", nil, 0o600)", want: want1("go-path-traversal-os-writefile")},
	{name: "os.RemoveAll", body: "os.RemoveAll(" + xIn + ")", want: want1("go-path-traversal-os-remove")},
	{name: "joined under a base", body: "os.ReadFile(filepath.Join(\"/srv/data\", " + xIn + "))", want: want1("go-path-traversal-os-readfile")},
	{name: "ServeFile", body: "http.ServeFile(w, r, filepath.Join(\"/srv\", " + xIn + "))", want: want1("go-path-traversal-http-servefile")},
	{name: "ServeFile of the URL path", body: "http.ServeFile(w, r, filepath.Join(\"/srv\", r.URL.Path))"},
	{name: "gin File", fw: "gin", body: "c.File(c.Query(\"f\"))", want: []string{`go-path-traversal-gin-file c.Query("f")@1 high`}},
	{name: "gin SaveUploadedFile", fw: "gin", body: "f, _ := c.FormFile(\"f\")\nc.SaveUploadedFile(f, \"/uploads/\"+f.Filename)",
		want: []string{`go-path-traversal-gin-saveuploadedfile c.FormFile("f")@1 high`}},
	{name: "gin SaveUploadedFile to a generated name", fw: "gin", body: "f, _ := c.FormFile(\"f\")\nc.SaveUploadedFile(f, \"/uploads/\"+uuid.NewString())"},
	{name: "echo Attachment", fw: "echo", body: "return c.Attachment(c.QueryParam(\"f\"), \"report.csv\")", want: []string{`go-path-traversal-echo-file c.QueryParam("f")@1 high`}},
	// deserialization: no Go decoder runs code of the input's choosing
	{name: "gob decode", body: "var v any\ngob.NewDecoder(r.Body).Decode(&v)"},
}
