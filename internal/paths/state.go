// Package paths is Seam's attack-path analysis, after MulVAL's logic-based attack graphs: an attacker holds
// capabilities (states such as "code execution in workload W" or "credentials of role R"), typed step rules
// say which capability gives which next one and why, and a bounded best-first search finds the most likely
// chains from entry points (the internet, a leaked key, an insider, a compromised package) to crown jewels
// (stores of sensitive data, admin-equivalent identities, the business's most critical services). Every step
// carries its ATT&CK technique, likelihood, evidence (file:line) and the control that would break it, so the
// analysis also finds the few fixes — choke points — that cut the most risk.
//
// This package holds the model (states, rules, steps, controls), the search, choke points and path owners.
// The rules live in internal/paths/rules; ranking factors in internal/rank.
package paths

import "strings"

// Kind is the kind of capability an attacker state stands for.
type Kind string

// The attacker states. Node is the graph node the capability is about.
const (
	// Entry is where an attacker starts: the internet, a declared entry point. Node: the entry point.
	Entry Kind = "entry"
	// Reach is network reach to a node: the attacker can send it requests. Node: a workload, exposure or
	// data store.
	Reach Kind = "reach"
	// Exec is code execution in a workload (a pod, an instance, a function, a task). Node: the workload.
	Exec Kind = "exec"
	// Forge is request forgery from a workload (SSRF): the attacker makes it send requests, but runs no code.
	Forge Kind = "forge"
	// FileRead is reading files in a workload's file system (path traversal): tokens and secrets on disk.
	FileRead Kind = "file-read"
	// Host is code execution on a node or host (after a container escape). Node: the host (node group, ASG).
	Host Kind = "host"
	// Creds is holding the credentials of an identity (an IAM role or user, a ServiceAccount).
	Creds Kind = "creds"
	// Read and Write are reading and writing a data store (bucket, database, table, secret, parameter).
	Read  Kind = "read"
	Write Kind = "write"
	// Admin is administrative control of an account or cluster. Node: the account or cluster node, or the
	// admin-equivalent identity.
	Admin Kind = "admin"
)

// Kinds lists every state kind in a fixed order.
func Kinds() []Kind {
	return []Kind{Entry, Reach, Exec, Forge, FileRead, Host, Creds, Read, Write, Admin}
}

// State is one capability of the attacker.
type State struct {
	Kind Kind   `json:"kind"`
	Node string `json:"node"`
}

// String renders a state as "kind(node)".
func (s State) String() string { return string(s.Kind) + "(" + s.Node + ")" }

// Less orders states by kind, then node.
func (s State) Less(t State) bool {
	if s.Kind != t.Kind {
		return s.Kind < t.Kind
	}
	return s.Node < t.Node
}

// Describe says in words what a state means, for path explanations.
func (s State) Describe(name string) string {
	switch s.Kind {
	case Entry:
		return "an attacker at " + name
	case Reach:
		return "network reach to " + name
	case Exec:
		return "code execution in " + name
	case Forge:
		return "requests forged from " + name
	case FileRead:
		return "file reads in " + name
	case Host:
		return "code execution on the host " + name
	case Creds:
		return "the credentials of " + name
	case Read:
		return "read access to " + name
	case Write:
		return "write access to " + name
	case Admin:
		return "administrator of " + name
	}
	return strings.TrimSpace(string(s.Kind) + " " + name)
}
