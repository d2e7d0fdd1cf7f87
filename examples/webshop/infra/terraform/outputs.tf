output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  description = "URL of the Kubernetes API."
  value       = aws_eks_cluster.main.endpoint
}

output "irsa_role_arns" {
  description = "Role ARNs to put on the service accounts in deploy/k8s (eks.amazonaws.com/role-arn)."
  value = {
    api    = module.irsa_api.role_arn
    worker = module.irsa_worker.role_arn
  }
}

output "documents_bucket" {
  description = "Bucket of customer documents (DOCUMENTS_BUCKET in the webshop-config ConfigMap)."
  value       = aws_s3_bucket.customer_documents.bucket
}

output "orders_db_endpoint" {
  description = "Host and port of the orders database."
  value       = aws_db_instance.orders.endpoint
}

output "ecr_repository_urls" {
  description = "Where CI pushes each service's image."
  value       = { for k, r in aws_ecr_repository.service : k => r.repository_url }
}
