// Fixture: echo upload handlers that store files on local disk.
//
// Right answer: Upload is path traversal (the multipart file name from the client joins the directory);
// SafeUpload is safe (a generated name, keeping only the extension); Remove is safe (".." is refused
// before os.Remove); Restore is path traversal (the form value reaches os.Open unchecked).
package uploads

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

const uploadDir = "/var/lib/app/uploads"

func Routes(e *echo.Echo) {
	e.POST("/uploads", Upload)
	e.POST("/uploads/safe", SafeUpload)
	e.DELETE("/uploads/:name", Remove)
	e.POST("/uploads/restore", Restore)
}

func Upload(c echo.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return err
	}
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(filepath.Join(uploadDir, fh.Filename)) // want: path-traversal
	if err != nil {
		return err
	}
	defer dst.Close()
	_, err = io.Copy(dst, src)
	return err
}

func SafeUpload(c echo.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return err
	}
	name := uuid.NewString() + filepath.Ext(fh.Filename)
	dst, err := os.Create(filepath.Join(uploadDir, name)) // safe: generated name, extension only
	if err != nil {
		return err
	}
	return dst.Close()
}

func Remove(c echo.Context) error {
	name := c.Param("name")
	if strings.Contains(name, "..") {
		return echo.NewHTTPError(http.StatusBadRequest, "bad name")
	}
	return os.Remove(filepath.Join(uploadDir, name)) // safe: ".." refused
}

func Restore(c echo.Context) error {
	backup := c.FormValue("backup")
	f, err := os.Open(backup) // want: path-traversal
	if err != nil {
		return err
	}
	defer f.Close()
	return c.Stream(http.StatusOK, "application/octet-stream", f)
}
