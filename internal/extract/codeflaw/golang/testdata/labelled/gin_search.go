// Fixture: gin product search over gorm.
//
// Right answer: Search is SQL injection (the term is formatted into a Raw query); SafeSearch is safe
// (Where with a placeholder); Sorted is SQL injection (gorm's Order takes SQL text, and the field comes
// from the query string); Paged is safe (the page size passes strconv.Atoi before it is formatted).
package catalog

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Product struct {
	ID   uint
	Name string
}

type Catalog struct{ db *gorm.DB }

func (s *Catalog) Register(r *gin.Engine) {
	g := r.Group("/api/products")
	g.GET("/search", s.Search)
	g.GET("/search2", s.SafeSearch)
	g.GET("/sorted", s.Sorted)
	g.GET("/paged", s.Paged)
}

func (s *Catalog) Search(c *gin.Context) {
	term := c.Query("q")
	var out []Product
	s.db.Raw(fmt.Sprintf("SELECT id, name FROM products WHERE name LIKE '%%%s%%'", term)).Scan(&out) // want: sql-injection
	c.JSON(http.StatusOK, out)
}

func (s *Catalog) SafeSearch(c *gin.Context) {
	term := c.Query("q")
	var out []Product
	s.db.Where("name LIKE ?", "%"+term+"%").Find(&out) // safe: placeholder
	c.JSON(http.StatusOK, out)
}

func (s *Catalog) Sorted(c *gin.Context) {
	field := c.DefaultQuery("sort", "name")
	var out []Product
	s.db.Order(field + " asc").Find(&out) // want: sql-injection
	c.JSON(http.StatusOK, out)
}

func (s *Catalog) Paged(c *gin.Context) {
	size, err := strconv.Atoi(c.DefaultQuery("size", "20"))
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	var out []Product
	s.db.Raw(fmt.Sprintf("SELECT id, name FROM products LIMIT %d", size)).Scan(&out) // safe: strconv.Atoi
	c.JSON(http.StatusOK, out)
}
