// Fixture: chi handlers over database/sql listing orders, under a route group.
//
// Right answer: ListByStatus is SQL injection (the URL parameter is concatenated into the query);
// ListByCustomer is safe (placeholder); ListSorted is safe (the sort column passes a switch whose default
// returns before it is formatted into the query).
package orders

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
)

type API struct {
	DB *sql.DB
}

func (a *API) Routes(r chi.Router) {
	r.Route("/orders", func(r chi.Router) {
		r.Get("/status/{status}", a.ListByStatus)
		r.Get("/customer/{id}", a.ListByCustomer)
		r.Get("/", a.ListSorted)
	})
}

func (a *API) ListByStatus(w http.ResponseWriter, r *http.Request) {
	status := chi.URLParam(r, "status")
	q := "SELECT id, total_cents FROM orders WHERE status = '" + status + "' ORDER BY created_at DESC"
	rows, err := a.DB.QueryContext(r.Context(), q) // want: sql-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (a *API) ListByCustomer(w http.ResponseWriter, r *http.Request) {
	rows, err := a.DB.QueryContext(r.Context(), "SELECT id, total_cents FROM orders WHERE customer_id = $1", chi.URLParam(r, "id")) // safe: placeholder
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (a *API) ListSorted(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	switch sort {
	case "created_at", "total_cents", "status":
	default:
		http.Error(w, "unknown sort column", http.StatusBadRequest)
		return
	}
	q := fmt.Sprintf("SELECT id, total_cents FROM orders ORDER BY %s DESC LIMIT 50", sort)
	rows, err := a.DB.QueryContext(r.Context(), q) // safe: allow-listed column (switch)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}
