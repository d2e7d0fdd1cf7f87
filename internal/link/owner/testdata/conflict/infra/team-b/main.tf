# Conflict fixture: infra/team-b/** (team-b) is more specific than infra/** (platform): no conflict.
resource "aws_sns_topic" "alerts" {
  name = "team-b-alerts"
}
