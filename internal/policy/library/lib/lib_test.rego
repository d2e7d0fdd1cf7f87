package seam.lib_test

import rego.v1

import data.seam.lib

# A node trimmed from `seam graph` over testdata/aws (s3.tf): the records bucket, its tag and two edges.
records := {
	"id": "aws_s3_bucket.records", "kind": "datastore", "type": "aws_s3_bucket",
	"attrs": {
		"bucket": "acme-records", "object_lock_enabled": true,
		"tags": {"data_classification": "pii"},
		"tags_all": {"data_classification": "pii", "owner": "platform"},
		"metadata": {"$unknown": "var.meta"},
	},
	"out": [
		{"kind": "holds", "to": "data-class:pii", "attrs": {}},
		{"kind": "protected-by", "to": "aws_s3_bucket_versioning.records", "attrs": {"attribute": "bucket"}},
	],
	"in": [{"kind": "attached-to", "from": "aws_s3_bucket_policy.records", "attrs": {"attribute": "bucket"}}],
	"neighbours": {
		"aws_s3_bucket_versioning.records": {"id": "aws_s3_bucket_versioning.records", "type": "aws_s3_bucket_versioning", "attrs": {}},
		"aws_s3_bucket_policy.records": {"id": "aws_s3_bucket_policy.records", "type": "aws_s3_bucket_policy", "attrs": {}},
	},
}

test_unknown if {
	lib.unknown({"$unknown": "var.x"})
	not lib.unknown("var.x")
	not lib.unknown({"other": 1})
	lib.unknown_msg("a", {"$unknown": "var.x"}) == "a is var.x, which Seam cannot know from the files"
}

test_booleans if {
	lib.is_true(true)
	lib.is_true("true")
	not lib.is_true("yes")
	lib.is_false(false)
	lib.is_false("false")
	not lib.is_false("no")
}

test_at if {
	lib.at({"a": [{"b": 1}]}, ["a", 0, "b"]) == 1
	lib.at({"a": {"$unknown": "var.a"}}, ["a", 0, "b"]) == {"$unknown": "var.a"}
	lib.at({"a": [{"b": {"$unknown": "var.b"}}]}, ["a", 0, "b"]) == {"$unknown": "var.b"}
	not lib.at({"a": [{"b": null}]}, ["a", 0, "b"])
	not lib.at({}, ["a", 0, "b"])
	lib.attr(records, ["metadata", 0, "x"]) == {"$unknown": "var.meta"}
}

test_as_list if {
	lib.as_list("*") == ["*"]
	lib.as_list(["a", "b"]) == ["a", "b"]
}

test_tag if {
	lib.tag(records, "owner") == "platform"
	lib.tag({"attrs": {"tags": {"owner": "x"}}}, "owner") == "x"
	not lib.tag(records, "missing")
}

test_edges if {
	count(lib.out_edges(records, "holds")) == 1
	[e.from | some e in lib.in_edges(records, "attached-to")] == ["aws_s3_bucket_policy.records"]
	lib.neighbour(records, "aws_s3_bucket_policy.records").type == "aws_s3_bucket_policy"
	[m.id | some m in lib.neighbours_by_edge(records, "protected-by")] == ["aws_s3_bucket_versioning.records"]
	[m.id | some m in lib.linked(records, "aws_s3_bucket_policy")] == ["aws_s3_bucket_policy.records"]
	lib.linked(records, "aws_s3_bucket_logging") == []
	lib.out_edges({"id": "x"}, "holds") == []
}

test_derived if {
	lib.derived({"derived": {"criticality": {"value": {"tier": "tier-1"}}}}, "criticality") == {"tier": "tier-1"}
	lib.derived({"derived": {"criticality": {"tier": "tier-2"}}}, "criticality") == {"tier": "tier-2"}
	lib.critical({"derived": {"criticality": {"value": {"tier": "tier-1"}}}})
	not lib.critical({"derived": {"criticality": {"value": {"tier": "tier-3"}}}})
}

test_sensitive if {
	lib.sensitive(records)
	lib.sensitive({"attrs": {"tags_all": {"data_classification": "Confidential"}}})
	not lib.sensitive({"attrs": {"tags_all": {"data_classification": "public"}}})
	lib.critical({"out": [{"kind": "holds", "to": "data-class:pci"}]})
	not lib.critical(records)
}

test_secret_name if {
	lib.secret_name("DB_PASSWORD")
	lib.secret_name("stripe_api_key")
	lib.secret_name("GITHUB_TOKEN")
	not lib.secret_name("DB_PASSWORD_ARN")
	not lib.secret_name("LOG_LEVEL")
	lib.reference_expr({"$unknown": "aws_secretsmanager_secret.db.arn"})
	not lib.reference_expr({"$unknown": "var.db_password"})
}

test_blocks if {
	lib.blocks([{"a": 1}]) == [{"a": 1}]
	lib.blocks({"$unknown": "var.rules"}) == [{"$unknown": "var.rules"}]
	lib.blocks(null) == []
	lib.blocks("x") == []
}
