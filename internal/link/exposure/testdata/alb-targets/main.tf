# Fixture alb-targets: an internet-facing application load balancer in front of four kinds of target.
#
# Exercises: aws_lb (internal = false) with a security group open to 0.0.0.0/0 and ::/0 on 443 only; a
# listener on 443 whose default action forwards to a target group of an autoscaling group (target_group_arns,
# launch template); listener rules forwarding /api/* to an ECS service (load_balancer block) and /fn/* to a
# Lambda target group (aws_lb_target_group_attachment, aws_lambda_permission for the load balancer); a target
# group attachment of a single EC2 instance; a listener on 8080 that the security group does not open.
# Security groups: the app group admits the load balancer's group on 8080 and may send to the database group on
# 5432; the database group admits the app group on 5432; the load balancer's group may send anywhere.
#
# Right answer: internet -exposes-> aws_lb.web on port 443 only; the builder adds routes-to
# aws_autoscaling_group.app -> aws_launch_template.app (the extractor already joins lb -> listener -> rule ->
# target group -> ASG / ECS service / attachment -> Lambda); derived exposure on aws_launch_template.app (port
# 8080, admitted by the app group), aws_ecs_service.api (9000, /api/*) and aws_lambda_function.fn (/fn/*, with
# the permission as a control); aws_instance.legacy is refused: only the 8080 listener leads to it and the load
# balancer's group does not open 8080; network-reach from the launch template and the instance (both in the
# app group) to aws_db_instance.main on 5432; the ECS service's group is not admitted by the database group,
# so no network-reach from it.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.16.0/20"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "lb" {
  name   = "web-lb"
  vpc_id = aws_vpc.main.id

  ingress {
    description      = "HTTPS from anywhere"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "app" {
  name   = "web-app"
  vpc_id = aws_vpc.main.id

  ingress {
    description     = "App port from the load balancer"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }

  egress {
    description     = "PostgreSQL to the database"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.db.id]
  }
}

resource "aws_security_group" "ecs" {
  name   = "web-ecs"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group_rule" "ecs_from_lb" {
  type                     = "ingress"
  security_group_id        = aws_security_group.ecs.id
  source_security_group_id = aws_security_group.lb.id
  from_port                = 0
  to_port                  = 65535
  protocol                 = "tcp"
}

resource "aws_security_group" "db" {
  name   = "web-db"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_lb" "web" {
  name               = "web"
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.lb.id]
  subnets            = [aws_subnet.public.id]
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "admin" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8080
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.legacy.arn
  }
}

resource "aws_lb_listener_rule" "api" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }

  condition {
    path_pattern {
      values = ["/api/*"]
    }
  }
}

resource "aws_lb_listener_rule" "fn" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.fn.arn
  }

  condition {
    path_pattern {
      values = ["/fn/*"]
    }
  }
}

resource "aws_lb_target_group" "app" {
  name     = "web-app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_target_group" "api" {
  name        = "web-api"
  port        = 9000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id
}

resource "aws_lb_target_group" "fn" {
  name        = "web-fn"
  target_type = "lambda"
}

resource "aws_lb_target_group" "legacy" {
  name     = "web-legacy"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_launch_template" "app" {
  name_prefix            = "web-app-"
  image_id               = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_autoscaling_group" "app" {
  name                = "web-app"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.private.id]
  target_group_arns   = [aws_lb_target_group.app.arn]

  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_instance" "legacy" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_lb_target_group_attachment" "legacy" {
  target_group_arn = aws_lb_target_group.legacy.arn
  target_id        = aws_instance.legacy.id
  port             = 8080
}

resource "aws_ecs_cluster" "main" {
  name = "web"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "web-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name         = "api"
      image        = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web/api:1.0.0"
      portMappings = [{ containerPort = 9000 }]
    }
  ])
}

resource "aws_ecs_service" "api" {
  name            = "web-api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = [aws_subnet.private.id]
    security_groups = [aws_security_group.ecs.id]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 9000
  }
}

resource "aws_iam_role" "fn" {
  name = "web-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "fn" {
  function_name = "web-fn"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "fn.zip"
}

resource "aws_lambda_permission" "from_lb" {
  statement_id  = "AllowLoadBalancer"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn.function_name
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.fn.arn
}

resource "aws_lb_target_group_attachment" "fn" {
  target_group_arn = aws_lb_target_group.fn.arn
  target_id        = aws_lambda_function.fn.arn
  depends_on       = [aws_lambda_permission.from_lb]
}

resource "aws_db_subnet_group" "main" {
  name       = "web"
  subnet_ids = [aws_subnet.private.id]
}

resource "aws_db_instance" "main" {
  identifier             = "web"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  username               = "app"
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
}
