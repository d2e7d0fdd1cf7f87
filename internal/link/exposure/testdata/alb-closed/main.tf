# Fixture alb-closed: two load balancers the internet cannot use.
#
# Exercises: aws_lb.vpc_only, internet-facing (internal unset) but whose only security group admits the VPC
# CIDR 10.0.0.0/16 on 443; aws_alb.internal (the aws_alb alias) with internal = true and a group open to the
# world; each forwards to a target group of one instance.
#
# Right answer: no exposes edge; a refused internet -exposes-> link for aws_lb.vpc_only naming security
# group web-vpc-only and the CIDR it admits, and one for aws_alb.internal naming internal = true; no
# derived exposure on aws_instance.app. The instance's subnet is not in the scan, so it is assumed to give it
# a public address and a route out, but it names no security group, and the VPC's default group admits only
# its own members: a third refused link.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "vpc_only" {
  name   = "web-vpc-only"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "open" {
  name   = "web-open"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "vpc_only" {
  name            = "web-vpc-only"
  security_groups = [aws_security_group.vpc_only.id]
  subnets         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
}

resource "aws_alb" "internal" {
  name            = "web-internal"
  internal        = true
  security_groups = [aws_security_group.open.id]
  subnets         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
}

resource "aws_lb_listener" "vpc_only" {
  load_balancer_arn = aws_lb.vpc_only.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_alb_listener" "internal" {
  load_balancer_arn = aws_alb.internal.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_target_group" "app" {
  name     = "web-app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  subnet_id     = "subnet-0aaaaaaaaaaaaaaaa"
}

resource "aws_lb_target_group_attachment" "app" {
  target_group_arn = aws_lb_target_group.app.arn
  target_id        = aws_instance.app.id
  port             = 8080
}
