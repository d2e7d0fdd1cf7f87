// Package lockfile reads dependency lockfiles and manifests (Go, npm, yarn, pnpm, Python, Maven, Gradle,
// Ruby, Rust, PHP, .NET) into module and package facts, through osv-scalibr's per-format extractors plus a
// small read of its own for what the formats say and scalibr's inventory drops (direct and dev flags).
//
// # Facts
//
// Each lockfile becomes a module node (ID "module:<path>", Type the format and its version such as
// "package-lock.json v3", attributes ecosystem, package_count, direct_count when the format records direct
// dependencies, incomplete when the parser stopped) and each package it pins a package node (ID its PURL,
// attributes ecosystem, name, version, purl, commit/repo for VCS sources) with a contains edge from the
// module. The edge carries direct, dev and scope only when the format states them; nothing is guessed:
//
//   - direct: go.mod (// indirect), package-lock.json v2/v3 (project and workspace entries), yarn berry
//     (workspace entries), pnpm (importers), uv.lock (editable/virtual root), pom.xml (all declared),
//     Gemfile.lock (DEPENDENCIES), Cargo.lock (source-less workspace crates), packages.lock.json (type).
//     package-lock v1, yarn v1, requirements, poetry, Pipfile, pdm, Gradle, composer, deps.json and
//     packages.config do not say, so their edges have no direct attribute and their modules no direct_count.
//   - dev and scope: npm groups, pnpm importer sections and v5–v8 dev marks, poetry groups/category,
//     Pipfile sections, uv dependency groups, pdm "default" group, Maven scope, Gradle configurations,
//     composer packages-dev, packages.config developmentDependency.
//
// The project's own entries (a uv editable root, Cargo workspace crates, yarn workspaces, NuGet Project
// entries, deps.json project libraries, a Gemfile.lock PATH "." gem, go.mod replacements by a local
// directory) are not packages and are left out.
//
// # Versions Seam cannot know
//
// A requirements line without "==" (scalibr reports the lower bound of ">=" as if it were the version), an
// unpinned line, or a POM dependency whose version a parent or BOM manages gets a package ID without a
// version, version = model.Unknown(what is written) and a model.Assumption. scalibr drops POM dependencies
// whose version property only a parent POM defines; Seam reads the declared dependencies itself and keeps
// them the same way.
//
// # Lines
//
// Provenance points at the package's entry: the line scalibr reports, or Seam's own precise read (NuGet
// JSON key lines through a streaming walk, packages.config elements), or, as the last resort, the first line
// holding both the package name and version (else the name, else line 1). A package pulled in by a
// requirements "-r" include has its edge at the "-r" line (with attribute via) and its node at the included
// file's line.
//
// # Robustness
//
// A malformed lockfile is an error diagnostic with scalibr's message and the line its parser names (JSON
// offsets, XML, TOML, YAML and go.mod positions); the module node is kept and marked incomplete. A scalibr
// plugin that panics is recovered per file into a diagnostic. Files scalibr opens on its own (parent POMs,
// "-r" includes, go.sum) go through the scanned io/fs with the walker's size cap. scalibr's package logger is
// silenced once in New, because library code in Seam never prints.
package lockfile
