// Fixture: a net/http CSV export that builds SQL with strings.Builder, and one that reads a JSON body.
//
// Right answer: Export is SQL injection (the column list from the form is written into the builder);
// ExportJSON is SQL injection (a field of the decoded body is concatenated); ExportByID is safe (the
// decoded body's numeric field is formatted, and the go/types checker knows it is an int64).
package export

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

type exportRequest struct {
	Table    string `json:"table"`
	Customer int64  `json:"customer"`
}

type Exporter struct{ DB *sql.DB }

func (e *Exporter) Export(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var sb strings.Builder
	sb.WriteString("SELECT ")
	sb.WriteString(strings.Join(r.Form["column"], ", "))
	sb.WriteString(" FROM customers")
	rows, err := e.DB.Query(sb.String()) // want: sql-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (e *Exporter) ExportJSON(w http.ResponseWriter, r *http.Request) {
	var req exportRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rows, err := e.DB.Query("SELECT * FROM " + req.Table + " LIMIT 1000") // want: sql-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (e *Exporter) ExportByID(w http.ResponseWriter, r *http.Request) {
	var req exportRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rows, err := e.DB.Query(fmt.Sprint("SELECT * FROM orders WHERE customer_id = ", req.Customer)) // safe: numeric field of the decoded body
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}
