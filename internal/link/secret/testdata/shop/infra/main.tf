# The shop's AWS side: an IAM user with an access key (the state below records its ID), two Lambdas with
# key pairs in their environment, an RDS instance with a literal password, and the EKS cluster.
resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_access_key" "deploy" {
  user = aws_iam_user.deploy.name
}

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

resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "AKIA2RLYKEI4IIAANNKK"
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

resource "aws_eks_cluster" "shop" {
  name     = "shop-prod"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}
