// Fixture: a gin "network diagnostics" page of an admin tool — the classic ping command injection.
//
// Right answer: Ping is command injection (the host is pasted into a sh -c script); SafePing is safe
// (the host must match an anchored regular expression that admits no shell characters); GitLog is safe
// (a fixed program, no shell; the input is an argument after "--").
package diagnostics

import (
	"net/http"
	"os/exec"
	"regexp"

	"github.com/gin-gonic/gin"
)

var hostnameRE = regexp.MustCompile(`^[a-zA-Z0-9-]{1,63}(\.[a-zA-Z0-9-]{1,63})*$`)

func Register(router *gin.Engine) {
	admin := router.Group("/admin")
	admin.GET("/ping", Ping)
	admin.GET("/ping2", SafePing)
	admin.GET("/history", GitLog)
}

func Ping(c *gin.Context) {
	host := c.Query("host")
	out, err := exec.Command("sh", "-c", "ping -c 3 "+host).CombinedOutput() // want: command-injection
	if err != nil {
		c.String(http.StatusBadGateway, err.Error())
		return
	}
	c.String(http.StatusOK, string(out))
}

func SafePing(c *gin.Context) {
	host := c.Query("host")
	if !hostnameRE.MatchString(host) {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	out, err := exec.Command("sh", "-c", "ping -c 3 "+host).CombinedOutput() // safe: anchored regexp validation
	if err != nil {
		c.String(http.StatusBadGateway, err.Error())
		return
	}
	c.String(http.StatusOK, string(out))
}

func GitLog(c *gin.Context) {
	file := c.Query("file")
	out, err := exec.CommandContext(c.Request.Context(), "git", "log", "--format=%H %s", "--", file).Output() // safe: fixed program, no shell
	if err != nil {
		c.String(http.StatusInternalServerError, err.Error())
		return
	}
	c.String(http.StatusOK, string(out))
}
