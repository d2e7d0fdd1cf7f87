# Fixture "multiroot": the queue module, two levels down. Its policy lets the caller's role read it, so the
# queue has a references edge to the role one module up.
variable "name" {
  type = string
}

variable "reader" {
  type = string
}

resource "aws_sqs_queue" "this" {
  name = var.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader }
      Action    = "sqs:ReceiveMessage"
      Resource  = "*"
    }]
  })
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
