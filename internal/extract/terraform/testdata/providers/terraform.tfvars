region     = "eu-west-1"
account_id = "111122223333"
