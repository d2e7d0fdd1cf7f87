// Command api is the webshop's backend API: products, orders, invoice downloads and the image-preview helper
// the storefront uses when a merchant pastes a product image URL.
//
// It runs in the shop namespace of the webshop-prod EKS cluster (deploy/k8s/api.yaml) as the service account
// "api", which IRSA maps to the IAM role webshop-prod-api (infra/terraform/irsa.tf).
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/acme/webshop/services/api/internal/handlers"
)

// version is set when the image is built (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	if err := run(logger); err != nil {
		logger.Error("api stopped", "err", err)
		os.Exit(1)
	}
}

func run(logger *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// DATABASE_URL comes from the orders-db Secret (secretKeyRef in deploy/k8s/api.yaml).
	db, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		return err
	}
	defer db.Close()

	// The SDK's default chain picks up the IRSA web identity token that EKS projects into the pod
	// (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE). Without it, it would fall back to the node's instance
	// metadata service.
	awsCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(os.Getenv("AWS_REGION")))
	if err != nil {
		return err
	}

	h := &handlers.Handlers{
		DB:              db,
		S3:              s3.NewFromConfig(awsCfg),
		DocumentsBucket: os.Getenv("DOCUMENTS_BUCKET"),
		Logger:          logger,
	}

	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Recoverer)
	r.Use(middleware.Timeout(30 * time.Second))
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	r.Route("/api/v1", func(r chi.Router) {
		r.Get("/products", h.ListProducts)
		r.Get("/products/{id}", h.GetProduct)
		r.Post("/orders", h.CreateOrder)
		r.Get("/orders/{id}/invoice", h.DownloadInvoice)
		r.Get("/preview", h.PreviewImage)
	})

	srv := &http.Server{Addr: ":8080", Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	logger.Info("listening", "addr", srv.Addr, "version", version)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
