package lockfile

import (
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem"
	"github.com/google/osv-scalibr/extractor/filesystem/language/dotnet/depsjson"
	"github.com/google/osv-scalibr/extractor/filesystem/language/dotnet/packagesconfig"
	"github.com/google/osv-scalibr/extractor/filesystem/language/dotnet/packageslockjson"
	"github.com/google/osv-scalibr/extractor/filesystem/language/golang/gomod"
	"github.com/google/osv-scalibr/extractor/filesystem/language/java/gradlelockfile"
	"github.com/google/osv-scalibr/extractor/filesystem/language/java/pomxml"
	"github.com/google/osv-scalibr/extractor/filesystem/language/javascript/packagelockjson"
	"github.com/google/osv-scalibr/extractor/filesystem/language/javascript/pnpmlock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/javascript/yarnlock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/php/composerlock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/pdmlock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/pipfilelock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/poetrylock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/requirements"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/uvlock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/ruby/gemfilelock"
	"github.com/google/osv-scalibr/extractor/filesystem/language/rust/cargolock"

	cpb "github.com/google/osv-scalibr/binary/proto/config_go_proto"
)

// pluginRow is one wrapped scalibr extractor: its constructor, the OSV ecosystem of the format (for the module
// node even when the file pins nothing), the format's display name, and Seam's own read of what scalibr drops.
type pluginRow struct {
	newFn     func(*cpb.PluginConfig) (filesystem.Extractor, error)
	ecosystem string
	format    string
	notes     func(source) formatNotes
}

// pluginTable lists every wrapped scalibr plugin, in the order FileRequired asks them (the first that wants a
// file reads it; no two of these want the same file name).
var pluginTable = []pluginRow{
	// go.mod: requires and replaces with their lines; go.sum is read by scalibr itself only when the go line
	// is below 1.17 (older go.mod files omit indirect requirements).
	{gomod.New, "Go", "go.mod", goModNotes},
	// package-lock.json v1-v3 and npm-shrinkwrap.json, outside node_modules; a package-lock.json next to an
	// npm-shrinkwrap.json is ignored (npm does the same).
	{packagelockjson.New, "npm", "package-lock.json", npmLockNotes},
	// yarn.lock, classic (v1) and berry (v2+), outside node_modules.
	{yarnlock.New, "npm", "yarn.lock", yarnNotes},
	// pnpm-lock.yaml v5-v9, outside node_modules.
	{pnpmlock.New, "npm", "pnpm-lock.yaml", pnpmNotes},
	// *requirements*.txt: pins, "-r" includes (followed through the scanned FS), extras, markers, hashes.
	{requirements.New, "PyPI", "requirements.txt", requirementsNotes},
	// poetry.lock (all lock versions; groups or category give the dev flag).
	{poetrylock.New, "PyPI", "poetry.lock", poetryNotes},
	// Pipfile.lock: "default" and "develop" sections.
	{pipfilelock.New, "PyPI", "Pipfile.lock", pipfileNotes},
	// uv.lock: the editable/virtual root names the direct dependencies.
	{uvlock.New, "PyPI", "uv.lock", uvNotes},
	// pdm.lock: packages with their groups.
	{pdmlock.New, "PyPI", "pdm.lock", pdmNotes},
	// pom.xml and *.pom: declared dependencies, properties interpolated, local parent POMs merged; no
	// network (scalibr is given no Maven registry client), so BOM-managed versions stay unknown.
	{pomxml.New, "Maven", "pom.xml", pomNotes},
	// gradle.lockfile and buildscript-gradle.lockfile: Gradle dependency lock state.
	{gradlelockfile.New, "Maven", "gradle.lockfile", gradleNotes},
	// Gemfile.lock and gems.locked: GEM, GIT, PATH and PLUGIN SOURCE specs.
	{gemfilelock.New, "RubyGems", "Gemfile.lock", gemfileNotes},
	// Cargo.lock, all versions.
	{cargolock.New, "crates.io", "Cargo.lock", cargoNotes},
	// composer.lock: "packages" and "packages-dev".
	{composerlock.New, "Packagist", "composer.lock", composerNotes},
	// packages.lock.json (NuGet lock file), every target framework.
	{packageslockjson.New, "NuGet", "packages.lock.json", nugetLockNotes},
	// *.deps.json (.NET build output listing the libraries an application loads).
	{depsjson.New, "NuGet", "deps.json", depsJSONNotes},
	// packages.config (legacy NuGet).
	{packagesconfig.New, "NuGet", "packages.config", packagesConfigNotes},
}

// plugin is a constructed row of pluginTable.
type plugin struct {
	pluginRow
	ex filesystem.Extractor
}

// newPlugins constructs every plugin in pluginTable with scalibr's default configuration. None of these
// constructors can fail with an empty config; one that did would be left out rather than stop Seam.
func newPlugins() []plugin {
	cfg := &cpb.PluginConfig{}
	out := make([]plugin, 0, len(pluginTable))
	for _, row := range pluginTable {
		ex, err := row.newFn(cfg)
		if err != nil || ex == nil {
			continue
		}
		out = append(out, plugin{pluginRow: row, ex: ex})
	}
	return out
}

// source is one lockfile as Seam's notes readers see it.
type source struct {
	fsys    fs.FS
	path    string
	content []byte
}

// answer is a yes/no fact a format may or may not state.
type answer uint8

// The states of an answer.
const (
	unstated answer = iota // the format does not say
	no
	yes
)

// answerOf turns a known bool into an answer.
func answerOf(b bool) answer {
	if b {
		return yes
	}
	return no
}

// pkgNote is what Seam read from the lockfile about one of scalibr's packages.
type pkgNote struct {
	direct answer
	dev    answer
	scope  string // the format's own group, scope or configuration names, comma-separated
	line   int    // the line of the package's entry, when Seam found it more precisely than scalibr
	skip   bool   // the entry is the project itself or a workspace member, not a dependency
	// versionExpr and versionWhy describe a version the file does not pin (scalibr reports none): what is
	// written instead, and why Seam cannot know the value.
	versionExpr, versionWhy string
}

// formatNotes is Seam's read of one lockfile beside scalibr's inventory.
type formatNotes struct {
	typ         string         // the format with its version, "package-lock.json v3"; the row's format if empty
	attrs       map[string]any // extra module attributes (a Go module path)
	tellsDirect bool           // the format says which dependencies are direct: direct_count is known
	note        func(p *extractor.Package) pkgNote
	// missing returns packages the file declares that scalibr's result lacks (POM dependencies scalibr drops
	// when a property is defined only in a parent POM); they are reported with unknown versions.
	missing    func(found []*extractor.Package) []*extractor.Package
	skipReason string // the file is not read at all (a superseded package-lock.json), shown as info
}

// sortStrings sorts ss in place.
func sortStrings(ss []string) { sort.Strings(ss) }

// hasPrefixed reports whether one of ss starts with prefix.
func hasPrefixed(ss []string, prefix string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// itoa formats an int.
func itoa(n int) string { return strconv.Itoa(n) }
