variable "region" {
  description = "AWS region of the webshop."
  type        = string
  default     = "eu-west-1"
}

variable "account_id" {
  description = "The production account; the provider refuses to run against any other."
  type        = string
}

variable "environment" {
  description = "Environment name, used in tags."
  type        = string
  default     = "prod"
}

variable "cluster_name" {
  description = "Name of the EKS cluster, and the prefix of the IAM roles made for it."
  type        = string
  default     = "webshop-prod"
}

variable "kubernetes_version" {
  description = "EKS control plane version."
  type        = string
  default     = "1.30"
}

variable "vpc_cidr" {
  description = "Address range of the VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Zones to spread subnets and nodes over."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "admin_cidrs" {
  description = "Networks allowed to reach the EKS API endpoint (office and VPN egress)."
  type        = list(string)
  default     = []
}

variable "node_instance_type" {
  description = "Instance type of the EKS worker nodes."
  type        = string
  default     = "m6i.large"
}

variable "node_count" {
  description = "Desired, minimum and maximum number of worker nodes."
  type = object({
    desired = number
    min     = number
    max     = number
  })
  default = {
    desired = 3
    min     = 3
    max     = 6
  }
}

variable "db_instance_class" {
  description = "Instance class of the orders database."
  type        = string
  default     = "db.t4g.medium"
}

variable "shop_namespace" {
  description = "Kubernetes namespace of the webshop workloads (deploy/k8s/namespace.yaml)."
  type        = string
  default     = "shop"
}
