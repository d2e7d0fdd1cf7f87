variable "name" {
  description = "Name of the IAM role."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the service account."
  type        = string
}

variable "service_account" {
  description = "Name of the Kubernetes service account allowed to assume the role."
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider."
  type        = string
}

variable "oidc_issuer_host" {
  description = "The cluster's OIDC issuer without https://, the prefix of the sub and aud condition keys."
  type        = string
}

variable "policy_json" {
  description = "The role's permissions, as an IAM policy document in JSON."
  type        = string
}
