# Fixture "multiroot": an automatic var file of the prod root; region becomes "eu-west-1".
region = "eu-west-1"
