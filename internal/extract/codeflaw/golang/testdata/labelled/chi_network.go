// Fixture: chi handlers of a "connectivity check" feature that dials hosts.
//
// Right answer: CheckPort is SSRF (host and port from the URL reach net.Dial); CheckRedis is safe (the
// host is configured, the port passes strconv.Atoi); CheckDialer is SSRF through a net.Dialer.
package netcheck

import (
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
)

type Checker struct{ RedisHost string }

func (c *Checker) Routes(r chi.Router) {
	r.Get("/check/{host}/{port}", c.CheckPort)
	r.Get("/check/redis/{port}", c.CheckRedis)
	r.Post("/check", c.CheckDialer)
}

func (c *Checker) CheckPort(w http.ResponseWriter, r *http.Request) {
	addr := net.JoinHostPort(chi.URLParam(r, "host"), chi.URLParam(r, "port"))
	conn, err := net.DialTimeout("tcp", addr, 3*time.Second) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn.Close()
}

func (c *Checker) CheckRedis(w http.ResponseWriter, r *http.Request) {
	port, err := strconv.Atoi(chi.URLParam(r, "port"))
	if err != nil {
		http.Error(w, "bad port", http.StatusBadRequest)
		return
	}
	conn, err := net.Dial("tcp", net.JoinHostPort(c.RedisHost, strconv.Itoa(port))) // safe: configured host, numeric port
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn.Close()
}

func (c *Checker) CheckDialer(w http.ResponseWriter, r *http.Request) {
	d := &net.Dialer{Timeout: 3 * time.Second}
	conn, err := d.DialContext(r.Context(), "tcp", r.PostFormValue("addr")) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn.Close()
}
