provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_iam_role" "bastion" {
  name = "bastion"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_instance_profile" "bastion" {
  name = "bastion"
  role = "bastion"
}

resource "aws_instance" "bastion" {
  ami                  = "ami-0c55b159cbfafe1f0"
  instance_type        = "t3.micro"
  iam_instance_profile = "bastion"
  tags = {
    Name = "bastion"
  }
}

resource "aws_iam_role" "resize" {
  name = "resize"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::111122223333:role/resize"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "resize.zip"
}

resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  role          = aws_iam_role.bastion.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "thumbs.zip"
}
