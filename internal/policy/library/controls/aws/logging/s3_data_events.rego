# METADATA
# title: CloudTrail records object access to buckets of sensitive data
# description: >-
#   Management events do not include GetObject or PutObject. Without S3 data events for a bucket of
#   personal, card or health data there is no record of which identity read which object, so the extent of
#   a breach cannot be established and Seam's telemetry coverage sees the hop as unobserved.
# custom:
#   id: SEAM-AWS-CT-006
#   severity: medium
#   remediation: Add an event_selector { data_resource { type = "AWS::S3::Object", values = ["<bucket ARN>/"] } } (or an advanced_event_selector on resources.type AWS::S3::Object) to a trail.
#   frameworks:
#     cis-aws: ["3.8", "3.9"]
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss: ["10.2.1", "10.2.1.1"]
#     cis-kubernetes: []
#   select:
#     kinds: [datastore, logging]
#     types: [aws_s3_bucket, aws_cloudtrail]
#     edges: [attached-to, calls, exposes, logs-to, member-of, mounts, network-reach, part-of, protected-by, references, routes-to, runs, uses-identity]
package seam.controls.aws.cloudtrail_s3_data_events

import rego.v1

import data.seam.lib

trails := [t | some t in input.nodes; t.type == "aws_cloudtrail"]

# all_buckets: a trail logs object events of every bucket (values "arn:aws:s3", or an advanced selector on
# AWS::S3::Object with no ARN restriction).
all_buckets if {
	some t in trails
	some s in lib.blocks(object.get(t.attrs, "event_selector", []))
	some r in lib.blocks(object.get(s, "data_resource", []))
	r.type == "AWS::S3::Object"
	some x in r.values
	x in {"arn:aws:s3", "arn:aws:s3:::"}
}

all_buckets if {
	some t in trails
	some s in lib.blocks(object.get(t.attrs, "advanced_event_selector", []))
	fs := lib.blocks(object.get(s, "field_selector", []))
	some f in fs
	f.field == "resources.type"
	"AWS::S3::Object" in f.equals
	not arn_restricted(fs)
}

arn_restricted(fs) if {
	some f in fs
	f.field == "resources.ARN"
}

# named(n): a trail's selector references the bucket (the extractor draws the edge from the trail).
named(n) if {
	some e in object.get(n, "in", [])
	n.neighbours[e.from].type == "aws_cloudtrail"
	regex.match(`^(advanced_)?event_selector`, e.attrs.attribute)
}

deny contains v if {
	some n in input.nodes
	n.type == "aws_s3_bucket"
	lib.sensitive(n)
	not all_buckets
	not named(n)
	v := {"node": n.id, "msg": sprintf("%s holds sensitive data and no trail records its object-level (data) events", [n.id])}
}
