# METADATA
# title: Security groups do not open database ports to the internet
# description: >-
#   Databases and caches (PostgreSQL, MySQL, SQL Server, Oracle, Redshift, Redis, Memcached, MongoDB,
#   Elasticsearch, Cassandra) exposed to the internet are scanned and attacked directly, often with default
#   or no authentication. Only the application tier should reach them.
# custom:
#   id: SEAM-AWS-SG-003
#   severity: critical
#   remediation: Allow the database port only from the application security groups (source_security_group_id / referenced_security_group_id).
#   frameworks:
#     cis-aws: []
#     nist-800-53: ["SC-7", "AC-4"]
#     pci-dss: ["1.3.1", "1.4.4"]
#     cis-kubernetes: []
#   select:
#     kinds: [network, resource]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#     edges: []
package seam.controls.aws.sg_database

import rego.v1

import data.seam.lib.aws

ports := {1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 7000, 7001, 8529, 9042, 9200, 9300, 11211, 27017, 27018, 50000}

deny contains v if {
	some n in input.nodes
	some f in aws.port_findings(n, ports, "a database port")
	v := f
}
