# The account the organisation deploys to: ECR images in it are the organisation's.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["123456789012"]
}
