module github.com/acme/payments-api

go 1.23.0

require github.com/jackc/pgx/v5 v5.6.0
