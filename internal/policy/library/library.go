// Package library is Seam's built-in guardrail library: Rego controls over graph nodes and the helpers they
// share, embedded in the binary so that `seam check` needs no files besides the repository it scans.
//
// Layout: lib/ holds the helper packages (seam.lib, generic; seam.lib.aws, AWS policy documents, network
// rules and companion resources); controls/<area>/ holds one module per control, package
// seam.controls.<area>.<name>, with an OPA METADATA block (title, description, custom.id, severity,
// remediation, frameworks, select) and a deny set, as docs/design/guardrails.md specifies. Tests (_test.rego)
// sit beside the controls and are embedded too, so `seam policy test` can run them from the binary.
//
// Decisions:
//   - A value Seam could not know ({"$unknown": expr}) gives a result with `unknown` set, never a pass and
//     never a plain failure; a setting that is absent takes the AWS or Terraform provider default, which is
//     what the resource will really get.
//   - A setting that lives in a companion resource (aws_s3_bucket_versioning, aws_s3_bucket_policy …) is
//     found through the node's edges in either direction: the Terraform extractor draws some companions as
//     protected-by from the bucket and others as attached-to into it, and a control should not care.
//   - Account-level controls (GuardDuty, AWS Config, the S3 account public access block, EBS default
//     encryption, the password policy) select the provider.aws account node together with the resources that
//     satisfy them; the batch input lets such a control see whether any satisfying resource exists.
//   - A result's field is the most specific path, down to policy.Statement[i] or
//     container_definitions[i].environment[j], so that no two results of a control on one node share a
//     fingerprint; the engine places each at the longest prefix the extractor recorded a line for.
//   - Helpers that look across input.nodes (account-level settings) are rules evaluated once per query, never
//     functions called per node, which would make a control quadratic in the size of its selection.
//   - Framework references name only sections whose content matches the control (CIS AWS Foundations
//     Benchmark v3.0.0, NIST SP 800-53 rev. 5, PCI DSS v4.0); where no CIS recommendation covers a control,
//     the cis-aws list is empty rather than approximate.
package library

import "embed"

// FS holds the library: lib/*.rego and controls/**/*.rego (with their tests), read by the policy engine.
//
//go:embed controls lib
var FS embed.FS
