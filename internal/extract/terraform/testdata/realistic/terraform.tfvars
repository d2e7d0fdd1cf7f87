# Fixture "realistic": overrides the defaults of env ("dev" → "prod") and web_count (1 → 2).
env       = "prod"
web_count = 2
