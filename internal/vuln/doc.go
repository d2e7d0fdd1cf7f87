// Package vuln is Seam's OSV vulnerability database: it loads OSV advisories (a directory of JSON, osv.dev's
// all.zip, or a directory of per-ecosystem zips), merges aliases into one record per vulnerability, builds a
// compact on-disk index once, and matches installed packages against it with each ecosystem's version rules.
// It also classifies vulnerabilities into foothold classes for the path engine (stage_classify.go).
//
// Use: Open(path) (building and caching the index of a source on first use) or Build(ctx, src, dst), then
// (*DB).Match(packages); PackageFromPURL turns a package node's PURL into the Package to look up.
//
// Decisions:
//
//   - Advisories are decoded with the osv-schema Go bindings (protojson, unknown fields ignored, so newer
//     schema versions load). A file that does not decode, or has no id, is a diagnostic with its line and the
//     rest loads; a bad entry or range drops only that entry or range, with a diagnostic. Withdrawn advisories
//     are skipped and counted. The same advisory ID read twice keeps the latest modified.
//   - Aliases merge transitively (union-find over id and aliases; "related" does not merge). The primary ID
//     is model.PrimaryVulnerabilityID of the group; the text comes from the advisory with the primary ID, else
//     the lowest ID, and where that one is silent from the next; severities, CWEs and references (at most 5)
//     are united in that order; published is the earliest, modified the latest. Affected entries stay
//     separate, each with its advisory ID and its file inside the export.
//   - Loading never extracts to disk: zip entries are read in memory, capped in count and in bytes actually
//     read (Limits), and names that would escape the export (absolute, "..", backslashes, drive letters) are
//     refused. Symbolic links and hidden files in a database directory are not followed; kev.json,
//     manifest.json and metadata.json beside the advisories are not advisories.
//   - The index (index.go describes the layout) is one file: a JSON header (Info, section table, checksum)
//     and binary sections — a sorted key table for binary search over (canonical ecosystem, normalised name),
//     per-key postings of the affected entries, and per-vulnerability records. Open reads only the header and
//     the key and record tables; a match reads the postings of the keys it looks up and the records of the
//     vulnerabilities that hit, each block checked by CRC-32C. Corruption is an error (Open) or an error
//     diagnostic (Match), never a panic.
//   - Open of a source keeps its index inside it (".seam-index") or beside a zip (".<name>.seam-index"),
//     else in the user cache directory or Options.CacheDir, and reuses it while the source's fingerprint
//     (names, sizes and modification times of the files loading reads) is unchanged. Hashing contents would
//     cost as much as parsing.
//   - Ranges follow the OSV schema's evaluation: events in version order (sorted once at build time),
//     `introduced: "0"` below everything, introduced/fixed/last_affected/limit, several pairs per range, an
//     explicit versions list matching by string or by equal version. SEMVER ranges order by semver whatever
//     the ecosystem; ECOSYSTEM ranges by osv-scalibr's semantic package. GIT ranges are never evaluated: an
//     entry with only GIT ranges and no versions list is a warning diagnostic, not a match.
//   - osv-scalibr orders any string, so Seam checks shapes first: semver ecosystems need a number first
//     (after an optional "v"), PyPI needs PEP 440 (legacy versions would sort inside every range), every
//     ecosystem needs a digit and no spaces. An installed version that fails is a warning diagnostic for the
//     package, never a silent match or miss. Ecosystems without ordering rules match only versions lists, and
//     say so.
//   - Names are normalised per ecosystem (NormalizeName): PEP 503 for PyPI, crates.io case- and "_"/"-"-
//     insensitive, NuGet, Packagist, Hex, Pub and distributions lower case; Go, npm, Maven and RubyGems exact.
//     Distribution packages match only advisories of their release ("Debian:12"); packages that name no
//     release get one info diagnostic.
//   - One Match per (package, vulnerability): its hits (one per matching affected entry) are kept, the first
//     by source gives Range and Source, Fixed is the lowest fixed version above the installed one across hits,
//     Imports (Go) the union. Output is sorted by package ID, then vulnerability ID.
package vuln
