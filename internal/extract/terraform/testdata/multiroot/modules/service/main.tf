# Fixture "multiroot": the service module; one role per instance and a queue from the nested module.
variable "name" {
  type = string
}

variable "owner" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
  tags = {
    Owner  = var.owner
    Region = var.region
  }
}

module "queue" {
  source = "../queue"
  name   = "${var.name}-jobs"
  reader = aws_iam_role.this.arn
}

output "queue_arn" {
  value = module.queue.arn
}
