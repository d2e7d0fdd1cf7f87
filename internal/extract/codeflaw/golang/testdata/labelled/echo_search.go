// Fixture: echo search endpoints with sqlx.
//
// Right answer: Search is SQL injection (sqlx Select with a concatenated query); SafeSearch is safe (a
// placeholder argument); ByTable is safe (the table name is quoted with pq.QuoteIdentifier).
package search

import (
	"net/http"

	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/lib/pq"
)

type Item struct {
	ID    int64  `db:"id"`
	Title string `db:"title"`
}

type Handlers struct{ DB *sqlx.DB }

func (h *Handlers) Routes(e *echo.Echo) {
	e.GET("/search", h.Search)
	e.GET("/search/safe", h.SafeSearch)
	e.GET("/search/:table", h.ByTable)
}

func (h *Handlers) Search(c echo.Context) error {
	var items []Item
	q := "SELECT id, title FROM items WHERE title LIKE '%" + c.QueryParam("q") + "%'"
	if err := h.DB.Select(&items, q); err != nil { // want: sql-injection
		return err
	}
	return c.JSON(http.StatusOK, items)
}

func (h *Handlers) SafeSearch(c echo.Context) error {
	var items []Item
	if err := h.DB.Select(&items, "SELECT id, title FROM items WHERE title LIKE '%' || $1 || '%'", c.QueryParam("q")); err != nil { // safe: placeholder
		return err
	}
	return c.JSON(http.StatusOK, items)
}

func (h *Handlers) ByTable(c echo.Context) error {
	var items []Item
	q := "SELECT id, title FROM " + pq.QuoteIdentifier(c.Param("table")) + " LIMIT 20"
	if err := h.DB.Select(&items, q); err != nil { // safe: pq.QuoteIdentifier
		return err
	}
	return c.JSON(http.StatusOK, items)
}
