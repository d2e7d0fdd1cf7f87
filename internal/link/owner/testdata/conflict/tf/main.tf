# Conflict fixture: tags.
#   reports  owner=team-a and team=team-b → a conflict at the tags step; the owner key comes first: @acme/team-a
#   events   Team=data-eng (key compared without case) → an implicit owner node owner:data-eng
#   scratch  owner = var.owner, unknown → an assumption; CODEOWNERS decides (@acme/fallback)
variable "owner" {
  type = string
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  tags = {
    owner = "team-a"
    team  = "team-b"
  }
}

resource "aws_sqs_queue" "events" {
  name = "acme-events"
  tags = {
    Team = "data-eng"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "acme-scratch"
  tags = {
    owner = var.owner
  }
}
