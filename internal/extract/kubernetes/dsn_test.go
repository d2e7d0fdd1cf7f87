package kubernetes

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDSNHint(t *testing.T) {
	hint := func(scheme, host string, port int, db string) map[string]any {
		h := map[string]any{"scheme": scheme, "host": host}
		if port > 0 {
			h["port"] = port
		}
		if db != "" {
			h["database"] = db
		}
		return h
	}
	tests := []struct {
		in   string
		want map[string]any // nil: no hint
	}{
		// URLs of database schemes: scheme, host, port, database; never the user, password or query.
		{"postgres://user:pass@db.example.com:5432/orders?sslmode=require", hint("postgres", "db.example.com", 5432, "orders")},
		{"postgresql://db.example.com/orders", hint("postgresql", "db.example.com", 0, "orders")},
		{"mysql://app:s3cr3t@mysql.internal:3306/shop", hint("mysql", "mysql.internal", 3306, "shop")},
		{"mongodb+srv://u:p@cluster0.abcde.mongodb.net/sales?retryWrites=true", hint("mongodb+srv", "cluster0.abcde.mongodb.net", 0, "sales")},
		{"mongodb://u:p@h1.example:27017,h2.example:27017/app?replicaSet=rs0", hint("mongodb", "h1.example", 27017, "app")},
		{"redis://:tok@cache.internal:6379/0", hint("redis", "cache.internal", 6379, "0")},
		{"amqp://guest:guest@mq.internal:5672/vhost", hint("amqp", "mq.internal", 5672, "vhost")},
		{"  POSTGRES://U:P@DB.Example.COM/Orders\n", hint("postgres", "db.example.com", 0, "Orders")}, // trailing newline of a file
		{"postgres://u:p@[2001:db8::1]:5432/x", hint("postgres", "[2001:db8::1]", 5432, "x")},
		{"postgres://u:p%40ss@db.internal/x", hint("postgres", "db.internal", 0, "x")}, // escaped @
		{"postgres://u:p@ss@db.internal/x", hint("postgres", "db.internal", 0, "x")},   // unescaped @: the last one
		// Other schemes: no database (the path may hold a token).
		{"https://hooks.slack.com/services/T000/B000/XXXX", hint("https", "hooks.slack.com", 0, "")},
		{"https://user:key@api.partner.example:8443/v1", hint("https", "api.partner.example", 8443, "")},
		// JDBC.
		{"jdbc:postgresql://pg.internal:5432/orders?user=a&password=b", hint("jdbc:postgresql", "pg.internal", 5432, "orders")},
		{"jdbc:sqlserver://sql.internal:1433;databaseName=billing;user=sa;password=x", hint("jdbc:sqlserver", "sql.internal", 1433, "billing")},
		{"jdbc:mysql://u:p@my.internal/shop", hint("jdbc:mysql", "my.internal", 0, "shop")},
		// libpq key=value.
		{"host=db.internal port=5432 dbname=orders user=app password=secret", hint("postgres", "db.internal", 5432, "orders")},
		{"dbname=orders host=db.internal password='it''s secret' sslmode=verify-full", nil}, // '' is not libpq quoting
		{`host=db.internal password='with \' quote' dbname=x`, hint("postgres", "db.internal", 0, "x")},
		{"host=a.internal,b.internal port=5432,5433 dbname=x", hint("postgres", "a.internal", 5432, "x")},
		// Not connection strings, or not parseable without guessing: no hint.
		{"", nil}, {"hunter2", nil}, {"customer-documents", nil}, {"key=value", nil},
		{"host=db.internal port=abc", nil},
		{"postgres://user:pa/ss@db.internal/x", nil},     // unescaped / in the password: would make "user" the host
		{"postgres://user:pa?ss@db.internal/x", nil},     // unescaped ? in the password
		{"postgres://host/db?email=a@b.example", nil},    // an @ after the authority
		{"postgres://u:p@db.internal:99999/x", nil},      // port out of range
		{"file:///etc/passwd", nil},                      // no host
		{"jdbc:oracle:thin:@db.internal:1521:ORCL", nil}, // Oracle thin form
		{"postgres://u:p@db.internal/x\npostgres://other/y", nil},
	}
	for _, tt := range tests {
		got, ok := dsnHint(tt.in)
		if ok != (tt.want != nil) {
			t.Errorf("dsnHint(%q) ok = %v, want %v (%v)", tt.in, ok, tt.want != nil, got)
			continue
		}
		if diff := cmp.Diff(tt.want, got); ok && diff != "" {
			t.Errorf("dsnHint(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// FuzzDSNHint: whatever the user name and password of a connection URL hold, the hint never contains them
// (unless the host or database name does too), and it never panics.
func FuzzDSNHint(f *testing.F) {
	f.Add("app", "s3cr3t", "db.internal:5432", "orders")
	f.Add("u", "p@ss/wo?rd", "h", "d")
	f.Add("", "", "[::1]", "")
	f.Add("x:y", "z@", "a,b:1", "q;r")
	f.Fuzz(func(t *testing.T, user, pass, host, db string) {
		for _, s := range []string{
			"postgres://" + user + ":" + pass + "@" + host + "/" + db,
			"jdbc:postgresql://" + host + "/" + db + "?user=" + user + "&password=" + pass,
			"host=" + host + " user=" + user + " password=" + pass + " dbname=" + db,
		} {
			h, ok := dsnHint(s)
			if !ok {
				continue
			}
			for _, k := range []string{"host", "database", "scheme"} {
				v, _ := h[k].(string)
				for _, secret := range []string{user, pass} {
					if len(secret) >= 3 && strings.Contains(strings.ToLower(v), strings.ToLower(secret)) &&
						!strings.Contains(strings.ToLower(host+"/"+db), strings.ToLower(secret)) {
						t.Fatalf("hint %v of %q holds %q", h, s, secret)
					}
				}
			}
		}
	})
}
