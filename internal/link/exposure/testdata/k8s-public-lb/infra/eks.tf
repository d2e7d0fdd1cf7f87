# The EKS cluster of the k8s-public-lb fixture: nodes in a private subnet whose only default route is a NAT
# gateway, so NodePort Services are not reachable from the internet.

resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.1.16.0/20"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0123456789abcdef0"
  }
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_eks_cluster" "main" {
  name     = "shop"
  role_arn = "arn:aws:iam::111122223333:role/shop-cluster"

  vpc_config {
    subnet_ids = [aws_subnet.private.id]
  }
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "default"
  node_role_arn   = "arn:aws:iam::111122223333:role/shop-node"
  subnet_ids      = [aws_subnet.private.id]

  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 4
  }
}
