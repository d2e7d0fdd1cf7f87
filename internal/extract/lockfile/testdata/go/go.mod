// Fixture: a Go service with direct and indirect requirements, a toolchain line and a replace.
// Expected: stdlib 1.22.3 (from the toolchain line, direct unknown), gin and aws-sdk-go-v2 direct,
// sonic and golang.org/x/net indirect; x/net is replaced, so the package is v0.23.0 (at the replace
// line) and keeps the indirect flag of the require it replaced.
module github.com/acme/billing-api

go 1.22.1

toolchain go1.22.3

require (
	github.com/aws/aws-sdk-go-v2 v1.24.0
	github.com/gin-gonic/gin v1.9.1
)

require (
	github.com/bytedance/sonic v1.9.1 // indirect
	golang.org/x/net v0.17.0 // indirect
)

// CVE-2023-45288: pin x/net past the HTTP/2 CONTINUATION flood fix.
replace golang.org/x/net v0.17.0 => golang.org/x/net v0.23.0
