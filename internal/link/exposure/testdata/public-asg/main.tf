# Fixture public-asg: autoscaling groups whose instances are on the internet without a load balancer.
#
# Exercises: aws_autoscaling_group.edge in a subnet with map_public_ip_on_launch and a route to an internet
# gateway, launching from a template whose security group admits 0.0.0.0/0 on 443; aws_autoscaling_group.jobs
# in a private subnet (no public addresses); aws_autoscaling_group.relay whose template asks for a public
# address on its network interface, in a subnet whose route table has no internet gateway.
#
# Right answer: internet -exposes-> aws_autoscaling_group.edge on 443 and a derived exposure on
# aws_launch_template.edge (hops internet, the group, the template); nothing for jobs; a refused link for
# relay naming its route table; routes-to from each group to its template.

resource "aws_vpc" "main" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.30.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.16.0/20"
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

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "edge" {
  name   = "edge"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_launch_template" "edge" {
  name_prefix            = "edge-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.edge.id]
}

resource "aws_autoscaling_group" "edge" {
  name                = "edge"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.public.id]

  launch_template {
    id = aws_launch_template.edge.id
  }
}

resource "aws_launch_template" "jobs" {
  name_prefix            = "jobs-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.edge.id]
}

resource "aws_autoscaling_group" "jobs" {
  name                = "jobs"
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.private.id]

  launch_template {
    id = aws_launch_template.jobs.id
  }
}

resource "aws_launch_template" "relay" {
  name_prefix = "relay-"
  image_id    = "ami-0123456789abcdef0"

  network_interfaces {
    associate_public_ip_address = true
    security_groups             = [aws_security_group.edge.id]
  }
}

resource "aws_autoscaling_group" "relay" {
  name                = "relay"
  min_size            = 1
  max_size            = 1
  vpc_zone_identifier = [aws_subnet.private.id]

  launch_template {
    id = aws_launch_template.relay.id
  }
}
