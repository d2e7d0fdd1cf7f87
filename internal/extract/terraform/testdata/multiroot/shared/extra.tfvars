# Fixture "multiroot": passed as Options.TerraformVarFiles; owner applies to both roots.
owner = "team-payments"
