# Production values. The account id and region match the ECR image names and IRSA role ARNs in deploy/k8s.
account_id   = "123456789012"
region       = "eu-west-1"
environment  = "prod"
cluster_name = "webshop-prod"
admin_cidrs  = ["203.0.113.0/24", "198.51.100.10/32"]
node_count = {
  desired = 3
  min     = 3
  max     = 9
}
