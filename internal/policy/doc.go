// Package policy is Seam's guardrail engine: it loads Rego controls (the embedded library, policy directories
// and organisation bundles), reads each control's METADATA, evaluates the controls over the graph's nodes with
// their neighbourhood and attack paths, and applies seam.yaml's disables and exceptions. The contract with the
// controls is docs/design/guardrails.md.
//
// Decisions:
//   - One query per control, prepared once per scan; each control is evaluated once over every node its
//     select names (input.nodes), never once per node. Inputs are built directly as OPA values, each node's
//     entry once, and one value per distinct selection is shared by the controls that select the same nodes.
//   - Controls are pure: the compiler's capabilities leave out every non-deterministic built-in (http.send,
//     time.now_ns, rand.intn…) and allow no network, so a check gives the same answer offline, twice.
//   - All modules of all origins compile together, so a control may use data.seam.lib and an organisation's
//     helper packages; a package is a control when it lives under data.seam.controls. _test.rego files are
//     for `seam policy test` only.
//   - Bad policies are load errors with file:line, all at once; a control that fails at evaluation time or
//     returns malformed results is a diagnostic and the other controls go on.
//   - A result names its node; its file is the node's and its line is the field's (ResolveLine). Its
//     fingerprint hashes control, node and field, never the line, so moving code does not make it new.
//   - A bundle is a directory (opened with symlink containment) or a .tar.gz expanded in memory with caps on
//     size and entries, refusing links and names that leave it.
//   - An expired exception is a result of the engine's own control SEAM-CONFIG-EXCEPTION-001 at its seam.yaml
//     line, with the severity of the control it excused, and that control's results fail again.
package policy
