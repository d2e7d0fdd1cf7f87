package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Lockfiles and Dockerfiles live in application directories apps/app-NNNN: application i has lockfile i
// (if i < Lockfiles) and Dockerfile i (if i < Dockerfiles). The ecosystem cycles with i, so every format is
// present once there are eight lockfiles. A lockfile holds 50 to 300 packages: a few direct dependencies
// and a dependency graph without cycles below them; some ecosystems also mark development packages.

// ecosystem is one lockfile format.
type ecosystem struct {
	file  string
	known []string // real package names, used first
	sep   string   // separator of made-up names
	write func(*lockSet) string
}

var ecosystems = []ecosystem{
	{"go.mod", []string{"github.com/gorilla/mux", "github.com/stretchr/testify", "github.com/spf13/cobra",
		"go.uber.org/zap", "github.com/google/uuid", "golang.org/x/net", "golang.org/x/sys", "golang.org/x/text",
		"google.golang.org/grpc", "google.golang.org/protobuf", "github.com/prometheus/client_golang",
		"github.com/sirupsen/logrus", "gopkg.in/yaml.v3", "github.com/pkg/errors", "github.com/golang-jwt/jwt/v5",
		"github.com/redis/go-redis/v9"}, "/", writeGoMod},
	{"package-lock.json", []string{"express", "lodash", "react", "react-dom", "axios", "debug", "ms", "chalk",
		"commander", "uuid", "semver", "yargs", "minimist", "body-parser", "cookie", "qs", "jsonwebtoken",
		"moment", "dotenv", "ws"}, "-", writePackageLock},
	{"requirements.txt", pythonKnown, "-", writeRequirements},
	{"poetry.lock", pythonKnown, "-", writePoetryLock},
	{"Cargo.lock", []string{"serde", "serde_json", "tokio", "anyhow", "thiserror", "log", "tracing", "rand",
		"regex", "clap", "hyper", "reqwest", "bytes", "futures", "itoa", "ryu", "syn", "quote", "proc-macro2",
		"unicode-ident"}, "-", writeCargoLock},
	{"Gemfile.lock", []string{"rails", "rack", "actionpack", "activesupport", "nokogiri", "puma", "pg", "redis",
		"sidekiq", "devise", "json", "rake", "minitest", "i18n", "concurrent-ruby", "tzinfo", "racc"}, "-",
		writeGemfileLock},
	{"pom.xml", []string{"org.springframework.boot:spring-boot-starter-web",
		"com.fasterxml.jackson.core:jackson-databind", "org.apache.logging.log4j:log4j-core",
		"com.google.guava:guava", "org.apache.commons:commons-lang3", "commons-io:commons-io",
		"org.slf4j:slf4j-api", "org.postgresql:postgresql", "org.yaml:snakeyaml", "io.netty:netty-handler"},
		":", writePom},
	{"composer.lock", []string{"symfony/console", "symfony/http-foundation", "laravel/framework",
		"guzzlehttp/guzzle", "monolog/monolog", "doctrine/orm", "psr/log", "psr/http-message", "nesbot/carbon",
		"vlucas/phpdotenv", "ramsey/uuid"}, "/", writeComposerLock},
}

var pythonKnown = []string{"requests", "urllib3", "idna", "certifi", "charset-normalizer", "flask", "jinja2",
	"werkzeug", "click", "itsdangerous", "markupsafe", "boto3", "botocore", "s3transfer", "jmespath",
	"python-dateutil", "six", "pyyaml", "sqlalchemy", "pydantic", "fastapi", "starlette", "uvicorn", "gunicorn"}

// lockPkg is one package of a generated lockfile.
type lockPkg struct {
	name, version string
	deps          []int // indices of the packages it depends on, always later ones
	dev           bool
}

// lockSet is the package graph of one lockfile.
type lockSet struct {
	r       *rng
	app     string
	pkgs    []lockPkg
	directs []int // production dependencies declared by the application
	devs    []int // development dependencies declared by the application
}

// newLockSet draws a package graph: the first 90% are production packages that depend only on each other,
// the rest development packages; the first few of each part are the application's direct dependencies.
func newLockSet(r *rng, app string, eco ecosystem) *lockSet {
	n := r.between(50, 300)
	names := r.packageNames(n, eco.known, eco.sep)
	// Made-up Go modules live on github.com; made-up Maven groups are com.<word>.
	prefix := map[string]string{"go.mod": "github.com/", "pom.xml": "com."}[eco.file]
	for i := len(eco.known); prefix != "" && i < len(names); i++ {
		names[i] = prefix + names[i]
	}
	ls := &lockSet{r: r, app: app, pkgs: make([]lockPkg, n)}
	split := n * 9 / 10
	for i := range ls.pkgs {
		p := &ls.pkgs[i]
		p.name, p.version, p.dev = names[i], r.semver(), i >= split
		if eco.file == "go.mod" {
			p.version = goVersion(p.name, p.version)
		}
		end := split
		if p.dev {
			end = n
		}
		for k := r.intn(4); k > 0 && i+1 < end; k-- {
			if d := r.between(i+1, end-1); !contains(p.deps, d) {
				p.deps = append(p.deps, d)
			}
		}
	}
	ls.directs = seq(0, min(split, r.between(5, 25)))
	ls.devs = seq(split, min(n, split+r.between(1, 5)))
	ls.connect(split)
	return ls
}

// connect makes every package reachable from a direct dependency, as in a real lockfile: a package nothing
// depends on becomes a dependency of an earlier package of its part (production or development).
func (ls *lockSet) connect(split int) {
	parent := make([]bool, len(ls.pkgs))
	for _, p := range ls.pkgs {
		for _, d := range p.deps {
			parent[d] = true
		}
	}
	for i := range ls.pkgs {
		if parent[i] || ls.isDirect(i) {
			continue
		}
		start := 0
		if i >= split {
			start = split
		}
		j := ls.r.between(start, i-1)
		ls.pkgs[j].deps = append(ls.pkgs[j].deps, i)
	}
	for i := range ls.pkgs {
		sort.Ints(ls.pkgs[i].deps)
	}
}

// goVersion fixes the major version of a Go module version to what its path allows: v0 or v1 for a plain
// path, N for a path ending in /vN or (gopkg.in) .vN, as the go command requires.
func goVersion(path, version string) string {
	_, rest, _ := strings.Cut(version, ".")
	major := "1"
	if version[0] == '0' {
		major = "0"
	}
	if i := strings.LastIndexAny(path, "/."); i >= 0 && len(path) > i+2 && path[i+1] == 'v' {
		if n := path[i+2:]; strings.Trim(n, "0123456789") == "" && n != "0" && n != "1" {
			major = n
		}
	}
	return major + "." + rest
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func seq(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// isDirect reports whether package i is a direct dependency of the application.
func (ls *lockSet) isDirect(i int) bool { return contains(ls.directs, i) || contains(ls.devs, i) }

// byName returns package indices sorted by name, as most lockfiles order them.
func (ls *lockSet) byName() []int {
	idx := seq(0, len(ls.pkgs))
	sort.Slice(idx, func(a, b int) bool { return ls.pkgs[idx[a]].name < ls.pkgs[idx[b]].name })
	return idx
}

// marshal writes v as JSON with the indentation given and no HTML escaping, ending with a newline.
func marshal(v any, indent string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("gen: %v", err)) // only plain structs, maps and strings are encoded
	}
	return b.String()
}

func writeGoMod(ls *lockSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "module github.com/acme-bench/%s\n\ngo 1.22\n\nrequire (\n", ls.app)
	// go mod tidy sorts each block by module path.
	for _, i := range ls.byName() {
		if contains(ls.directs, i) {
			fmt.Fprintf(&b, "\t%s v%s\n", ls.pkgs[i].name, ls.pkgs[i].version)
		}
	}
	b.WriteString(")\n\nrequire (\n")
	for _, i := range ls.byName() {
		if !contains(ls.directs, i) {
			fmt.Fprintf(&b, "\t%s v%s // indirect\n", ls.pkgs[i].name, ls.pkgs[i].version)
		}
	}
	b.WriteString(")\n")
	return b.String()
}

// npmPackage is an entry of package-lock.json's "packages", fields in npm's order.
type npmPackage struct {
	Name            string            `json:"name,omitempty"`
	Version         string            `json:"version"`
	Resolved        string            `json:"resolved,omitempty"`
	Integrity       string            `json:"integrity,omitempty"`
	Dev             bool              `json:"dev,omitempty"`
	License         string            `json:"license,omitempty"`
	Dependencies    map[string]string `json:"dependencies,omitempty"`
	DevDependencies map[string]string `json:"devDependencies,omitempty"`
}

func writePackageLock(ls *lockSet) string {
	deps := func(idx []int) map[string]string {
		if len(idx) == 0 {
			return nil
		}
		m := map[string]string{}
		for _, i := range idx {
			m[ls.pkgs[i].name] = "^" + ls.pkgs[i].version
		}
		return m
	}
	packages := map[string]npmPackage{"": {Name: ls.app, Version: "1.0.0", Dependencies: deps(ls.directs),
		DevDependencies: deps(ls.devs)}}
	for _, p := range ls.pkgs {
		packages["node_modules/"+p.name] = npmPackage{Version: p.version,
			Resolved:  fmt.Sprintf("https://registry.npmjs.org/%s/-/%s-%s.tgz", p.name, p.name, p.version),
			Integrity: ls.r.sri(), Dev: p.dev, License: pick(ls.r, []string{"MIT", "MIT", "ISC", "Apache-2.0"}),
			Dependencies: deps(p.deps)}
	}
	return marshal(struct {
		Name            string                `json:"name"`
		Version         string                `json:"version"`
		LockfileVersion int                   `json:"lockfileVersion"`
		Requires        bool                  `json:"requires"`
		Packages        map[string]npmPackage `json:"packages"`
	}{ls.app, "1.0.0", 3, true, packages}, "  ")
}

func writeRequirements(ls *lockSet) string {
	var b strings.Builder
	b.WriteString("#\n# This file is autogenerated by pip-compile with Python 3.12\n# by the following command:\n#\n")
	b.WriteString("#    pip-compile --output-file=requirements.txt requirements.in\n#\n")
	via := map[int][]string{}
	for i, p := range ls.pkgs {
		for _, d := range p.deps {
			via[d] = append(via[d], ls.pkgs[i].name)
		}
	}
	for _, i := range ls.byName() {
		p := ls.pkgs[i]
		fmt.Fprintf(&b, "%s==%s\n", p.name, p.version)
		parents := via[i]
		sort.Strings(parents)
		if ls.isDirect(i) {
			parents = append([]string{"-r requirements.in"}, parents...)
		}
		switch len(parents) {
		case 0:
		case 1:
			fmt.Fprintf(&b, "    # via %s\n", parents[0])
		default:
			b.WriteString("    # via\n")
			for _, v := range parents {
				fmt.Fprintf(&b, "    #   %s\n", v)
			}
		}
	}
	return b.String()
}
