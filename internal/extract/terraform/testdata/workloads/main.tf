# Fixture "workloads": ECS, Lambda and databases, and the secrets they carry.
#  - aws_ecs_task_definition.api: container_definitions from jsonencode is stored as a list; the image is a
#    runs edge to image:docker.io/acme/api:1.4.2 (an implicit node); DB_PASSWORD's value is redacted, LOG_LEVEL
#    is kept; DATABASE_URL keeps its host but not its password. task_role_arn is uses-identity.
#  - aws_ecs_service.api: runs the task definition, part-of the cluster, routes-to from the target group.
#  - aws_lambda_function.worker: an image function (runs edge), role uses-identity, environment variable
#    API_TOKEN redacted, vpc_config edges.
#  - aws_db_instance.main: the literal password is redacted; kms_key_id is protected-by.
#  - aws_ssm_parameter.db_url: a sensitive variable's value is never stored.
#  - aws_secretsmanager_secret_version.db: secret_string redacted, part-of the secret.

variable "db_url" {
  type      = string
  sensitive = true
  default   = "postgres://app:hunter2@db.internal:5432/app"
}

resource "aws_ecs_cluster" "main" {
  name = "acme"
}

resource "aws_iam_role" "task" {
  name               = "acme-task"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "api" {
  family        = "api"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name  = "api"
    image = "acme/api:1.4.2"
    environment = [
      { name = "DB_PASSWORD", value = "s3cr3t" },
      { name = "LOG_LEVEL", value = "info" },
      { name = "DATABASE_URL", value = "postgres://app:hunter2@db.internal:5432/app" },
    ]
    portMappings = [{ containerPort = 8080 }]
  }])
}

resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
}

resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }
}

resource "aws_security_group" "worker" {
  name = "worker"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.task.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:7"
  environment {
    variables = {
      API_TOKEN = "tok_live_123"
      QUEUE     = "jobs"
    }
  }
  vpc_config {
    security_group_ids = [aws_security_group.worker.id]
    subnet_ids         = ["subnet-0abc"]
  }
}

resource "aws_kms_key" "db" {
  description = "database key"
}

resource "aws_db_instance" "main" {
  identifier          = "acme-db"
  engine              = "postgres"
  username            = "app"
  password            = "hunter2-literal"
  kms_key_id          = aws_kms_key.db.arn
  publicly_accessible = false
}

resource "aws_ssm_parameter" "db_url" {
  name  = "/acme/db_url"
  type  = "SecureString"
  value = var.db_url
}

resource "aws_secretsmanager_secret" "db" {
  name = "acme/db"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({ password = "hunter2-json" })
}

output "db_url" {
  value     = var.db_url
  sensitive = true
}
