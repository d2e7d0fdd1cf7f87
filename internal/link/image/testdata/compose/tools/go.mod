module github.com/acme/shop/tools

go 1.23.0

require golang.org/x/tools v0.24.0
