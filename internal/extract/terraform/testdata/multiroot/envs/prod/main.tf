# Fixture "multiroot": two root modules (envs/prod and envs/dev) call the same local module; IDs carry the
# root's directory ("envs/prod:module.svc[\"api\"].aws_iam_role.this"). prod calls ../../modules/service with
# for_each over two services; each instance calls ../queue in turn, so addresses nest:
# module.svc["api"].module.queue.aws_sqs_queue.this. The root reads a nested output (the queue ARN) through
# module.svc["api"].queue_arn, which makes an edge to the queue inside. prod.auto.tfvars sets region; the
# var file given in Options (shared/extra.tfvars) sets owner for every root.

variable "owner" {
  type    = string
  default = "unset"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

module "svc" {
  for_each = toset(["api", "worker"])
  source   = "../../modules/service"
  name     = "prod-${each.key}"
  owner    = var.owner
  region   = var.region
}

resource "aws_cloudwatch_log_group" "audit" {
  name = "/prod/audit"
  tags = { Owner = var.owner }
}

resource "aws_lambda_event_source_mapping" "api_jobs" {
  event_source_arn = module.svc["api"].queue_arn
  function_name    = "prod-api-handler"
}
