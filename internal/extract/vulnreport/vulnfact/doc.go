// Package vulnfact is what Seam's three importers of other tools' results share — vulnreport (osv-scanner,
// Trivy, Grype), cyclonedx (SBOMs and CycloneDX VEX) and vex (OpenVEX): a JSON tree that remembers where each
// value starts, typed reads that turn a wrong-typed field into a warning at its line, PURL normalisation that
// gives the lockfile extractor's package IDs, and the builders of the package, vulnerability and VEX-statement
// nodes of the graph contract in docs/design/vulnerabilities.md.
//
// Decisions:
//   - A tree of its own (Value, parse.go) rather than encoding/json into structs: every node and diagnostic
//     of an import points at the line of its finding, component or statement, and a field of the wrong
//     type must cost only that field, where encoding/json stops at the first type error of a slice element
//     and reports no positions of what it decoded. The parser follows RFC 8259 (it is lenient only about
//     number forms such as "01"); a fuzz test holds it to encoding/json's results on valid input, and it is
//     faster than encoding/json decoding into an any (BenchmarkDecode).
//   - Object keys match exactly (JSON is case-sensitive; the tools write one spelling); of duplicate keys the
//     last wins, as encoding/json does.
//   - PURLs go through github.com/package-url/packageurl-go and then the rules osv-scalibr applies when the
//     lockfile extractor makes them (purl.go), so that "pkg:golang/github.com/gin-gonic/gin@v1.9.1" from Trivy
//     and gin from a go.mod are one node.
//   - One vulnerability node per alias group per file: findings whose ID sets overlap are merged (union of
//     IDs), their affects listed once each, sorted.
//   - Text from reports (summaries, references, VEX statements and products) passes through
//     internal/extract/redact: advisories quote URLs with credentials in them.
package vulnfact
