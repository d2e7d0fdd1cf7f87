package kubernetes

import (
	"regexp"
	"strconv"
	"strings"
)

// A Secret's values are never stored, but where a value is a connection string the link stage needs to know
// what it connects to, so that a Secret can be linked to the database it unlocks. dsnHint reads that much —
// scheme, host, port and database — from the forms applications use, and nothing else: no user, no
// password, no query, no options.
//
//	URL          postgres://user:pass@host:5432/db?sslmode=require, mysql://, mongodb+srv://, redis://, amqp://
//	JDBC         jdbc:postgresql://host:5432/db, jdbc:sqlserver://host:1433;databaseName=db
//	key=value    host=db.internal port=5432 dbname=orders user=app password=… (libpq)
//
// A URL of any other scheme (https://hooks.example.com/…) gives its scheme, host and port only: its path may
// hold a token. A string that does not parse cleanly gives no hint rather than a guess: a password with an
// unescaped "/", "?" or "@" can make a user name look like a host.

// dbSchemes are URL schemes whose path names a database (or, for redis, a database number).
var dbSchemes = map[string]bool{
	"postgres": true, "postgresql": true, "mysql": true, "mariadb": true, "mongodb": true, "mongodb+srv": true,
	"redis": true, "rediss": true, "amqp": true, "amqps": true, "sqlserver": true, "mssql": true,
	"cockroachdb": true, "clickhouse": true, "oracle": true, "db2": true, "cassandra": true,
}

var (
	schemePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*$`)
	hostPattern   = regexp.MustCompile(`^(?:[a-zA-Z0-9_](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9_])?|\[[0-9a-fA-F:.]+\])$`)
)

// maxHintInput bounds the values inspected for a hint; connection strings are short.
const maxHintInput = 4096

// dsnHint returns the hint of a connection string, or false when the value is not one.
func dsnHint(s string) (map[string]any, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxHintInput || strings.ContainsAny(s, "\n\r") {
		return nil, false
	}
	if rest, ok := strings.CutPrefix(s, "jdbc:"); ok {
		return jdbcHint(rest)
	}
	if i := strings.Index(s, "://"); i > 0 {
		return urlHint(s[:i], s[i+3:], false)
	}
	return keyValueHint(s)
}

// jdbcHint reads "jdbc:<subprotocol>://<authority>[/db][;k=v…][?…]". Oracle's thin form and other
// subprotocols without "//" give no hint.
func jdbcHint(rest string) (map[string]any, bool) {
	sub, after, ok := strings.Cut(rest, "://")
	if !ok || !schemePattern.MatchString(sub) {
		return nil, false
	}
	h, ok := urlHint("jdbc:"+sub, after, true)
	if !ok {
		return nil, false
	}
	if _, has := h["database"]; !has {
		if _, params, found := strings.Cut(after, ";"); found {
			for _, p := range strings.Split(params, ";") {
				k, v, _ := strings.Cut(p, "=")
				if k = strings.ToLower(strings.TrimSpace(k)); (k == "databasename" || k == "database") && v != "" {
					h["database"] = v
				}
			}
		}
	}
	return h, true
}

// urlHint reads the part of a URL after "scheme://": the authority up to the first "/", "?", "#" (or, for
// JDBC, ";"), its host after the last "@", and for a database scheme the first path segment.
func urlHint(scheme, rest string, jdbc bool) (map[string]any, bool) {
	if !schemePattern.MatchString(strings.TrimPrefix(scheme, "jdbc:")) {
		return nil, false
	}
	stops := "/?#"
	if jdbc {
		stops += ";"
	}
	end := strings.IndexAny(rest, stops)
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	at := strings.LastIndex(authority, "@")
	if at < 0 && strings.Contains(tail, "@") {
		return nil, false // user info with an unescaped delimiter: the authority cannot be told apart
	}
	hostport := authority[at+1:]
	if first, _, multi := strings.Cut(hostport, ","); multi {
		hostport = first // several hosts (MongoDB, replicas): the first
	}
	host, port, ok := splitHostPort(hostport)
	if !ok {
		return nil, false
	}
	h := map[string]any{"scheme": strings.ToLower(scheme), "host": host}
	if port > 0 {
		h["port"] = port
	}
	lower := strings.ToLower(strings.TrimPrefix(scheme, "jdbc:"))
	if dbSchemes[lower] || jdbc {
		if db := firstSegment(tail); db != "" {
			h["database"] = db
		}
	}
	return h, true
}

// firstSegment is the first path segment of "/db/more?x" ("db"), "" when there is none.
func firstSegment(tail string) string {
	p, ok := strings.CutPrefix(tail, "/")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(p, "/?#;"); i >= 0 {
		p = p[:i]
	}
	return p
}

// splitHostPort splits "host", "host:5432" or "[::1]:5432"; the host must look like a host name or address
// and the port, when given, be a number.
func splitHostPort(hp string) (string, int, bool) {
	host, portText := hp, ""
	if strings.HasPrefix(hp, "[") {
		i := strings.Index(hp, "]")
		if i < 0 {
			return "", 0, false
		}
		host, portText = hp[:i+1], strings.TrimPrefix(hp[i+1:], ":")
		if hp[i+1:] != "" && !strings.HasPrefix(hp[i+1:], ":") {
			return "", 0, false
		}
	} else if i := strings.LastIndex(hp, ":"); i >= 0 {
		host, portText = hp[:i], hp[i+1:]
	}
	if !hostPattern.MatchString(host) {
		return "", 0, false
	}
	port := 0
	if portText != "" {
		n, err := strconv.Atoi(portText)
		if err != nil || n <= 0 || n > 65535 {
			return "", 0, false
		}
		port = n
	}
	return strings.ToLower(host), port, true
}

// keyValueHint reads a libpq key=value connection string ("host=… port=… dbname=…"): every word must be a
// key=value pair (values may be single-quoted) and host or dbname must be given.
func keyValueHint(s string) (map[string]any, bool) {
	pairs, ok := keyValues(s)
	if !ok {
		return nil, false
	}
	host, db := pairs["host"], pairs["dbname"]
	if host == "" && db == "" {
		return nil, false
	}
	h := map[string]any{"scheme": "postgres"}
	if host != "" {
		host, _, _ = strings.Cut(host, ",")
		if !hostPattern.MatchString(host) {
			return nil, false
		}
		h["host"] = strings.ToLower(host)
	}
	if p := pairs["port"]; p != "" {
		p, _, _ = strings.Cut(p, ",")
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return nil, false
		}
		h["port"] = n
	}
	if db != "" {
		h["database"] = db
	}
	return h, true
}

// keyValues splits "k=v k2='v 2'" into its pairs; false when a word is not a pair.
func keyValues(s string) (map[string]string, bool) {
	out := map[string]string{}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 || strings.ContainsAny(s[:eq], " \t'") {
			return nil, false
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " \t")
		val := ""
		if strings.HasPrefix(s, "'") {
			end := quotedEnd(s)
			if end < 0 {
				return nil, false
			}
			val, s = strings.ReplaceAll(s[1:end], `\'`, `'`), s[end+1:]
		} else {
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			val, s = s[:end], s[end:]
		}
		out[key] = val
	}
	return out, len(out) > 0
}

// quotedEnd returns the index of the quote closing the single-quoted value at s[0], -1 when there is none.
func quotedEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			return i
		}
	}
	return -1
}
