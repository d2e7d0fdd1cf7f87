# Fixture "realistic": a syntax-broken file beside good ones. The first block parses and is kept
# (aws_sqs_queue.jobs, named "shop-prod-jobs"); the missing bracket below is an error diagnostic at
# broken.tf:9:1 (where the parser notices), the block that holds it is skipped, and the rest of the module is unaffected.
resource "aws_sqs_queue" "jobs" {
  name = "${local.name_prefix}-jobs"
}
resource "aws_sqs_queue" "dead" {
  name = ["oops"
}
