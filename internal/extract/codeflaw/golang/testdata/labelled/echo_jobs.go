// Fixture: echo handlers of a job runner: compressors picked by name, and a "run this tool" endpoint.
//
// Right answer: RunTool is command injection (the program comes from the bound request); Compress is
// safe (the tool passes slices.Contains against a constant list, with a return); Archive is command
// injection (bash -c with a formatted script).
package jobs

import (
	"fmt"
	"net/http"
	"os/exec"
	"slices"

	"github.com/labstack/echo/v4"
)

var compressors = []string{"gzip", "zstd", "xz"}

type runRequest struct {
	Tool string   `json:"tool"`
	Args []string `json:"args"`
}

func Routes(e *echo.Echo) {
	e.POST("/jobs/run", RunTool)
	e.POST("/jobs/compress", Compress)
	e.POST("/jobs/archive", Archive)
}

func RunTool(c echo.Context) error {
	var req runRequest
	if err := c.Bind(&req); err != nil {
		return err
	}
	cmd := exec.CommandContext(c.Request().Context(), req.Tool, req.Args...) // want: command-injection
	return cmd.Run()
}

func Compress(c echo.Context) error {
	tool := c.FormValue("tool")
	if !slices.Contains(compressors, tool) {
		return echo.NewHTTPError(http.StatusBadRequest, "unknown compressor")
	}
	return exec.Command(tool, "-k", "/var/lib/app/export.csv").Run() // safe: allow-listed program (slices.Contains)
}

func Archive(c echo.Context) error {
	dir := c.FormValue("dir")
	script := fmt.Sprintf("tar czf /tmp/archive.tgz %s && upload /tmp/archive.tgz", dir)
	return exec.Command("bash", "-c", script).Run() // want: command-injection
}
