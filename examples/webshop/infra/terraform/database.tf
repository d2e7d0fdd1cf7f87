# The orders database: PostgreSQL in the private subnets, reachable only from the EKS nodes. It holds
# customers' names and addresses (PII) and payment tokens (PCI); the tag below says PCI, and seam.yaml adds
# PII, since a tag has one value.

resource "aws_db_subnet_group" "orders" {
  name       = "${local.name}-orders"
  subnet_ids = [for s in aws_subnet.private : s.id]
}

resource "aws_security_group" "db" {
  name        = "${local.name}-orders-db"
  description = "Orders database: PostgreSQL from the EKS nodes only"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "${local.name}-orders-db"
  }
}

resource "aws_vpc_security_group_ingress_rule" "db_from_nodes" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the EKS worker nodes"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.node.id
}

resource "aws_db_instance" "orders" {
  identifier     = "${local.name}-orders"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = var.db_instance_class
  db_name        = "orders"
  username       = "webshop_admin"

  # The master password lives in Secrets Manager, generated and rotated by RDS.
  manage_master_user_password = true

  allocated_storage     = 100
  max_allocated_storage = 500
  storage_type          = "gp3"
  storage_encrypted     = true

  db_subnet_group_name   = aws_db_subnet_group.orders.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  multi_az               = true

  backup_retention_period   = 14
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.name}-orders-final"

  tags = {
    data_classification = "pci"
    owner               = "payments"
  }
}
