# Fixture "realistic": the root module's variables. env and web_count have defaults that terraform.tfvars
# overrides ("prod", 2); ssh_ports keeps its default; admin_cidr has no default and no value, so its uses are
# unknown and each becomes an assumption.

variable "env" {
  type    = string
  default = "dev"
}

variable "web_count" {
  type    = number
  default = 1
}

variable "ssh_ports" {
  type    = list(number)
  default = [22]
}

variable "admin_cidr" {
  type        = string
  description = "CIDR allowed to reach SSH; set per environment"
}
