// Fixture: gin endpoints of a notification service that render email templates.
//
// Right answer: Preview is template injection (the template text comes from the JSON body; html/template
// escapes data, not the template); Render is safe (the template text is a constant, the input only data);
// PreviewText is template injection through a struct field bound with ShouldBindJSON and text/template.
package notify

import (
	htmltemplate "html/template"
	"net/http"
	"strings"
	"text/template"

	"github.com/gin-gonic/gin"
)

const welcome = `Hello {{.Name}}, welcome to the shop.`

type previewRequest struct {
	Body string `json:"body"`
	Name string `json:"name"`
}

func Routes(r *gin.Engine) {
	r.POST("/templates/preview", Preview)
	r.POST("/templates/render", Render)
	r.POST("/templates/preview-text", PreviewText)
}

func Preview(c *gin.Context) {
	var req previewRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	t, err := htmltemplate.New("preview").Parse(req.Body) // want: template-injection
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	_ = t.Execute(c.Writer, req)
}

func Render(c *gin.Context) {
	var req previewRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	t := template.Must(template.New("welcome").Parse(welcome)) // safe: constant template text
	_ = t.Execute(c.Writer, req)
}

func PreviewText(c *gin.Context) {
	var req previewRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	text := strings.TrimSpace(req.Body)
	t, err := template.New("text").Funcs(template.FuncMap{"upper": strings.ToUpper}).Parse(text) // want: template-injection
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	var sb strings.Builder
	_ = t.Execute(&sb, req)
	c.String(http.StatusOK, sb.String())
}
