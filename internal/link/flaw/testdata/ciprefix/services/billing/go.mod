module github.com/acme/billing/services/billing

go 1.23.0
