provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_eks_cluster" "main" {
  name     = "finance"
  role_arn = "arn:aws:iam::111122223333:role/finance-cluster"
  vpc_config {
    subnet_ids = ["subnet-0f1e2d3c"]
  }
}

resource "aws_db_instance" "ledger" {
  identifier                  = "finance-ledger"
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "ledger_admin"
  manage_master_user_password = true
  publicly_accessible         = false
  storage_encrypted           = true
  tags = {
    data_classification = "pci"
  }
}
