# The webshop's production AWS account (123456789012, eu-west-1): network, EKS cluster, IRSA roles, the
# customer-documents bucket and the orders database. One root module; the IRSA role pattern is the local
# module ./modules/irsa, called once per workload in irsa.tf.
#
# The files are split by topic: network.tf, eks.tf, irsa.tf, storage.tf, database.tf. The weaknesses the
# example is about are marked "SEAM EXAMPLE" (see ../../README.md for the whole path).

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state-123456789012"
    key            = "webshop/prod/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = local.common_tags
  }
}

locals {
  name = var.cluster_name

  common_tags = {
    system      = "webshop"
    environment = var.environment
    owner       = "platform"
    managed_by  = "terraform"
  }

  # One public and one private subnet per availability zone: /24s for the public side (load balancers, NAT),
  # /20s for the private side (EKS nodes, pods, the database).
  public_subnets  = { for i, az in var.availability_zones : az => cidrsubnet(var.vpc_cidr, 8, i) }
  private_subnets = { for i, az in var.availability_zones : az => cidrsubnet(var.vpc_cidr, 4, i + 1) }

  oidc_provider_host = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}
