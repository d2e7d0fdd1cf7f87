// Fixture: chi report endpoints with pgx, where the ORDER BY column and the page size come from the
// query string.
//
// Right answer: Report is SQL injection (the order parameter is formatted into the query); SafeReport is
// safe (map lookup with ok before use, the limit through strconv.Atoi); Search is safe (the term is a
// placeholder argument, only the constant pattern is formatted).
package reports

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var sortColumns = map[string]string{"date": "created_at", "amount": "amount_cents"}

type Handler struct{ Pool *pgxpool.Pool }

func (h *Handler) Mount(r chi.Router) {
	r.Get("/reports", h.Report)
	r.Get("/reports/safe", h.SafeReport)
	r.Get("/reports/search", h.Search)
}

func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	order := r.URL.Query().Get("order")
	sql := fmt.Sprintf("SELECT day, amount_cents FROM daily_revenue ORDER BY %s", order)
	rows, err := h.Pool.Query(r.Context(), sql) // want: sql-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows.Close()
}

func (h *Handler) SafeReport(w http.ResponseWriter, r *http.Request) {
	col, ok := sortColumns[r.URL.Query().Get("order")]
	if !ok {
		col = "created_at"
	}
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 {
		limit = 50
	}
	sql := fmt.Sprintf("SELECT day, amount_cents FROM daily_revenue ORDER BY %s LIMIT %d", col, limit)
	rows, err := h.Pool.Query(r.Context(), sql) // safe: column from a constant map, limit through strconv.Atoi
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows.Close()
}

func (h *Handler) Search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	const table = "daily_revenue"
	sql := fmt.Sprintf("SELECT day FROM %s WHERE note ILIKE '%%' || $1 || '%%'", table)
	rows, err := h.Pool.Query(r.Context(), sql, term) // safe: placeholder, only a constant formatted
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows.Close()
}
