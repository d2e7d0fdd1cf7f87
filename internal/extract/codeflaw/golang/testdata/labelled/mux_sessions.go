// Fixture: gorilla/mux handlers with a closure that runs queries, and a numeric id.
//
// Right answer: RevokeSessions is SQL injection (the user name from mux.Vars reaches db.Exec inside a
// closure of the handler); DeleteSession is safe (strconv.Atoi before formatting); AuditTrail is safe
// (the value from mux.Vars is a placeholder argument in a closure).
package sessions

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

type Store struct{ db *sql.DB }

func (s *Store) Routes(r *mux.Router) {
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/users/{user}/sessions", s.RevokeSessions).Methods("DELETE")
	api.HandleFunc("/sessions/{id}", s.DeleteSession).Methods("DELETE")
	api.HandleFunc("/users/{user}/audit", s.AuditTrail).Methods("GET")
}

func (s *Store) RevokeSessions(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	run := func(q string) error {
		_, err := s.db.Exec(q) // want: sql-injection
		return err
	}
	if err := run("DELETE FROM sessions WHERE username = '" + vars["user"] + "'"); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (s *Store) DeleteSession(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(mux.Vars(r)["id"])
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	if _, err := s.db.Exec(fmt.Sprintf("DELETE FROM sessions WHERE id = %d", id)); err != nil { // safe: strconv.Atoi
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (s *Store) AuditTrail(w http.ResponseWriter, r *http.Request) {
	user := mux.Vars(r)["user"]
	query := func() (*sql.Rows, error) {
		return s.db.QueryContext(r.Context(), "SELECT at, action FROM audit WHERE username = $1", user) // safe: placeholder in a closure
	}
	rows, err := query()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}
