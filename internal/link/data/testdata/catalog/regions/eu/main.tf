# Fixture "catalog": one events table per region, both named "events" (see ../../catalog-info.yaml).

resource "aws_dynamodb_table" "events" {
  name     = "events"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
