// Package catalog serves the product catalogue.
//
// FIXTURE: SQL injection. The "category" query parameter is formatted into the query, so
// GET /products?category=x'%20UNION%20SELECT%20email,address%20FROM%20customers-- reads the customers table.
// The fix is a $1 placeholder.
package catalog

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
)

// Server holds the database handle.
type Server struct{ DB *sql.DB }

// Products lists the products of a category.
func (s *Server) Products(w http.ResponseWriter, r *http.Request) {
	q := fmt.Sprintf("SELECT id, name FROM products WHERE category = '%s'", r.URL.Query().Get("category"))
	rows, err := s.DB.Query(q)
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
