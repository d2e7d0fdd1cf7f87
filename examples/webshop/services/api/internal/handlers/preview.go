package handlers

import (
	"io"
	"net/http"
	"strings"
)

// PreviewImage fetches an image from a URL a merchant pasted into the product editor, so the storefront can
// show a preview before the image is uploaded.
//
// SEAM EXAMPLE: server-side request forgery. The URL comes straight from the query string and is fetched
// from inside the pod, with no allow-list and redirects followed: GET
// /api/v1/preview?url=http://169.254.169.254/latest/meta-data/iam/security-credentials/ returns the EKS
// node's instance credentials, because the node launch template allows IMDSv1 with a hop limit of 2
// (infra/terraform/eks.tf). The fix is an allow-list of image hosts and a dialer that refuses link-local and
// private addresses; the infrastructure fix is http_tokens = "required" with a hop limit of 1.
func (h *Handlers) PreviewImage(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(r.URL.Query().Get("url"))
	if err != nil {
		h.fail(w, r, http.StatusBadGateway, err)
		return
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	if ct == "" || !strings.HasPrefix(ct, "image/") {
		// Only a warning: some CDNs send octet-stream for images, so the body is returned anyway.
		h.Logger.Warn("preview is not an image", "content_type", ct)
	}
	w.Header().Set("Content-Type", ct)
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 10<<20))
}
