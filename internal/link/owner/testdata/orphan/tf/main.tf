# Orphan fixture: nothing in this repository names an owner (no seam.yaml, CODEOWNERS or catalog, no owner or
# team tag): every node is an orphan, reported once.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Name = "logs"
  }
}
