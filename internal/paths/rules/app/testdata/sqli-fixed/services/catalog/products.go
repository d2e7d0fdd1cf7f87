// Package catalog serves the product catalogue.
//
// FIXTURE (variant sqli-fixed): the category is bound as a parameter; no code flaw.
package catalog

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

// Server holds the database handle.
type Server struct{ DB *sql.DB }

// Products lists the products of a category.
func (s *Server) Products(w http.ResponseWriter, r *http.Request) {
	rows, err := s.DB.Query("SELECT id, name FROM products WHERE category = $1", r.URL.Query().Get("category"))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var id int
		var name string
		if rows.Scan(&id, &name) == nil {
			names = append(names, name)
		}
	}
	_ = json.NewEncoder(w).Encode(names)
}
