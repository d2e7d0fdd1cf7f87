package paths

import (
	"sync"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Meta describes a step rule: what it is, how likely its step is, and what stops it. Every rule carries its
// own, with tests beside it.
type Meta struct {
	ID            string  // stable: "aws.imds-credentials"
	Title         string  // "Instance metadata hands out the node role's credentials"
	Technique     string  // MITRE ATT&CK technique id: "T1552.005"
	TechniqueName string  // "Unsecured Credentials: Cloud Instance Metadata API"
	Likelihood    float64 // the step's base likelihood, 0..1; a step may lower it with a reason
	Rationale     string  // why the step works, for people
	Control       string  // what breaks it in general: "require IMDSv2 with a hop limit of 1"
	From, To      []Kind  // the state kinds it reads and makes
}

// Rule is one typed way from an attacker state to another.
type Rule interface {
	Meta() Meta
	// Steps returns the steps the rule allows from s (of one of the kinds in Meta.From). It must not change
	// the graph, and must return steps in a deterministic order.
	Steps(c *Context, s State) []Step
}

// Step is one move a rule allows, with everything a user needs to believe it and to break it.
type Step struct {
	To          State
	Likelihood  float64 // 0 means the rule's base likelihood
	Reason      string  // why it is possible here, in one sentence
	Evidence    []model.Evidence
	Control     Control  // the change that would break this step
	Assumptions []string // what the step rests on that the files do not say
	// Via lists the graph edges (keys) the step rests on.
	Via []string
	// Rule is set by the search: the rule that made the step.
	Rule string
}

// Control is the change that breaks a step, where to make it. Steps that one change breaks share its ID, so
// the choke-point analysis can count what a fix removes.
type Control struct {
	ID    string `json:"id"`             // stable: "<kind>:<node>", e.g. "imdsv2:infra/terraform:aws_launch_template.node"
	Title string `json:"title"`          // "Require IMDSv2 (http_tokens = \"required\") with a hop limit of 1"
	Node  string `json:"node,omitempty"` // the node to change
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	// Design marks a step that is how the system is meant to work — a public service the internet reaches —
	// so that "break it" is rarely the fix: choke points choose such a control only for paths no other
	// control on them breaks.
	Design bool `json:"by_design,omitempty"`
}

// ControlAt makes a control on a node, pointing at the node's file and line.
func ControlAt(kind string, n *model.Node, title string) Control {
	return Control{ID: kind + ":" + n.ID, Title: title, Node: n.ID, File: n.Prov.File, Line: n.Prov.Line}
}

// Foothold is an application weakness of a workload an attacker who reaches it can use: a code flaw, a known
// vulnerability of a package it runs. Sources of footholds are listed in Options.Footholds.
type Foothold struct {
	Class      string  // a flaw.Class: command-injection, ssrf, sql-injection, path-traversal …
	Node       string  // the code-flaw or vulnerability node
	Likelihood float64 // how likely an attacker who reaches the workload exploits it
	Reason     string
	Evidence   []model.Evidence
	Control    Control
	// Reachable is false when analysis says the vulnerable code is not called: the foothold is kept, with
	// lower likelihood and the reason, never dropped.
	Reachable   bool
	Assumptions []string
	// Label names the foothold in step reasons when its node's own name does not say enough ("CVE-2024-39338
	// in axios 1.6.0"); "" lets the rules name it from the node.
	Label string
}

// FootholdSource finds the footholds of a workload. Code flaws are one source (internal/paths/rules/app);
// known vulnerabilities are another (a later issue).
type FootholdSource interface {
	Name() string
	Footholds(c *Context, workload string) []Foothold
}

// Context is what rules read: the graph, the link stage's lookups, and caches rules share.
type Context struct {
	Graph *graph.Graph
	Index *link.Index
	// Footholds are the sources of application footholds.
	Footholds []FootholdSource

	mu    sync.Mutex
	cache map[string]any
}

// NewContext returns a context over g.
func NewContext(g *graph.Graph, footholds []FootholdSource) *Context {
	return &Context{Graph: g, Index: link.NewIndex(g), Footholds: footholds, cache: map[string]any{}}
}

// Cached returns the value stored under key, building it once with build. Rules use it for indexes they
// compute over the whole graph (workloads by node group, the IAM model).
func (c *Context) Cached(key string, build func() any) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cache[key]; ok {
		return v
	}
	v := build()
	c.cache[key] = v
	return v
}

// FootholdsOf returns the footholds of a workload from every source, in source order.
func (c *Context) FootholdsOf(workload string) []Foothold {
	var out []Foothold
	for _, s := range c.Footholds {
		out = append(out, s.Footholds(c, workload)...)
	}
	return out
}

// Node returns a node of the graph, or nil.
func (c *Context) Node(id string) *model.Node {
	n, _ := c.Graph.Node(id)
	return n
}

// Name returns a node's human name for explanations: its name and type, or its ID.
func (c *Context) Name(id string) string {
	n := c.Node(id)
	if n == nil {
		return id
	}
	if n.Name != "" && n.Name != n.ID {
		return n.Type + " " + n.Name
	}
	return n.ID
}
