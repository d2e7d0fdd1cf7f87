// Fixture: gin endpoints that send report files from a directory.
//
// Right answer: Download is path traversal (the name from the path joins the directory unchecked);
// DownloadBase is safe (filepath.Base); Export is safe (filepath.IsLocal is checked before os.ReadFile).
package files

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

const reportDir = "/srv/reports"

func Routes(r *gin.Engine) {
	r.GET("/reports/:name", Download)
	r.GET("/reports/by-base/:name", DownloadBase)
	r.POST("/reports/export", Export)
}

func Download(c *gin.Context) {
	name := c.Param("name")
	c.File(filepath.Join(reportDir, name)) // want: path-traversal
}

func DownloadBase(c *gin.Context) {
	name := filepath.Base(c.Param("name"))
	c.File(filepath.Join(reportDir, name)) // safe: filepath.Base
}

func Export(c *gin.Context) {
	name := c.PostForm("report")
	if !filepath.IsLocal(name) {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	data, err := os.ReadFile(filepath.Join(reportDir, name)) // safe: filepath.IsLocal
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.Data(http.StatusOK, "text/csv", data)
}
