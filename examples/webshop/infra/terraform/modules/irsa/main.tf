# An IAM role for one Kubernetes service account (IRSA): it trusts the cluster's OIDC provider only for
# tokens whose subject is system:serviceaccount:<namespace>:<service_account> and whose audience is STS, and
# carries one inline policy given by the caller.

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${var.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "IRSA role of ${var.namespace}/${var.service_account}"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.service_account}-permissions"
  role   = aws_iam_role.this.id
  policy = var.policy_json
}
