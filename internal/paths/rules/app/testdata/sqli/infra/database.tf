# The shop database (account 111122223333, eu-west-1): PostgreSQL, private, tagged as holding PII.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_db_instance" "shop" {
  identifier                  = "shop-prod"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  db_name                     = "shop"
  username                    = "shop_admin"
  manage_master_user_password = true
  allocated_storage           = 50
  storage_encrypted           = true
  publicly_accessible         = false

  tags = {
    data_classification = "pii"
  }
}
