module github.com/acme/shop/services/api

go 1.23.0
