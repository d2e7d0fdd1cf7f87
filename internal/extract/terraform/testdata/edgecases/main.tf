# Fixture "edgecases": evaluation that cannot fully succeed, and must not stop the scan.
#  - local.a and local.b refer to each other: an error diagnostic "dependency cycle", both unknown.
#  - aws_sqs_queue.odd uses a function Seam does not know: its name is unknown with an assumption that says so,
#    and no diagnostic.
#  - aws_instance.fleet has count = var.size and var.size has no value: one node "aws_instance.fleet" without
#    an instance key, with an assumption on "count".
#  - aws_instance.off has count = 0: no node at all.
#  - aws_sns_topic.per_env has for_each over a list: a warning, and its strings are still used as keys.
#  - aws_iam_role.ghost reads file("missing.json"): a warning diagnostic, and an unknown policy.
#  - module.gone points at a directory without Terraform files: a warning, a module node and an assumption.
#  - aws_s3_bucket.safe uses try() and can() to fall back to a known name.
#  - depends_on a single instance picks that instance only.

variable "size" {
  type = number
}

variable "envs" {
  type    = list(string)
  default = ["dev", "prod"]
}

locals {
  a = "${local.b}-x"
  b = "${local.a}-y"
}

resource "aws_sqs_queue" "odd" {
  name = provider::aws::arn_build("aws", "sqs", "eu-west-1", "123", "odd")
}

resource "aws_sqs_queue" "cyclic" {
  name = local.a
}

resource "aws_instance" "fleet" {
  count         = var.size
  ami           = "ami-1"
  instance_type = "t3.small"
  tags          = { Name = "fleet-${count.index}" }
}

resource "aws_instance" "off" {
  count = 0
  ami   = "ami-1"
}

resource "aws_sns_topic" "per_env" {
  for_each = var.envs
  name     = "alerts-${each.value}"
}

resource "aws_iam_role" "ghost" {
  name               = "ghost"
  assume_role_policy = file("missing.json")
}

module "gone" {
  source = "./modules/gone"
  name   = "x"
}

resource "aws_s3_bucket" "safe" {
  bucket = try(local.settings.bucket, "fallback-bucket")
  tags = {
    HasSettings = can(local.settings.bucket) ? "yes" : "no"
  }
  depends_on = [aws_sns_topic.per_env["prod"]]
}

locals {
  settings = {}
}
