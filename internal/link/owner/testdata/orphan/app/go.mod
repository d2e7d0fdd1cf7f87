module github.com/acme/tools

go 1.23.0

require github.com/go-chi/chi/v5 v5.1.0
