# A variable file with a database password (database-password by its name, key db_password).
region      = "eu-west-1"
db_password = "72EsSfUQUAkNX7LHQ7"
