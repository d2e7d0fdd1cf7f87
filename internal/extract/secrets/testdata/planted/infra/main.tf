# A Lambda with an AWS key pair in its environment (aws-access-key-id + aws-secret-key, keys named by the
# map), and an RDS instance with a literal master password (database-password, tf_block aws_db_instance.orders).
resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "AKIAQWB5PDKHX6PYGPAN"
      AWS_SECRET_ACCESS_KEY = "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"
    }
  }
}

resource "aws_db_instance" "orders" {
  identifier = "orders"
  engine     = "postgres"
  username   = "orders"
  password   = "1Aw71l33SCx9vHjHkm1x"
}
