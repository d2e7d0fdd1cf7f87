# Compute: Lambda, EKS, ECS.
resource "aws_lambda_function" "good" {
  function_name = "rotate"
  role          = aws_iam_role.partner.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "rotate.zip"
  kms_key_arn   = aws_kms_key.good.arn
  tracing_config {
    mode = "Active"
  }
  environment {
    variables = {
      LOG_LEVEL = "info"
    }
  }
}

resource "aws_lambda_function" "bad" {
  function_name = "legacy"
  role          = aws_iam_role.partner.arn
  runtime       = "nodejs14.x"
  handler       = "index.handler"
  filename      = "legacy.zip"
  environment {
    variables = {
      DB_PASSWORD    = "hunter2hunter2"
      STRIPE_API_KEY = "sk_live_51H8abcdefghijklmnopqrstu"
    }
  }
}

resource "aws_lambda_function_url" "bad" {
  function_name      = aws_lambda_function.bad.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "bad" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.bad.function_name
  principal     = "*"
}

resource "aws_eks_cluster" "bad" {
  name     = "legacy"
  role_arn = aws_iam_role.partner.arn
  vpc_config {
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
  }
}

resource "aws_eks_cluster" "good" {
  name                      = "prod"
  role_arn                  = aws_iam_role.partner.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = false
    endpoint_private_access = true
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.good.arn
    }
  }
}

# IRSA for the good cluster: the provider's URL is the cluster's issuer, so the two are linked.
resource "aws_iam_openid_connect_provider" "good" {
  url             = aws_eks_cluster.good.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_ecs_task_definition" "bad" {
  family = "legacy"
  container_definitions = jsonencode([{
    name       = "app"
    image      = "acme/legacy:latest"
    privileged = true
    environment = [
      { name = "DB_PASSWORD", value = "hunter2hunter2" },
      { name = "PORT", value = "8080" },
    ]
  }])
}

resource "aws_ecs_task_definition" "good" {
  family        = "api"
  task_role_arn = aws_iam_role.partner.arn
  container_definitions = jsonencode([{
    name  = "api"
    image = "acme/api:1.4.2"
    secrets = [
      { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.good.arn },
    ]
  }])
}
