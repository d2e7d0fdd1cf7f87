// Fixture: a go.mod with a require line that lost its version (a bad merge).
// Expected: one error diagnostic at line 6 with modfile's message; the module node is still emitted.
module github.com/acme/broken

go 1.21
require github.com/gin-gonic/gin
