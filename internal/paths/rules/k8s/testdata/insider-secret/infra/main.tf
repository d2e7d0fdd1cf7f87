# The billing database, holding card data (tag data_classification = "pci").
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["123456789012"]
}

resource "aws_db_instance" "billing" {
  identifier                  = "billing-prod"
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  db_name                     = "billing"
  username                    = "billing_admin"
  manage_master_user_password = true
  allocated_storage           = 50
  storage_encrypted           = true

  tags = {
    data_classification = "pci"
  }
}
