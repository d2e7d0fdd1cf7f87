# Account-level logging and detection, load balancers, API Gateway.
resource "aws_cloudtrail" "good" {
  name                       = "org"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.good.arn
  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.records.arn}/"]
    }
  }
}

resource "aws_cloudtrail" "bad" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.logs.id
}

resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_role.partner.arn
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_lb" "good" {
  name                       = "web"
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = true
  }
}

resource "aws_lb" "bad" {
  name               = "legacy"
  load_balancer_type = "application"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.good.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc"
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.bad.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc"
  }
}

resource "aws_lb_listener" "oldtls" {
  load_balancer_arn = aws_lb.bad.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc"
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_method" "open" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_stage" "bad" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "dep1"
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "good" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = "dep1"
  stage_name           = "v2"
  xray_tracing_enabled = true
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:api"
    format          = "$context.requestId"
  }
}

resource "aws_apigatewayv2_stage" "http" {
  api_id = "abc"
  name   = "prod"
}
