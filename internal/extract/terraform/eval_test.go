package terraform

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// evalPrelude is the configuration every expression test evaluates in.
const evalPrelude = `
variable "env" { default = "prod" }
variable "unset" {}
variable "names" { default = ["a", "b"] }
locals {
  tags  = { Team = "pay", Env = var.env }
  parts = split("-", "x-y-z")
}
resource "aws_s3_bucket" "b" { bucket = "acme-${var.env}" }
`

// evalAttr evaluates expr as the attribute "v" of a test resource and returns the stored value and the
// resource's assumptions.
func evalAttr(t *testing.T, expr string, files map[string]string) (any, []model.Assumption) {
	t.Helper()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(evalPrelude + "resource \"test_thing\" \"t\" {\n  v = " + expr + "\n}\n")}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	facts := extractFS(t, fsys, extract.Options{})
	var as []model.Assumption
	for _, a := range facts.Assumptions {
		if a.Subject == "test_thing.t" {
			as = append(as, a)
		}
	}
	for _, n := range facts.Nodes {
		if n.ID == "test_thing.t" {
			return n.Attrs["v"], as
		}
	}
	t.Fatalf("no node for test_thing.t; diagnostics %v", facts.Diagnostics)
	return nil, nil
}

func TestFunctions(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{`jsonencode({b = 1, a = ["x"]})`, `{"a":["x"],"b":1}`},
		{`jsondecode("{\"a\": [1, 2]}")`, map[string]any{"a": []any{1, 2}}},
		{`format("%s-%03d", var.env, 7)`, "prod-007"},
		{`join(",", local.parts)`, "x,y,z"},
		{`concat(local.parts, ["w"])`, []any{"x", "y", "z", "w"}},
		{`merge(local.tags, { Env = "dev" })`, map[string]any{"Team": "pay", "Env": "dev"}},
		{`lookup(local.tags, "Team", "none")`, "pay"},
		{`lookup(local.tags, "Owner", "none")`, "none"},
		{`length(local.parts) + length("héllo")`, 8},
		{`upper(lower("MiXeD"))`, "MIXED"},
		{`replace("a.b.c", ".", "/")`, "a/b/c"},
		{`replace("v1.2.3", "/[0-9]/", "N")`, "vN.N.N"},
		{`tolist(toset(["b", "a", "b"]))`, []any{"a", "b"}},
		{`tomap({ a = "1" })`, map[string]any{"a": "1"}},
		{`coalesce("", var.env)`, "prod"},
		{`element(local.parts, 4)`, "y"},
		{`flatten([["a"], ["b", ["c"]]])`, []any{"a", "b", "c"}},
		{`keys(local.tags)`, []any{"Env", "Team"}},
		{`values(local.tags)`, []any{"prod", "pay"}},
		{`contains(var.names, "b")`, true},
		{`try(local.tags.Missing, "fallback")`, "fallback"},
		{`can(local.tags.Team)`, true},
		{`cidrsubnet("10.0.0.0/16", 8, 3)`, "10.0.3.0/24"},
		{`cidrhost("10.0.1.0/24", -2)`, "10.0.1.254"},
		{`one(["only"])`, "only"},
		{`sum([1, 2, 3.5])`, 6.5},
		{`startswith("arn:aws:s3", "arn:")`, true},
		{`base64encode("hi")`, "aGk="},
		{`sha256("")`, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{`aws_s3_bucket.b.id`, "acme-prod"},
		{`[for n in var.names : upper(n)]`, []any{"A", "B"}},
		{`{ for n in var.names : n => "${n}-${var.env}" }`, map[string]any{"a": "a-prod", "b": "b-prod"}},
		{`var.env == "prod" ? "big" : "small"`, "big"},
		{`file("data.txt")`, "from a file\n"},
		{`templatefile("t.tpl", { who = "world" })`, "hello world\n"},
		{`sensitive("hidden")`, "[redacted]"},
	}
	files := map[string]string{"data.txt": "from a file\n", "t.tpl": "hello ${who}\n"}
	for _, tt := range tests {
		got, as := evalAttr(t, tt.expr, files)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.expr, diff)
		}
		if len(as) > 0 {
			t.Errorf("%s: unexpected assumptions %v", tt.expr, as)
		}
	}
}

// TestUnknowns checks what an expression that cannot be known is stored as, and why.
func TestUnknowns(t *testing.T) {
	tests := []struct {
		expr   string
		want   any
		attr   string // the assumption's attribute
		reason string // a part of its reason; "" when a resolved reference must make no assumption
	}{
		{`var.unset`, model.Unknown("var.unset"), "v", "var.unset has no default and no value"},
		{`"${var.unset}-x"`, model.Unknown("${var.unset}-x"), "v", "var.unset has no default"},
		{`[var.env, var.unset]`, []any{"prod", model.Unknown("var.unset")}, "v[1]", "var.unset has no default"},
		{`{ a = var.unset, b = 1 }`, map[string]any{"a": model.Unknown("var.unset"), "b": 1}, "v.a", "no value"},
		// A reference to an attribute the provider computes for a resource in the scan is a resolved
		// reference (an edge), not an assumption.
		{`aws_s3_bucket.b.arn`, model.Unknown("aws_s3_bucket.b.arn"), "v", ""},
		// An attribute the provider computes, read through a whole object, is unknown and not a diagnostic.
		{`[for r in [aws_s3_bucket.b] : r.website_endpoint]`, model.Unknown("[for r in [aws_s3_bucket.b] : r.website_endpoint]"), "v",
			"computed by the provider): This object does not have an attribute named \"website_endpoint\""},
		{`timestamp()`, model.Unknown("timestamp()"), "v", "changes on every run"},
		{`nosuchfunc(1)`, model.Unknown("nosuchfunc(1)"), "v", "calls a function Seam does not evaluate"},
		{`jsonencode({ r = aws_s3_bucket.b.arn, n = 1 })`, model.Unknown(`{"n":1,"r":"${aws_s3_bucket.b.arn}"}`), "v", ""},
		{`"${aws_s3_bucket.b.arn}/${var.unset}"`, model.Unknown("${aws_s3_bucket.b.arn}/${var.unset}"), "v", "var.unset has no default"},
		// A key known only after apply keeps its text, as policy documents keep theirs; the value is kept.
		{`{ "${var.unset}:sub" = "system:serviceaccount:shop:api" }`, map[string]any{"${var.unset}:sub": "system:serviceaccount:shop:api"}, "v", "var.unset has no default"},
		{`jsonencode({ Condition = { "${var.unset}:aud" = "sts.amazonaws.com" } })`, `{"Condition":{"${var.unset}:aud":"sts.amazonaws.com"}}`, "v", "var.unset has no default"},
		{`file("nope.json")`, model.Unknown(`file("nope.json")`), "v", "nope.json"},
		{`file("big.txt")`, model.Unknown(`file("big.txt")`), "v", "cap"},
		{`file("../outside.txt")`, model.Unknown(`file("../outside.txt")`), "v", "outside the scanned directory"},
	}
	files := map[string]string{"big.txt": strings.Repeat("x", 2<<20)}
	for _, tt := range tests {
		got, as := evalAttr(t, tt.expr, files)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.expr, diff)
		}
		if tt.reason == "" {
			if len(as) != 0 {
				t.Errorf("%s: want no assumption, got %+v", tt.expr, as)
			}
			continue
		}
		found := false
		for _, a := range as {
			if a.Attribute == tt.attr && strings.Contains(a.Reason, tt.reason) && a.Assumed == assumedUnknown {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no assumption on %s saying %q; got %+v", tt.expr, tt.attr, tt.reason, as)
		}
	}
}

// TestVariablePrecedence checks Terraform's order: default, terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars in lexical order, then the var files of Options in the order given.
func TestVariablePrecedence(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "n" { type = number }
resource "test_thing" "t" {
  v = [var.a, var.b, var.c, var.d, var.e, var.n]
}`)},
		"terraform.tfvars":      {Data: []byte(`a = "tfvars"` + "\n" + `b = "tfvars"` + "\n" + `c = "tfvars"` + "\n" + `n = "42"`)},
		"terraform.tfvars.json": {Data: []byte(`{"b": "tfvars.json", "c": "tfvars.json"}`)},
		"b.auto.tfvars":         {Data: []byte(`c = "b.auto"` + "\n" + `d = "b.auto"`)},
		"a.auto.tfvars":         {Data: []byte(`c = "a.auto"` + "\n" + `d = "a.auto"` + "\n" + `zz = 1`)},
		"env/one.tfvars":        {Data: []byte(`e = "one"`)},
		"env/two.tfvars":        {Data: []byte(`e = "two"`)},
	}
	facts := extractFS(t, fsys, extract.Options{TerraformVarFiles: []string{"env/two.tfvars", "./env/one.tfvars"}})
	want := []any{"tfvars", "tfvars.json", "b.auto", "b.auto", "one", 42}
	if len(facts.Nodes) != 1 {
		t.Fatalf("nodes = %v", facts.Nodes)
	}
	if diff := cmp.Diff(want, facts.Nodes[0].Attrs["v"]); diff != "" {
		t.Errorf("variable values (-want +got):\n%s", diff)
	}
	undeclared := false
	for _, d := range facts.Diagnostics {
		undeclared = undeclared || (d.File == "a.auto.tfvars" && strings.Contains(d.Message, `undeclared variable "zz"`))
	}
	if !undeclared {
		t.Errorf("no diagnostic for the undeclared variable zz: %v", facts.Diagnostics)
	}
}

// TestVariableTypes checks that type constraints convert values and fill optional attributes with their
// defaults, also inside a map used by for_each.
func TestVariableTypes(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "cfg" {
  type    = object({ name = string, size = optional(number, 3) })
  default = { name = "x" }
}
variable "rules" {
  type    = map(object({ port = number, cidr = optional(string, "10.0.0.0/8") }))
  default = { ssh = { port = "22" } }
}
variable "unset" {
  type = object({ name = string, size = optional(number) })
}
resource "test_thing" "t" {
  cfg  = var.cfg
  size = var.unset.size
}
resource "aws_security_group_rule" "r" {
  for_each    = var.rules
  type        = "ingress"
  from_port   = each.value.port
  cidr_blocks = [each.value.cidr]
}`)}}
	facts := extractFS(t, fsys, extract.Options{})
	got := map[string]any{}
	for _, n := range facts.Nodes {
		got[n.ID] = n.Attrs
	}
	want := map[string]any{
		"test_thing.t": map[string]any{"cfg": map[string]any{"name": "x", "size": 3}, "size": model.Unknown("var.unset.size"),
			"tf_address": "test_thing.t", "lines": map[string]any{"cfg": 14, "size": 15}},
		`aws_security_group_rule.r["ssh"]`: map[string]any{"type": "ingress", "from_port": 22, "cidr_blocks": []any{"10.0.0.0/8"},
			"tf_address": `aws_security_group_rule.r["ssh"]`, "lines": map[string]any{"cidr_blocks": 21, "from_port": 20, "type": 19}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
}

// TestCommunityModuleIdioms covers the conditional-resource idioms of widely used modules: count = var.x ? 1 : 0,
// try(aws_x.this[0].arn, ""), one(aws_x.this[*].id), legacy splats. The references survive try() and splats,
// so the function still uses-identity the role and is a member-of both subnets.
func TestCommunityModuleIdioms(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "create" { default = true }
variable "create_sg" { default = false }
resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0
  name_prefix = "svc-"
  assume_role_policy = "{}"
}
resource "aws_security_group" "this" {
  count = var.create_sg ? 1 : 0
  name = "x"
}
resource "aws_subnet" "private" {
  count = 2
  vpc_id = "vpc-1"
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
locals {
  role_arn = try(aws_iam_role.this[0].arn, "")
  sg_id    = one(aws_security_group.this[*].id)
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = local.role_arn
  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = compact([local.sg_id])
  }
  environment {
    variables = {
      FIRST = element(concat(aws_subnet.private.*.id, [""]), 0)
    }
  }
}
`)}}
	facts := extractFS(t, fsys, extract.Options{})
	have := map[string]bool{}
	for _, e := range facts.Edges {
		have[edgeString(e)] = true
	}
	for _, want := range []string{
		"aws_lambda_function.fn -uses-identity-> aws_iam_role.this[0] @24 [role]",
		"aws_lambda_function.fn -member-of-> aws_subnet.private[0] @26 [vpc_config[0].subnet_ids]",
		"aws_lambda_function.fn -member-of-> aws_subnet.private[1] @26 [vpc_config[0].subnet_ids]",
		"aws_lambda_function.fn -references-> aws_subnet.private[0] @30 [environment[0].variables]",
	} {
		if !have[want] {
			t.Errorf("missing edge %s; have %v", want, have)
		}
	}
	for _, a := range facts.Assumptions {
		if a.Attribute == "role" && !strings.Contains(a.Reason, "aws_iam_role.this[0].arn is computed") {
			t.Errorf("role assumption says %q", a.Reason)
		}
	}
	for _, n := range facts.Nodes {
		if n.ID == "aws_security_group.this[0]" {
			t.Error("count = 0 made a node")
		}
	}
}
