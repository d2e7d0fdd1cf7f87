module github.com/acme/shop/billing

go 1.23.0

require github.com/go-chi/chi/v5 v5.1.0
