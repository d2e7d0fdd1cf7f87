package handlers

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Product is one row of the products table.
type Product struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	PriceCents int64  `json:"price_cents"`
}

// ListProducts lists the products of a category, sorted as the client asks.
//
// SEAM EXAMPLE: SQL injection. The category and sort parameters are pasted into the query with
// fmt.Sprintf, so GET /api/v1/products?category=x'%20UNION%20SELECT... reads any table the orders database
// user can read (customers, payment_tokens). The fix is a placeholder ($1) for the category and an allow-list
// for the sort column.
func (h *Handlers) ListProducts(w http.ResponseWriter, r *http.Request) {
	category := r.URL.Query().Get("category")
	sort := r.URL.Query().Get("sort")
	if sort == "" {
		sort = "name"
	}
	query := fmt.Sprintf(
		"SELECT id, name, category, price_cents FROM products WHERE category = '%s' ORDER BY %s LIMIT 100",
		category, sort)
	rows, err := h.DB.Query(r.Context(), query)
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	defer rows.Close()
	products := []Product{}
	for rows.Next() {
		var p Product
		if err := rows.Scan(&p.ID, &p.Name, &p.Category, &p.PriceCents); err != nil {
			h.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		products = append(products, p)
	}
	writeJSON(w, http.StatusOK, products)
}

// GetProduct returns one product. This one uses a placeholder and is safe.
func (h *Handlers) GetProduct(w http.ResponseWriter, r *http.Request) {
	var p Product
	err := h.DB.QueryRow(r.Context(),
		"SELECT id, name, category, price_cents FROM products WHERE id = $1", chi.URLParam(r, "id")).
		Scan(&p.ID, &p.Name, &p.Category, &p.PriceCents)
	if err != nil {
		h.fail(w, r, http.StatusNotFound, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
