# The reports database (account 111122223333, eu-west-1): PostgreSQL, private, tagged as holding PII.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_db_instance" "reports" {
  identifier                  = "store-reports"
  engine                      = "postgres"
  instance_class              = "db.t4g.small"
  db_name                     = "store"
  username                    = "store_admin"
  manage_master_user_password = true
  allocated_storage           = 20
  storage_encrypted           = true
  publicly_accessible         = false

  tags = {
    data_classification = "pii"
  }
}
