# Tests of the load balancer and API Gateway controls. Nodes are from `seam graph
# internal/policy/library/testdata/aws --format json` (logging.tf) in the policy engine's input shape,
# neighbours left out (the controls read only the node): lb_good drops invalid headers and logs; lb_bad
# does neither and has an HTTP listener and an HTTPS listener on ELBSecurityPolicy-2016-08; method is a GET
# with authorization NONE; stage_good logs and traces, stage_bad and the HTTP API stage do not.
package seam.controls.aws.edge_test

import rego.v1

import data.seam.controls.aws.apigw_access_logs
import data.seam.controls.aws.apigw_authorization
import data.seam.controls.aws.apigw_tracing
import data.seam.controls.aws.elb_access_logs
import data.seam.controls.aws.elb_drop_invalid_headers
import data.seam.controls.aws.elb_https
import data.seam.controls.aws.elb_tls_policy

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

listeners := [https, http, oldtls]

lb_good := {
	"id": "aws_lb.good",
	"kind": "exposure",
	"type": "aws_lb",
	"file": "logging.tf",
	"line": 36,
	"attrs": {"access_logs": [{"bucket": "acme-logs", "enabled": true}], "drop_invalid_header_fields": true, "load_balancer_type": "application", "name": "web", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "logs-to", "to": "aws_s3_bucket.logs", "attrs": {"attribute": "access_logs[0].bucket"}}, {"kind": "routes-to", "to": "aws_lb_listener.https", "attrs": {"attribute": "load_balancer_arn"}}],
	"in": [],
	"neighbours": {
	},
}

lb_bad := {
	"id": "aws_lb.bad",
	"kind": "exposure",
	"type": "aws_lb",
	"file": "logging.tf",
	"line": 46,
	"attrs": {"load_balancer_type": "application", "name": "legacy", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "routes-to", "to": "aws_lb_listener.http", "attrs": {"attribute": "load_balancer_arn"}}, {"kind": "routes-to", "to": "aws_lb_listener.oldtls", "attrs": {"attribute": "load_balancer_arn"}}],
	"in": [],
	"neighbours": {
	},
}

https := {
	"id": "aws_lb_listener.https",
	"kind": "exposure",
	"type": "aws_lb_listener",
	"file": "logging.tf",
	"line": 51,
	"attrs": {"certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "default_action": [{"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc", "type": "forward"}], "load_balancer_arn": {"$unknown": "aws_lb.good.arn"}, "port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "routes-to", "from": "aws_lb.good", "attrs": {"attribute": "load_balancer_arn"}}],
	"neighbours": {
	},
}

http := {
	"id": "aws_lb_listener.http",
	"kind": "exposure",
	"type": "aws_lb_listener",
	"file": "logging.tf",
	"line": 63,
	"attrs": {"default_action": [{"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc", "type": "forward"}], "load_balancer_arn": {"$unknown": "aws_lb.bad.arn"}, "port": 80, "protocol": "HTTP", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "routes-to", "from": "aws_lb.bad", "attrs": {"attribute": "load_balancer_arn"}}],
	"neighbours": {
	},
}

oldtls := {
	"id": "aws_lb_listener.oldtls",
	"kind": "exposure",
	"type": "aws_lb_listener",
	"file": "logging.tf",
	"line": 73,
	"attrs": {"certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "default_action": [{"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc", "type": "forward"}], "load_balancer_arn": {"$unknown": "aws_lb.bad.arn"}, "port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [{"kind": "routes-to", "from": "aws_lb.bad", "attrs": {"attribute": "load_balancer_arn"}}],
	"neighbours": {
	},
}

method := {
	"id": "aws_api_gateway_method.open",
	"kind": "exposure",
	"type": "aws_api_gateway_method",
	"file": "logging.tf",
	"line": 89,
	"attrs": {"authorization": "NONE", "http_method": "GET", "resource_id": "abc123", "rest_api_id": {"$unknown": "aws_api_gateway_rest_api.api.id"}, "tags_all": {"owner": "platform"}},
	"out": [{"kind": "part-of", "to": "aws_api_gateway_rest_api.api", "attrs": {"attribute": "rest_api_id"}}],
	"in": [{"kind": "exposes", "from": "internet", "attrs": {}}],
	"neighbours": {
	},
}

stage_bad := {
	"id": "aws_api_gateway_stage.bad",
	"kind": "exposure",
	"type": "aws_api_gateway_stage",
	"file": "logging.tf",
	"line": 96,
	"attrs": {"deployment_id": "dep1", "rest_api_id": {"$unknown": "aws_api_gateway_rest_api.api.id"}, "stage_name": "prod", "tags_all": {"owner": "platform"}},
	"out": [{"kind": "routes-to", "to": "aws_api_gateway_rest_api.api", "attrs": {"attribute": "rest_api_id"}}],
	"in": [],
	"neighbours": {
	},
}

stage_good := {
	"id": "aws_api_gateway_stage.good",
	"kind": "exposure",
	"type": "aws_api_gateway_stage",
	"file": "logging.tf",
	"line": 102,
	"attrs": {"access_log_settings": [{"destination_arn": "arn:aws:logs:eu-west-1:123456789012:log-group:api", "format": "$context.requestId"}], "deployment_id": "dep1", "rest_api_id": {"$unknown": "aws_api_gateway_rest_api.api.id"}, "stage_name": "v2", "tags_all": {"owner": "platform"}, "xray_tracing_enabled": true},
	"out": [{"kind": "routes-to", "to": "aws_api_gateway_rest_api.api", "attrs": {"attribute": "rest_api_id"}}],
	"in": [],
	"neighbours": {
	},
}

http_stage := {
	"id": "aws_apigatewayv2_stage.http",
	"kind": "exposure",
	"type": "aws_apigatewayv2_stage",
	"file": "logging.tf",
	"line": 113,
	"attrs": {"api_id": "abc", "name": "prod", "tags_all": {"owner": "platform"}},
	"out": [],
	"in": [],
	"neighbours": {
	},
}

test_https if {
	hits(elb_https.deny) == {["aws_lb_listener.http", "protocol", false]} with input as {"nodes": listeners}
	redirect := json.patch(http, [{"op": "replace", "path": "/attrs/default_action/0", "value": {"type": "redirect", "redirect": [{"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"}]}}])
	count(elb_https.deny) == 0 with input as {"nodes": [redirect]}
	hits(elb_https.deny) == {["aws_lb_listener.http", "protocol", true]} with input as {"nodes": [json.patch(http, [{"op": "replace", "path": "/attrs/protocol", "value": {"$unknown": "var.protocol"}}])]}
	classic := {"id": "aws_elb.web", "type": "aws_elb", "attrs": {"listener": [{"instance_port": 8080, "instance_protocol": "http", "lb_port": 80, "lb_protocol": "http"}]}}
	hits(elb_https.deny) == {["aws_elb.web", "listener[0].lb_protocol", false]} with input as {"nodes": [classic]}
}

test_tls_policy if {
	hits(elb_tls_policy.deny) == {["aws_lb_listener.oldtls", "ssl_policy", false]} with input as {"nodes": listeners}
	hits(elb_tls_policy.deny) == {["aws_lb_listener.https", "ssl_policy", false]} with input as {"nodes": [json.remove(https, ["attrs/ssl_policy"])]}
	hits(elb_tls_policy.deny) == {["aws_lb_listener.https", "ssl_policy", true]} with input as {"nodes": [json.patch(https, [{"op": "replace", "path": "/attrs/ssl_policy", "value": {"$unknown": "var.ssl_policy"}}])]}
}

test_drop_invalid_headers if {
	hits(elb_drop_invalid_headers.deny) == {["aws_lb.bad", "drop_invalid_header_fields", false]} with input as {"nodes": [lb_good, lb_bad]}
	count(elb_drop_invalid_headers.deny) == 0 with input as {"nodes": [json.patch(lb_bad, [{"op": "replace", "path": "/attrs/load_balancer_type", "value": "network"}])]}
}

test_access_logs if {
	hits(elb_access_logs.deny) == {["aws_lb.bad", "access_logs[0].enabled", false]} with input as {"nodes": [lb_good, lb_bad]}
	hits(elb_access_logs.deny) == {["aws_lb.good", "access_logs[0].enabled", true]} with input as {"nodes": [json.patch(lb_good, [{"op": "replace", "path": "/attrs/access_logs/0/enabled", "value": {"$unknown": "var.logs"}}])]}
	hits(elb_access_logs.deny) == {["aws_elb.web", "access_logs", false]} with input as {"nodes": [{"id": "aws_elb.web", "type": "aws_elb", "attrs": {}}]}
}

test_apigw_authorization if {
	hits(apigw_authorization.deny) == {["aws_api_gateway_method.open", "authorization", false]} with input as {"nodes": [method]}
	count(apigw_authorization.deny) == 0 with input as {"nodes": [json.patch(method, [{"op": "replace", "path": "/attrs/http_method", "value": "OPTIONS"}])]}
	count(apigw_authorization.deny) == 0 with input as {"nodes": [json.patch(method, [{"op": "replace", "path": "/attrs/authorization", "value": "AWS_IAM"}])]}
	hits(apigw_authorization.deny) == {["aws_api_gateway_method.open", "authorization", true]} with input as {"nodes": [json.patch(method, [{"op": "replace", "path": "/attrs/authorization", "value": {"$unknown": "var.auth"}}])]}
	route := {"id": "aws_apigatewayv2_route.orders", "type": "aws_apigatewayv2_route", "attrs": {"api_id": "abc", "route_key": "GET /orders"}}
	hits(apigw_authorization.deny) == {["aws_apigatewayv2_route.orders", "authorization_type", false]} with input as {"nodes": [route]}
}

test_apigw_access_logs if {
	hits(apigw_access_logs.deny) == {["aws_api_gateway_stage.bad", "access_log_settings", false], ["aws_apigatewayv2_stage.http", "access_log_settings", false]} with input as {"nodes": [stage_good, stage_bad, http_stage]}
}

test_apigw_tracing if {
	hits(apigw_tracing.deny) == {["aws_api_gateway_stage.bad", "xray_tracing_enabled", false]} with input as {"nodes": [stage_good, stage_bad]}
	hits(apigw_tracing.deny) == {["aws_api_gateway_stage.good", "xray_tracing_enabled", true]} with input as {"nodes": [json.patch(stage_good, [{"op": "replace", "path": "/attrs/xray_tracing_enabled", "value": {"$unknown": "var.tracing"}}])]}
}

test_apigw_access_logs_unknown if {
	dynamic := json.patch(stage_bad, [{"op": "add", "path": "/attrs/access_log_settings", "value": {"$unknown": "var.access_logs"}}])
	hits(apigw_access_logs.deny) == {["aws_api_gateway_stage.bad", "access_log_settings", true]} with input as {"nodes": [dynamic]}
}
