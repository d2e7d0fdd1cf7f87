package gen

import (
	"fmt"
	"strings"
)

// stackSteps write one service stack, in dependency order: a step references only what earlier steps (or
// the previous, complete stack) wrote, so a stack cut short by the resource budget is still valid. Each step
// writes exactly one resource block (data blocks are free) and reports whether the budget allowed it.
var stackSteps = []func(*tfRoot, *tfStack) bool{
	(*tfRoot).role, (*tfRoot).bucket, (*tfRoot).bucketAccessBlock, (*tfRoot).bucketEncryption,
	(*tfRoot).bucketPolicy, (*tfRoot).rolePolicy, (*tfRoot).logsPolicy, (*tfRoot).logsAttachment,
	(*tfRoot).securityGroup, (*tfRoot).securityGroupRule, (*tfRoot).computeFirst, (*tfRoot).computeSecond,
	(*tfRoot).queues, (*tfRoot).logGroup,
}

func (t *tfRoot) role(st *tfStack) bool {
	service := map[string]string{"instance": "ec2.amazonaws.com", "lambda": "lambda.amazonaws.com",
		"rds": "ecs-tasks.amazonaws.com"}[st.compute]
	return t.resource("iam.tf", fmt.Sprintf(`resource "aws_iam_role" "%s" {
  name = "${local.prefix}-%s"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "%s" }
    }]
  })
}
`, st.id, st.name, service))
}

func (t *tfRoot) bucket(st *tfStack) bool {
	return t.resource("storage.tf", fmt.Sprintf(`resource "aws_s3_bucket" "%s" {
  bucket = "${local.prefix}-%s-data"
  tags = {
    data_classification = "%s"
    service             = "%s"
  }
}
`, st.id, st.name, pick(t.r, dataClasses), st.name))
}

func (t *tfRoot) bucketAccessBlock(st *tfStack) bool {
	block := !t.r.chance(8) // a few buckets are left open
	return t.resource("storage.tf", fmt.Sprintf(`resource "aws_s3_bucket_public_access_block" "%s" {
  bucket                  = aws_s3_bucket.%s.id
  block_public_acls       = %t
  block_public_policy     = %t
  ignore_public_acls      = %t
  restrict_public_buckets = %t
}
`, st.id, st.id, block, block, block, block))
}

func (t *tfRoot) bucketEncryption(st *tfStack) bool {
	algo := pick(t.r, []string{"AES256", "aws:kms", "aws:kms"})
	return t.resource("storage.tf", fmt.Sprintf(`resource "aws_s3_bucket_server_side_encryption_configuration" "%s" {
  bucket = aws_s3_bucket.%s.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "%s"
    }
  }
}
`, st.id, st.id, algo))
}

func (t *tfRoot) bucketPolicy(st *tfStack) bool {
	reader := fmt.Sprintf("{ AWS = aws_iam_role.%s.arn }", st.id)
	if t.r.chance(5) {
		reader = `"*"` // a public-read bucket policy
	}
	return t.resource("storage.tf", fmt.Sprintf(`resource "aws_s3_bucket_policy" "%s" {
  bucket = aws_s3_bucket.%s.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.%s.arn, "${aws_s3_bucket.%s.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "ServiceRead"
        Effect    = "Allow"
        Principal = %s
        Action    = ["s3:GetObject", "s3:ListBucket"]
        Resource  = [aws_s3_bucket.%s.arn, "${aws_s3_bucket.%s.arn}/*"]
      },
    ]
  })
}
`, st.id, st.id, st.id, st.id, reader, st.id, st.id))
}

func (t *tfRoot) rolePolicy(st *tfStack) bool {
	actions := `["s3:GetObject", "s3:PutObject", "s3:ListBucket"]`
	resources := fmt.Sprintf(`[aws_s3_bucket.%s.arn, "${aws_s3_bucket.%s.arn}/*"]`, st.id, st.id)
	switch t.r.intn(10) {
	case 0:
		actions = `"s3:*"`
	case 1:
		resources = `"*"`
	case 2:
		actions, resources = `["iam:PassRole", "sts:AssumeRole"]`, `"*"`
	}
	return t.resource("iam.tf", fmt.Sprintf(`resource "aws_iam_role_policy" "%s" {
  name = "data-access"
  role = aws_iam_role.%s.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = %s
      Resource = %s
    }]
  })
}
`, st.id, st.id, actions, resources))
}

func (t *tfRoot) logsPolicy(st *tfStack) bool {
	if t.left == 0 {
		return false
	}
	t.add("iam.tf", fmt.Sprintf(`data "aws_iam_policy_document" "%s_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:${var.region}:%s:log-group:/%s/%s:*"]
  }
}
`, st.id, account, t.prefix, st.name))
	return t.resource("iam.tf", fmt.Sprintf(`resource "aws_iam_policy" "%s_logs" {
  name   = "${local.prefix}-%s-logs"
  policy = data.aws_iam_policy_document.%s_logs.json
}
`, st.id, st.name, st.id))
}

func (t *tfRoot) logsAttachment(st *tfStack) bool {
	return t.resource("iam.tf", fmt.Sprintf(`resource "aws_iam_role_policy_attachment" "%s_logs" {
  role       = aws_iam_role.%s.name
  policy_arn = aws_iam_policy.%s_logs.arn
}
`, st.id, st.id, st.id))
}

func (t *tfRoot) securityGroup(st *tfStack) bool {
	from := "var.allowed_cidrs"
	if t.r.chance(12) {
		from = `["0.0.0.0/0"]`
	}
	port := pick(t.r, []int{443, 8080, 8443, 5432, 22, 3000})
	return t.resource("network.tf", fmt.Sprintf(`resource "aws_security_group" "%s" {
  name        = "${local.prefix}-%s"
  description = "%s"
  vpc_id      = aws_vpc.main.id
  ingress {
    description = "service port"
    from_port   = %d
    to_port     = %d
    protocol    = "tcp"
    cidr_blocks = %s
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, st.id, st.name, st.name, port, port, from))
}

func (t *tfRoot) securityGroupRule(st *tfStack) bool {
	source := "aws_security_group." + st.id + ".id" // the first stack talks to itself
	if n := len(t.stacks); n > 0 {
		source = "aws_security_group." + t.stacks[n-1].id + ".id"
	}
	return t.resource("network.tf", fmt.Sprintf(`resource "aws_security_group_rule" "%s_from_peer" {
  type                     = "ingress"
  security_group_id        = aws_security_group.%s.id
  source_security_group_id = %s
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
}
`, st.id, st.id, source))
}

// computeFirst and computeSecond write the stack's compute: an instance profile and EC2 instances, a Lambda
// function and its permission, or a database subnet group and an RDS instance.
func (t *tfRoot) computeFirst(st *tfStack) bool {
	switch st.compute {
	case "instance":
		return t.resource("compute.tf", fmt.Sprintf(`resource "aws_iam_instance_profile" "%s" {
  name = "${local.prefix}-%s"
  role = aws_iam_role.%s.name
}
`, st.id, st.name, st.id))
	case "lambda":
		return t.resource("compute.tf", fmt.Sprintf(`resource "aws_lambda_function" "%s" {
  function_name = "${local.prefix}-%s"
  role          = aws_iam_role.%s.arn
  runtime       = "%s"
  handler       = "main.handler"
  s3_bucket     = "${local.prefix}-artifacts"
  s3_key        = "%s/%s.zip"
  timeout       = 30
  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.%s.id]
  }
  environment {
    variables = {
      BUCKET    = aws_s3_bucket.%s.bucket
      LOG_LEVEL = "info"
    }
  }
}
`, st.id, st.name, st.id, pick(t.r, []string{"python3.12", "nodejs20.x", "provided.al2023", "java21"}),
			st.name, t.r.semver(), st.id, st.id))
	}
	return t.resource("compute.tf", fmt.Sprintf(`resource "aws_db_subnet_group" "%s" {
  name       = "${local.prefix}-%s"
  subnet_ids = aws_subnet.private[*].id
}
`, st.id, st.name))
}

func (t *tfRoot) computeSecond(st *tfStack) bool {
	switch st.compute {
	case "instance":
		tokens := pick(t.r, []string{"required", "required", "optional"})
		return t.resource("compute.tf", fmt.Sprintf(`resource "aws_instance" "%s" {
  count                  = var.instance_count
  ami                    = "ami-0%s"
  instance_type          = var.instance_type
  subnet_id              = aws_subnet.private[count.index %% length(aws_subnet.private)].id
  vpc_security_group_ids = [aws_security_group.%s.id]
  iam_instance_profile   = aws_iam_instance_profile.%s.name
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "%s"
  }
  tags = {
    Name = "${local.prefix}-%s-${count.index}"
  }
}
`, st.id, t.r.hex(8), st.id, st.id, tokens, st.name))
	case "lambda":
		return t.resource("compute.tf", fmt.Sprintf(`resource "aws_lambda_permission" "%s" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.%s.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.%s.arn
}
`, st.id, st.id, st.id))
	}
	return t.resource("compute.tf", fmt.Sprintf(`resource "aws_db_instance" "%s" {
  identifier                  = "${local.prefix}-%s"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  db_name                     = "%s"
  username                    = "app_admin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.%s.name
  vpc_security_group_ids      = [aws_security_group.%s.id]
  storage_encrypted           = %t
  publicly_accessible         = %t
  skip_final_snapshot         = true
}
`, st.id, st.name, strings.SplitN(st.id, "_", 2)[0], st.id, st.id, !t.r.chance(10), t.r.chance(5)))
}

func (t *tfRoot) queues(st *tfStack) bool {
	return t.resource("storage.tf", fmt.Sprintf(`resource "aws_sqs_queue" "%s" {
  for_each                  = toset(["events", "retries", "dead-letter"])
  name                      = "${local.prefix}-%s-${each.key}"
  message_retention_seconds = each.key == "dead-letter" ? 1209600 : 345600
  sqs_managed_sse_enabled   = true
}
`, st.id, st.name))
}

func (t *tfRoot) logGroup(st *tfStack) bool {
	return t.resource("compute.tf", fmt.Sprintf(`resource "aws_cloudwatch_log_group" "%s" {
  name              = "/%s/%s"
  retention_in_days = var.log_retention_days
}
`, st.id, t.prefix, st.name))
}
