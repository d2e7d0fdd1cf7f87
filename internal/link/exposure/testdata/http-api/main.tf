# Fixture http-api: an API Gateway HTTP API (v2) in front of one Lambda function.
#
# Exercises: aws_apigatewayv2_api (protocol HTTP) with a $default stage; a route "GET /orders" with no
# authorizer (authorization_type defaults to NONE); a route "POST /orders" with a JWT authorizer; a route
# "DELETE /orders/{id}" with AWS_IAM authorization; integrations of type AWS_PROXY to the function's invoke
# ARN; the aws_lambda_permission that lets API Gateway invoke it.
#
# Right answer: internet -exposes-> each of the three routes, with authentication none, jwt and iam; routes-to
# route -> integration -> aws_lambda_function.orders; the derived exposure of the function lists the three
# routes, the anonymous GET first among them by route ID.

resource "aws_iam_role" "orders" {
  name = "orders-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "orders.zip"
}

resource "aws_apigatewayv2_api" "shop" {
  name          = "shop"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.shop.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "orders" {
  api_id                 = aws_apigatewayv2_api.shop.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.orders.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.shop.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    audience = ["shop-web"]
    issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
  }
}

resource "aws_apigatewayv2_route" "list_orders" {
  api_id    = aws_apigatewayv2_api.shop.id
  route_key = "GET /orders"
  target    = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

resource "aws_apigatewayv2_route" "create_order" {
  api_id             = aws_apigatewayv2_api.shop.id
  route_key          = "POST /orders"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

resource "aws_apigatewayv2_route" "delete_order" {
  api_id             = aws_apigatewayv2_api.shop.id
  route_key          = "DELETE /orders/{id}"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.shop.execution_arn}/*/*"
}
