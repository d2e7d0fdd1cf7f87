# Fixture "realistic": the local module ./modules/iam, called once as module.iam. Its role trusts EC2 through a
# jsonencode assume-role policy (stored parsed); its inline policy is the root's policy document, passed in as
# a variable (an edge to data.aws_iam_policy_document.read_invoices); role = aws_iam_role.app.id is known
# ("shop-prod-app") because a role's id is its name. permissions_boundary defaults to null.

variable "name" {
  type = string
}

variable "policy_json" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "boundary_arn" {
  type    = string
  default = null
}

resource "aws_iam_role" "app" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  permissions_boundary = var.boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy" "app" {
  name   = "${var.name}-inline"
  role   = aws_iam_role.app.id
  policy = var.policy_json
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "app" {
  name = "${var.name}-profile"
  role = aws_iam_role.app.name
}

output "instance_profile_name" {
  value = aws_iam_instance_profile.app.name
}

output "role_arn" {
  value = aws_iam_role.app.arn
}
