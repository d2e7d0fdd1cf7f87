# Fixture public-instance: EC2 instances and a database, some public and some not.
#
# Exercises: aws_instance.bastion with associate_public_ip_address in a subnet routed to an internet gateway,
# its security group open on 22 to var.admin_cidr, a variable with no value; aws_instance.app in the same
# public subnet with a public IP but a security group that admits only the VPC; aws_instance.batch in a
# private subnet (no public IP, no route to the gateway); aws_instance.edge with an Elastic IP but in a subnet
# whose route table has no internet gateway; an RDS instance with publicly_accessible = true and a security
# group open to 0.0.0.0/0 on 5432.
#
# Right answer: internet -exposes-> aws_instance.bastion on 22 with the assumption that var.admin_cidr admits
# the internet; internet -exposes-> aws_db_instance.reporting on 5432; refused links for aws_instance.app
# (its security group admits only 10.20.0.0/16) and aws_instance.edge (no route to an internet gateway);
# nothing for aws_instance.batch (no public address); derived exposure on the bastion and the database;
# network-reach to the database (its group admits 0.0.0.0/0 on 5432) from app, bastion and batch, whose
# internal group allows all egress; refused network-reach from aws_instance.edge, whose only group states no
# egress rule (Terraform removes AWS's default allow-all egress).

variable "admin_cidr" {
  description = "Office network allowed to SSH to the bastion."
  type        = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.0.0/24"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.16.0/20"
}

resource "aws_subnet" "isolated" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.32.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "isolated" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "isolated" {
  subnet_id      = aws_subnet.isolated.id
  route_table_id = aws_route_table.isolated.id
}

resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_security_group" "internal" {
  name   = "internal"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Anything from inside the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "reporting_db" {
  name   = "reporting-db"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "PostgreSQL from anywhere (for the BI vendor)"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "bastion" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.bastion.id, aws_security_group.internal.id]
}

resource "aws_instance" "app" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.small"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.internal.id]
}

resource "aws_instance" "batch" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.internal.id]
}

resource "aws_instance" "edge" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.isolated.id
  vpc_security_group_ids = [aws_security_group.reporting_db.id]
}

resource "aws_eip" "edge" {
  instance = aws_instance.edge.id
  domain   = "vpc"
}

resource "aws_db_subnet_group" "reporting" {
  name       = "reporting"
  subnet_ids = [aws_subnet.public.id]
}

resource "aws_db_instance" "reporting" {
  identifier             = "reporting"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  username               = "bi"
  db_subnet_group_name   = aws_db_subnet_group.reporting.name
  vpc_security_group_ids = [aws_security_group.reporting_db.id]
  publicly_accessible    = true
}
