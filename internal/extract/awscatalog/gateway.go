package awscatalog

import "github.com/seam-sec/seam/internal/model"

// Edge directions for API Gateway follow a request: stage routes-to API; REST API routes-to its resources
// (through parent_id, which is the API's root_resource_id for top-level resources); resource routes-to method;
// method routes-to integration (when http_method refers to the method, as it usually does); integration
// routes-to its backend. HTTP APIs (v2): API routes-to route routes-to integration routes-to backend. Methods and
// routes are protected-by their authorizers. Every part is also part-of its API.
//
// Telemetry: a trail, flow log or access-log setting logs-to its destination; the observed VPC, subnet or
// interface logs-to the flow log.

// gatewayTypes are API Gateway, CloudFront, CloudTrail and the log sinks.
var gatewayTypes = []ResourceType{
	{Type: "aws_api_gateway_rest_api", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		JSONAttrs: iamPolicy, Refs: []Ref{to("endpoint_configuration.vpc_endpoint_ids", model.EdgeReferences)}},
	{Type: "aws_api_gateway_rest_api_policy", Kind: model.KindGrant, Service: "apigateway", JSONAttrs: iamPolicy,
		Refs: []Ref{to("rest_api_id", model.EdgeAttachedTo)}},
	{Type: "aws_api_gateway_resource", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"path_part"},
		Refs: []Ref{to("rest_api_id", model.EdgePartOf), rev("parent_id", model.EdgeRoutesTo)}},
	{Type: "aws_api_gateway_method", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"http_method"},
		Refs: []Ref{to("rest_api_id", model.EdgePartOf), rev("resource_id", model.EdgeRoutesTo),
			to("authorizer_id", model.EdgeProtectedBy)}},
	{Type: "aws_api_gateway_integration", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"type"},
		Refs: []Ref{to("rest_api_id", model.EdgePartOf), to("resource_id", model.EdgeReferences),
			rev("http_method", model.EdgeRoutesTo), to("uri", model.EdgeRoutesTo), to("credentials", model.EdgeUsesIdentity),
			to("connection_id", model.EdgeRoutesTo)}},
	{Type: "aws_api_gateway_deployment", Kind: model.KindExposure, Service: "apigateway",
		Refs: []Ref{to("rest_api_id", model.EdgePartOf)}},
	{Type: "aws_api_gateway_stage", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"stage_name"},
		Refs: []Ref{to("rest_api_id", model.EdgeRoutesTo), to("deployment_id", model.EdgeReferences),
			to("access_log_settings.destination_arn", model.EdgeLogsTo), to("client_certificate_id", model.EdgeReferences)}},
	{Type: "aws_api_gateway_authorizer", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("rest_api_id", model.EdgePartOf), to("authorizer_uri", model.EdgeReferences),
			to("authorizer_credentials", model.EdgeUsesIdentity), to("provider_arns", model.EdgeReferences)}},
	{Type: "aws_api_gateway_vpc_link", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("target_arns", model.EdgeRoutesTo)}},

	{Type: "aws_apigatewayv2_api", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("target", model.EdgeRoutesTo), to("credentials_arn", model.EdgeUsesIdentity)}},
	{Type: "aws_apigatewayv2_route", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"route_key"},
		Refs: []Ref{rev("api_id", model.EdgeRoutesTo), to("target", model.EdgeRoutesTo),
			to("authorizer_id", model.EdgeProtectedBy)}},
	{Type: "aws_apigatewayv2_integration", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"integration_type"},
		Refs: []Ref{to("api_id", model.EdgePartOf), to("integration_uri", model.EdgeRoutesTo),
			to("credentials_arn", model.EdgeUsesIdentity), to("connection_id", model.EdgeRoutesTo)}},
	{Type: "aws_apigatewayv2_stage", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("api_id", model.EdgeRoutesTo), to("deployment_id", model.EdgeReferences),
			to("access_log_settings.destination_arn", model.EdgeLogsTo)}},
	{Type: "aws_apigatewayv2_authorizer", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("api_id", model.EdgePartOf), to("authorizer_uri", model.EdgeReferences),
			to("authorizer_credentials_arn", model.EdgeUsesIdentity)}},
	{Type: "aws_apigatewayv2_vpc_link", Kind: model.KindExposure, Service: "apigateway", NameAttrs: []string{"name"},
		Refs: []Ref{to("security_group_ids", model.EdgeProtectedBy), to("subnet_ids", model.EdgeMemberOf)}},

	{Type: "aws_cloudfront_distribution", Kind: model.KindExposure, Service: "cloudfront", NameAttrs: []string{"comment"},
		Refs: []Ref{to("origin.domain_name", model.EdgeRoutesTo), to("origin.origin_access_control_id", model.EdgeReferences),
			to("web_acl_id", model.EdgeProtectedBy), to("logging_config.bucket", model.EdgeLogsTo)}},
	{Type: "aws_wafv2_web_acl_association", Kind: model.KindResource, Service: "wafv2",
		Refs: []Ref{rev("resource_arn", model.EdgeProtectedBy), to("web_acl_arn", model.EdgeReferences)}},

	{Type: "aws_cloudtrail", Kind: model.KindLogging, Service: "cloudtrail", NameAttrs: []string{"name"},
		Refs: []Ref{to("s3_bucket_name", model.EdgeLogsTo), to("cloud_watch_logs_group_arn", model.EdgeLogsTo),
			to("cloud_watch_logs_role_arn", model.EdgeUsesIdentity), to("kms_key_id", model.EdgeProtectedBy),
			to("sns_topic_name", model.EdgeReferences)}},
	{Type: "aws_flow_log", Kind: model.KindLogging, Service: "ec2",
		Refs: []Ref{rev("vpc_id", model.EdgeLogsTo), rev("subnet_id", model.EdgeLogsTo), rev("eni_id", model.EdgeLogsTo),
			rev("transit_gateway_id", model.EdgeLogsTo), to("log_destination", model.EdgeLogsTo),
			to("log_group_name", model.EdgeLogsTo), to("iam_role_arn", model.EdgeUsesIdentity)}},
	{Type: "aws_cloudwatch_log_group", Kind: model.KindLogging, Service: "logs", NameAttrs: []string{"name", "name_prefix"},
		IDAttr: "name", Refs: []Ref{to("kms_key_id", model.EdgeProtectedBy)}},
	{Type: "aws_guardduty_detector", Kind: model.KindLogging, Service: "guardduty"},
	{Type: "aws_config_configuration_recorder", Kind: model.KindLogging, Service: "config", NameAttrs: []string{"name"},
		Refs: []Ref{to("role_arn", model.EdgeUsesIdentity)}},

	{Type: "aws_cloudwatch_log_group", Data: true, Kind: model.KindLogging, Service: "logs", NameAttrs: []string{"name"}, IDAttr: "name"},
}
