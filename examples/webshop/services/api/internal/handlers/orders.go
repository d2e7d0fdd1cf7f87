package handlers

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/go-chi/chi/v5"
)

type orderRequest struct {
	CustomerID int64   `json:"customer_id"`
	ProductIDs []int64 `json:"product_ids"`
}

// CreateOrder stores a new order. Parameters are bound, not formatted into the SQL.
func (h *Handlers) CreateOrder(w http.ResponseWriter, r *http.Request) {
	var req orderRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		h.fail(w, r, http.StatusBadRequest, err)
		return
	}
	var id int64
	err := h.DB.QueryRow(r.Context(),
		"INSERT INTO orders (customer_id, product_ids, status) VALUES ($1, $2, 'new') RETURNING id",
		req.CustomerID, req.ProductIDs).Scan(&id)
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

// DownloadInvoice streams an order's invoice PDF from the customer-documents bucket. This is why the api's
// IAM role may read that bucket at all; it only ever needs the invoices/ prefix.
func (h *Handlers) DownloadInvoice(w http.ResponseWriter, r *http.Request) {
	key := fmt.Sprintf("invoices/%s.pdf", chi.URLParam(r, "id"))
	obj, err := h.S3.GetObject(r.Context(), &s3.GetObjectInput{
		Bucket: aws.String(h.DocumentsBucket),
		Key:    aws.String(key),
	})
	if err != nil {
		h.fail(w, r, http.StatusNotFound, err)
		return
	}
	defer obj.Body.Close()
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = io.Copy(w, obj.Body)
}
