// Fixture: echo handlers of an internal "fetch on behalf of the browser" proxy.
//
// Right answer: Proxy is SSRF (the target URL is parsed and handed to a reverse proxy); CDNProxy is safe
// (the parsed host must equal the CDN's); Feed is SSRF through an *http.Client field declared here;
// Vendor is safe (the base URL comes from configuration and the input is a path-escaped element).
package proxy

import (
	"net/http"
	"net/http/httputil"
	"net/url"

	"github.com/labstack/echo/v4"
)

type Server struct {
	client  *http.Client
	baseURL string
}

func (s *Server) Register(e *echo.Echo) {
	e.GET("/proxy", s.Proxy)
	e.GET("/cdn", s.CDNProxy)
	e.GET("/feed", s.Feed)
	e.GET("/vendor/:id", s.Vendor)
}

func (s *Server) Proxy(c echo.Context) error {
	target, err := url.Parse(c.QueryParam("target"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "bad target")
	}
	httputil.NewSingleHostReverseProxy(target).ServeHTTP(c.Response(), c.Request()) // want: ssrf
	return nil
}

func (s *Server) CDNProxy(c echo.Context) error {
	target, err := url.Parse(c.QueryParam("target"))
	if err != nil || target.Host != "cdn.example.com" {
		return echo.NewHTTPError(http.StatusBadRequest, "bad target")
	}
	httputil.NewSingleHostReverseProxy(target).ServeHTTP(c.Response(), c.Request()) // safe: host compared with a constant
	return nil
}

func (s *Server) Feed(c echo.Context) error {
	resp, err := s.client.Get(c.QueryParam("feed")) // want: ssrf
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return c.Stream(http.StatusOK, "application/rss+xml", resp.Body)
}

func (s *Server) Vendor(c echo.Context) error {
	resp, err := s.client.Get(s.baseURL + "/vendors/" + url.PathEscape(c.Param("id"))) // safe: configured base URL
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return c.Stream(http.StatusOK, "application/json", resp.Body)
}
