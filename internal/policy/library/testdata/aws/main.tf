# Fixture for the AWS control tests: a small account with one good and one bad
# example of each setting the controls look at. Run
#   go run ./cmd/seam graph internal/policy/library/testdata/aws --format json
# and copy nodes (trimmed) into controls/aws/**/*_test.rego.
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      owner = "platform"
    }
  }
}

# A value Seam cannot know: no default, no tfvars.
variable "tokens" {
  type = string
}

variable "public" {
  type = bool
}
