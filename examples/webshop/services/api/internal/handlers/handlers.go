// Package handlers holds the HTTP handlers of the webshop API.
package handlers

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Handlers carries the dependencies every handler needs.
type Handlers struct {
	DB              *pgxpool.Pool
	S3              *s3.Client
	DocumentsBucket string
	Logger          *slog.Logger
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	h.Logger.Error("request failed", "path", r.URL.Path, "err", err)
	http.Error(w, http.StatusText(status), status)
}
