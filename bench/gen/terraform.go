package gen

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Terraform: about one root module per hundred resource blocks (at most 100), each a team's environment
// with a VPC and a series of service stacks. A stack is a role, a bucket with its controls and policy, the
// role's policies, a security group with a rule to the previous stack's group, compute (EC2 instances with
// count, a Lambda function or an RDS instance), SQS queues with for_each and a log group: 14 resource blocks
// that reference each other the way real modules do. Output is formatted with hclwrite, as terraform fmt
// would leave it.

// tfFiles is the order of a root module's files.
var tfFiles = []string{"versions.tf", "variables.tf", "main.tf", "iam.tf", "storage.tf", "network.tf",
	"compute.tf", "outputs.tf"}

// tfRoot is one root module being written.
type tfRoot struct {
	r      *rng
	idx    int
	dir    string
	prefix string // resource name prefix, e.g. payments-prod-007
	left   int    // resource blocks still to write
	files  map[string]*strings.Builder
	stacks []*tfStack
}

// tfStack is one service's group of resources inside a root module.
type tfStack struct {
	id      string // HCL label, e.g. orders_api_2
	name    string // AWS name part, e.g. orders-api-2
	compute string // instance, lambda or rds
	steps   int    // how many of stackSteps were written
}

// tfRoots returns the number of root modules for n resource blocks.
func tfRoots(n int) int { return min(max(n/100, 1), 100) }

// stackName is the service name of stack s in root module root. It is a pure function so the Kubernetes
// part can name the IRSA roles the Terraform part creates.
func stackName(root, s int) string {
	return nouns[(root*7+s*5)%len(nouns)] + "-" + roles[(root+s*3)%len(roles)] + fmt.Sprint("-", s)
}

// rootPrefix is the name prefix of root module i.
func rootPrefix(i int) string {
	return fmt.Sprintf("%s-%s-%03d", teams[i%len(teams)], []string{"prod", "staging", "dev"}[i%3], i)
}

func genTerraform(w *writer, opt Options) {
	n := opt.TerraformResources
	if n == 0 {
		return
	}
	r := newRNG(opt.Seed, "terraform")
	roots := tfRoots(n)
	for i := 0; i < roots; i++ {
		t := &tfRoot{r: r, idx: i, prefix: rootPrefix(i), left: n / roots, files: map[string]*strings.Builder{}}
		if i < n%roots {
			t.left++
		}
		t.dir = "terraform/" + t.prefix
		t.write()
		for _, f := range tfFiles {
			if b := t.files[f]; b != nil {
				w.file(t.dir+"/"+f, string(hclwrite.Format([]byte(b.String()))))
			}
		}
	}
}

// add appends text to a file of the root module.
func (t *tfRoot) add(file, text string) {
	b := t.files[file]
	if b == nil {
		b = &strings.Builder{}
		t.files[file] = b
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	b.WriteString(text)
}

// resource appends a resource block (counted against the budget) and reports whether it was written.
func (t *tfRoot) resource(file, text string) bool {
	if t.left == 0 {
		return false
	}
	t.left--
	t.add(file, text)
	return true
}

func (t *tfRoot) write() {
	t.header()
	if !t.resource("main.tf", t.vpc()) || !t.resource("main.tf", t.subnets()) {
		return
	}
	for s := 0; t.left > 0; s++ {
		name := stackName(t.idx, s)
		st := &tfStack{id: strings.ReplaceAll(name, "-", "_"), name: name,
			compute: pick(t.r, []string{"instance", "instance", "lambda", "lambda", "rds"})}
		for _, step := range stackSteps {
			if !step(t, st) {
				break
			}
			st.steps++
		}
		t.stacks = append(t.stacks, st)
	}
	t.outputs()
}

func (t *tfRoot) header() {
	t.add("versions.tf", `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.50"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

locals {
  prefix = "`+t.prefix+`"
  tags = merge(var.extra_tags, {
    team        = "`+teams[t.idx%len(teams)]+`"
    environment = var.environment
    managed_by  = "terraform"
  })
}
`)
	env := []string{"prod", "staging", "dev"}[t.idx%3]
	cidr := fmt.Sprintf("10.%d.0.0/16", t.idx%250)
	t.add("variables.tf", fmt.Sprintf(`variable "region" {
  type    = string
  default = "%s"
}

variable "environment" {
  type    = string
  default = "%s"
}

variable "vpc_cidr" {
  type    = string
  default = "%s"
}

variable "azs" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "allowed_cidrs" {
  description = "Office and VPN ranges allowed to reach internal services."
  type        = list(string)
  default     = ["10.0.0.0/8", "192.168.%d.0/24"]
}

variable "instance_type" {
  type    = string
  default = "%s"
}

variable "instance_count" {
  type    = number
  default = %d
}

variable "log_retention_days" {
  type    = number
  default = %d
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}
`, region, env, cidr, t.idx%250, pick(t.r, []string{"t3.micro", "t3.medium", "m6i.large", "c6i.xlarge"}),
		t.r.between(1, 3), pick(t.r, []int{7, 14, 30, 90, 365})))
}

func (t *tfRoot) vpc() string {
	return `resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags = {
    Name = local.prefix
  }
}
`
}

func (t *tfRoot) subnets() string {
	return `resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)
  tags = {
    Name = "${local.prefix}-private-${count.index}"
  }
}
`
}

func (t *tfRoot) outputs() {
	for i, st := range t.stacks {
		if i >= 3 || st.steps < 2 { // the bucket is the second step
			break
		}
		t.add("outputs.tf", fmt.Sprintf(`output "%s_bucket_arn" {
  value = aws_s3_bucket.%s.arn
}
`, st.id, st.id))
	}
}
