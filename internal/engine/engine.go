// Package engine is Seam's pipeline: walk the sources once, run every extractor over the files it wants,
// merge the facts into one graph, run the link stage, and return a Result with per-stage status.
package engine

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/extractors"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/builders"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/rules"
	"github.com/seam-sec/seam/internal/source"
	"github.com/seam-sec/seam/internal/vuln"
)

// PathsDefault returns the attack-path options with every built-in rule and foothold source.
func PathsDefault() *paths.Options {
	return &paths.Options{Rules: rules.All(), Footholds: rules.Footholds()}
}

// Options configure a scan.
type Options struct {
	MaxFileSize int64    // 0: the configured or default cap
	Ignore      []string // extra doublestar globs
	VarFiles    []string // Terraform variable files, relative to the root
	// SecretsBaseline is the accepted-secrets file, relative to the root; "" means .seam/secrets-baseline.yaml.
	SecretsBaseline string
	Workers         int // extraction parallelism; 0: GOMAXPROCS
	// Extractors overrides the extractor list (tests); nil means extractors.All().
	Extractors []extract.Extractor
	// Linkers overrides the link stages (tests); nil means builders.Stages().
	Linkers []link.Stage
	// Paths, when set, runs the attack-path analysis after the link stage with these options; nil skips it.
	// PathsDefault gives the built-in rules and foothold sources.
	Paths *paths.Options
	// Vulns are the vulnerability stage's database and feeds; nil runs the stage over imported findings only.
	Vulns *vuln.StageOptions
	// ExtraFacts are added to the graph as they are (seam.yaml declarations, built-in entry points).
	ExtraFacts []model.Facts
	// Progress, if set, is called as files are extracted.
	Progress func(done, total int)
	Logger   *slog.Logger
}

// Stage reports how one pipeline stage went.
type Stage struct {
	Name     string        `json:"name"`
	Status   string        `json:"status"` // ok, partial (diagnostics of error severity), skipped
	Detail   string        `json:"detail,omitempty"`
	Duration time.Duration `json:"-"`
}

// ExtractorStat counts what one extractor did.
type ExtractorStat struct {
	Name        string        `json:"name"`
	Files       int           `json:"files"`
	Nodes       int           `json:"nodes"`
	Edges       int           `json:"edges"`
	Diagnostics int           `json:"diagnostics"`
	Assumptions int           `json:"assumptions"`
	Duration    time.Duration `json:"-"`
}

// Result is what a scan produced.
type Result struct {
	Graph      *graph.Graph
	FilesSeen  int
	FilesRead  int
	Stages     []Stage
	Extractors []ExtractorStat
	Linkers    []LinkerStat
	// Paths is the attack-path analysis, nil when Options.Paths was nil.
	Paths *paths.Result
}

// LinkerStat counts what one link builder did.
type LinkerStat struct {
	Name        string        `json:"name"`
	Stage       string        `json:"stage"`
	Nodes       int           `json:"nodes"`
	Edges       int           `json:"edges"`
	Derived     int           `json:"derived"`
	Broken      int           `json:"broken"`
	Diagnostics int           `json:"diagnostics"`
	Assumptions int           `json:"assumptions"`
	Duration    time.Duration `json:"-"`
}

// Scan walks fsys and builds the graph.
func Scan(ctx context.Context, fsys fs.FS, opt Options) (*Result, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	exs := opt.Extractors
	if exs == nil {
		exs = extractors.All()
	}
	res := &Result{}
	g := graph.New()

	start := time.Now()
	walked, err := source.Walk(ctx, fsys, source.Options{
		MaxFileSize: opt.MaxFileSize,
		Ignore:      opt.Ignore,
		Wanted: func(p string, info fs.FileInfo) bool {
			for _, ex := range exs {
				if ex.FileRequired(p, info) {
					return true
				}
			}
			return false
		},
	})
	if err != nil {
		return nil, err
	}
	g.Add(model.Facts{Diagnostics: walked.Diagnostics})
	res.FilesSeen, res.FilesRead = walked.Seen, len(walked.Files)
	res.Stages = append(res.Stages, stage("walk", walked.Diagnostics, time.Since(start),
		fmt.Sprintf("%d files seen, %d wanted by an extractor", walked.Seen, len(walked.Files))))

	start = time.Now()
	stats, diags := runExtractors(ctx, fsys, exs, walked.Files, opt, g)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Extractors = stats
	res.Stages = append(res.Stages, stage("extract", diags, time.Since(start),
		fmt.Sprintf("%d extractors", len(exs))))

	start = time.Now()
	for _, f := range opt.ExtraFacts {
		g.Add(f)
	}
	g.Freeze()
	n, e := g.Len()
	res.Stages = append(res.Stages, Stage{Name: "graph", Status: "ok", Duration: time.Since(start),
		Detail: fmt.Sprintf("%d nodes, %d edges", n, e)})

	stages := opt.Linkers
	if stages == nil {
		stages = builders.Stages()
	}
	res.Stages = append(res.Stages, vulnStage(ctx, fsys, g, opt.Vulns))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ls, lstats := linkStage(ctx, g, stages, opt.Logger)
	res.Stages = append(res.Stages, ls)
	res.Linkers = lstats
	if opt.Paths != nil {
		start = time.Now()
		res.Paths = paths.Analyze(ctx, g, *opt.Paths)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st := Stage{Name: "paths", Status: "ok", Duration: time.Since(start),
			Detail: fmt.Sprintf("%d paths to %d crown jewels, %d choke points", len(res.Paths.Paths), res.Paths.Stats.Targets, len(res.Paths.ChokePoints))}
		if len(res.Paths.Stats.Truncated) > 0 {
			st.Status, st.Detail = "partial", st.Detail+"; the search stopped at its bound for "+strings.Join(res.Paths.Stats.Truncated, ", ")
		}
		res.Stages = append(res.Stages, st)
	}
	res.Graph = g
	return res, nil
}

// linkStage runs the cross-layer builders stage by stage: the builders of one stage run in parallel over the
// same graph, and their facts are added together before the next stage. A builder that fails or panics is a
// diagnostic; the others go on.
func linkStage(ctx context.Context, g *graph.Graph, stages []link.Stage, logger *slog.Logger) (Stage, []LinkerStat) {
	start := time.Now()
	st := Stage{Name: "link", Status: "ok"}
	total := 0
	for _, s := range stages {
		total += len(s.Builders)
	}
	if total == 0 {
		return Stage{Name: "link", Status: "skipped", Detail: "no link builders"}, nil
	}
	var stats []LinkerStat
	builders, edges, broken := 0, 0, 0
	for _, s := range stages {
		in := &link.Input{Graph: g, Index: link.NewIndex(g), Logger: logger}
		results := make([]model.Facts, len(s.Builders))
		durations := make([]time.Duration, len(s.Builders))
		var wg sync.WaitGroup
		for i, b := range s.Builders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t := time.Now()
				results[i] = runBuilder(ctx, b, in)
				durations[i] = time.Since(t)
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			st.Status, st.Detail = "partial", "cancelled"
			return st, stats
		}
		var all model.Facts
		for i, b := range s.Builders {
			f := results[i]
			all.Merge(f)
			stats = append(stats, LinkerStat{Name: b.Name(), Stage: s.Name, Nodes: len(f.Nodes), Edges: len(f.Edges),
				Derived: len(f.Derived), Broken: len(f.Broken), Diagnostics: len(f.Diagnostics),
				Assumptions: len(f.Assumptions), Duration: durations[i]})
			for _, d := range f.Diagnostics {
				if d.Severity == model.SeverityError {
					st.Status = "partial"
				}
			}
			builders++
			edges += len(f.Edges)
			broken += len(f.Broken)
		}
		g.Extend(all)
	}
	st.Duration = time.Since(start)
	st.Detail = fmt.Sprintf("%d builders in %d stages: %d links, %d refused", builders, len(stages), edges, broken)
	return st, stats
}

// runBuilder calls one builder and turns an error or a panic into a diagnostic.
func runBuilder(ctx context.Context, b link.Builder, in *link.Input) (facts model.Facts) {
	defer func() {
		if r := recover(); r != nil {
			facts = model.Facts{Diagnostics: []model.Diagnostic{{Severity: model.SeverityError, Extractor: link.Extractor(b),
				Message: fmt.Sprintf("link builder crashed (a Seam bug, please report it): %v\n%s", r, firstFrames(debug.Stack()))}}}
		}
	}()
	f, err := b.Build(ctx, in)
	if err != nil {
		f.Diagnostics = append(f.Diagnostics, model.Diagnostic{Severity: model.SeverityError, Extractor: link.Extractor(b),
			Message: "link builder failed: " + err.Error()})
	}
	return f
}

func stage(name string, diags []model.Diagnostic, d time.Duration, detail string) Stage {
	s := Stage{Name: name, Status: "ok", Duration: d, Detail: detail}
	for _, dg := range diags {
		if dg.Severity == model.SeverityError {
			s.Status = "partial"
			break
		}
	}
	return s
}

// job is one Extract call.
type job struct {
	ex    int // index into the extractor list
	paths []string
}

// runExtractors hands every wanted file to the extractors that want it, in a bounded pool, and adds the facts
// to g. It returns per-extractor statistics and all extractor diagnostics (for the stage status).
func runExtractors(ctx context.Context, fsys fs.FS, exs []extract.Extractor, files []source.File, opt Options, g *graph.Graph) ([]ExtractorStat, []model.Diagnostic) {
	var jobs []job
	total := 0
	for i, ex := range exs {
		var paths []string
		for _, f := range files {
			if ex.FileRequired(f.Path, f.Info) {
				paths = append(paths, f.Path)
			}
		}
		total += len(paths)
		if len(paths) == 0 {
			continue
		}
		if ex.Unit() == extract.UnitRoot {
			jobs = append(jobs, job{ex: i, paths: paths})
			continue
		}
		for _, p := range paths {
			jobs = append(jobs, job{ex: i, paths: []string{p}})
		}
	}
	// Root-unit jobs are the longest: start them first so they overlap the many small ones.
	sort.SliceStable(jobs, func(a, b int) bool { return len(jobs[a].paths) > len(jobs[b].paths) })

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	stats := make([]ExtractorStat, len(exs))
	for i, ex := range exs {
		stats[i].Name = ex.Name()
	}
	var (
		mu    sync.Mutex
		done  int
		diags []model.Diagnostic
		wg    sync.WaitGroup
		queue = make(chan job)
	)
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = source.DefaultMaxFileSize
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				ex := exs[j.ex]
				t := time.Now()
				facts := runOne(ctx, ex, extract.Input{FS: fsys, Paths: j.paths, MaxFileSize: maxSize,
					Options: extract.Options{TerraformVarFiles: opt.VarFiles, SecretsBaseline: opt.SecretsBaseline}})
				g.Add(facts)
				mu.Lock()
				st := &stats[j.ex]
				st.Files += len(j.paths)
				st.Nodes += len(facts.Nodes)
				st.Edges += len(facts.Edges)
				st.Diagnostics += len(facts.Diagnostics)
				st.Assumptions += len(facts.Assumptions)
				st.Duration += time.Since(t)
				diags = append(diags, facts.Diagnostics...)
				done += len(j.paths)
				d := done
				mu.Unlock()
				if opt.Progress != nil {
					opt.Progress(d, total)
				}
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		queue <- j
	}
	close(queue)
	wg.Wait()
	return stats, diags
}

// runOne calls one extractor and turns an error or a panic into diagnostics: one broken extractor or file
// never stops the scan.
func runOne(ctx context.Context, ex extract.Extractor, in extract.Input) (facts model.Facts) {
	defer func() {
		if r := recover(); r != nil {
			facts = model.Facts{Diagnostics: failed(ex, in.Paths, fmt.Sprintf("extractor crashed (a Seam bug, please report it): %v\n%s", r, firstFrames(debug.Stack())))}
		}
	}()
	f, err := ex.Extract(ctx, in)
	if err != nil {
		f.Diagnostics = append(f.Diagnostics, failed(ex, in.Paths, "extractor failed: "+err.Error())...)
	}
	return f
}

func failed(ex extract.Extractor, paths []string, msg string) []model.Diagnostic {
	ds := make([]model.Diagnostic, 0, len(paths))
	for _, p := range paths {
		ds = append(ds, model.Diagnostic{File: p, Severity: model.SeverityError, Extractor: ex.Name(), Message: msg})
		if len(paths) > 1 {
			// A root-unit extractor failing as a whole is reported once, on its first file.
			break
		}
	}
	return ds
}

// firstFrames keeps the top of a stack trace, enough to locate a crash without flooding the output.
func firstFrames(stack []byte) string {
	lines := 0
	for i, b := range stack {
		if b == '\n' {
			lines++
			if lines == 12 {
				return string(stack[:i])
			}
		}
	}
	return string(stack)
}
