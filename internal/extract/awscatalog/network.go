package awscatalog

import "github.com/seam-sec/seam/internal/model"

// Edge directions for networks: a subnet, security group or interface is a member-of its VPC or subnet; a
// resource is protected-by its security groups and network ACLs; a security-group rule is attached-to its
// group, and a rule that admits another group makes "source network-reach rule" (ingress) or "rule
// network-reach destination" (egress). Traffic flows along routes-to: route table → route → gateway, and
// load balancer → listener → target group → target.

// networkTypes are VPC networking and load balancing.
var networkTypes = []ResourceType{
	{Type: "aws_vpc", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"}},
	{Type: "aws_subnet", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_internet_gateway", Kind: model.KindExposure, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("vpc_id", model.EdgeExposes)}},
	{Type: "aws_internet_gateway_attachment", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{rev("internet_gateway_id", model.EdgeExposes), to("vpc_id", model.EdgeExposes)}},
	{Type: "aws_egress_only_internet_gateway", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_nat_gateway", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("subnet_id", model.EdgeMemberOf), to("allocation_id", model.EdgeReferences)}},
	{Type: "aws_eip", Kind: model.KindExposure, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("instance", model.EdgeExposes), to("network_interface", model.EdgeExposes)}},
	{Type: "aws_eip_association", Kind: model.KindExposure, Service: "ec2",
		Refs: []Ref{rev("allocation_id", model.EdgeExposes), to("instance_id", model.EdgeExposes),
			to("network_interface_id", model.EdgeExposes)}},
	{Type: "aws_route_table", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf), to("route.gateway_id", model.EdgeRoutesTo),
			to("route.nat_gateway_id", model.EdgeRoutesTo), to("route.transit_gateway_id", model.EdgeRoutesTo),
			to("route.vpc_peering_connection_id", model.EdgeRoutesTo), to("route.network_interface_id", model.EdgeRoutesTo),
			to("route.egress_only_gateway_id", model.EdgeRoutesTo), to("route.vpc_endpoint_id", model.EdgeRoutesTo)}},
	// An association makes "subnet routes-to association routes-to route table".
	{Type: "aws_route_table_association", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{rev("subnet_id", model.EdgeRoutesTo), rev("gateway_id", model.EdgeRoutesTo),
			to("route_table_id", model.EdgeRoutesTo)}},
	{Type: "aws_main_route_table_association", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{rev("vpc_id", model.EdgeRoutesTo), to("route_table_id", model.EdgeRoutesTo)}},
	// A route makes "route table routes-to route routes-to gateway".
	{Type: "aws_route", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"destination_cidr_block"},
		Refs: []Ref{rev("route_table_id", model.EdgeRoutesTo), to("gateway_id", model.EdgeRoutesTo),
			to("nat_gateway_id", model.EdgeRoutesTo), to("transit_gateway_id", model.EdgeRoutesTo),
			to("vpc_peering_connection_id", model.EdgeRoutesTo), to("network_interface_id", model.EdgeRoutesTo),
			to("egress_only_gateway_id", model.EdgeRoutesTo), to("vpc_endpoint_id", model.EdgeRoutesTo)}},
	{Type: "aws_security_group", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"name", "name_prefix"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf), rev("ingress.security_groups", model.EdgeNetworkReach),
			to("egress.security_groups", model.EdgeNetworkReach)}},
	{Type: "aws_security_group_rule", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("security_group_id", model.EdgeAttachedTo), to("source_security_group_id", model.EdgeReferences),
			to("prefix_list_ids", model.EdgeReferences)}},
	{Type: "aws_vpc_security_group_ingress_rule", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("security_group_id", model.EdgeAttachedTo), rev("referenced_security_group_id", model.EdgeNetworkReach),
			to("prefix_list_id", model.EdgeReferences)}},
	{Type: "aws_vpc_security_group_egress_rule", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("security_group_id", model.EdgeAttachedTo), to("referenced_security_group_id", model.EdgeNetworkReach),
			to("prefix_list_id", model.EdgeReferences)}},
	{Type: "aws_network_acl", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf), rev("subnet_ids", model.EdgeProtectedBy)}},
	{Type: "aws_network_acl_rule", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("network_acl_id", model.EdgeAttachedTo)}},
	{Type: "aws_network_interface", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("subnet_id", model.EdgeMemberOf), to("security_groups", model.EdgeProtectedBy)}},
	{Type: "aws_vpc_endpoint", Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"service_name"},
		JSONAttrs: iamPolicy,
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf), to("subnet_ids", model.EdgeMemberOf),
			to("security_group_ids", model.EdgeProtectedBy), to("route_table_ids", model.EdgeReferences)}},
	{Type: "aws_vpc_peering_connection", Kind: model.KindNetwork, Service: "ec2",
		Refs: []Ref{to("vpc_id", model.EdgeNetworkReach), to("peer_vpc_id", model.EdgeNetworkReach)}},

	{Type: "aws_lb", Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"name", "name_prefix"}, Refs: lbRefs},
	{Type: "aws_alb", Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"name", "name_prefix"}, Refs: lbRefs},
	{Type: "aws_lb_listener", Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"port"}, Refs: listenerRefs},
	{Type: "aws_alb_listener", Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"port"}, Refs: listenerRefs},
	{Type: "aws_lb_listener_rule", Kind: model.KindExposure, Service: "elasticloadbalancing", Refs: ruleRefs},
	{Type: "aws_alb_listener_rule", Kind: model.KindExposure, Service: "elasticloadbalancing", Refs: ruleRefs},
	{Type: "aws_lb_target_group", Kind: model.KindExposure, Service: "elasticloadbalancing",
		NameAttrs: []string{"name", "name_prefix"}, Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_alb_target_group", Kind: model.KindExposure, Service: "elasticloadbalancing",
		NameAttrs: []string{"name", "name_prefix"}, Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_lb_target_group_attachment", Kind: model.KindExposure, Service: "elasticloadbalancing", Refs: tgAttachRefs},
	{Type: "aws_alb_target_group_attachment", Kind: model.KindExposure, Service: "elasticloadbalancing", Refs: tgAttachRefs},
	{Type: "aws_lb_listener_certificate", Kind: model.KindResource, Service: "elasticloadbalancing",
		Refs: []Ref{to("listener_arn", model.EdgeAttachedTo), to("certificate_arn", model.EdgeReferences)}},
	{Type: "aws_elb", Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"name", "name_prefix"},
		Refs: []Ref{to("instances", model.EdgeRoutesTo), to("security_groups", model.EdgeProtectedBy),
			to("subnets", model.EdgeMemberOf), to("access_logs.bucket", model.EdgeLogsTo)}},

	{Type: "aws_vpc", Data: true, Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"}},
	{Type: "aws_subnet", Data: true, Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_subnets", Data: true, Kind: model.KindNetwork, Service: "ec2"},
	{Type: "aws_security_group", Data: true, Kind: model.KindNetwork, Service: "ec2", NameAttrs: []string{"name"},
		Refs: []Ref{to("vpc_id", model.EdgeMemberOf)}},
	{Type: "aws_lb", Data: true, Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"name"}},
	{Type: "aws_lb_target_group", Data: true, Kind: model.KindExposure, Service: "elasticloadbalancing", NameAttrs: []string{"name"}},
}

// lbRefs are the references of aws_lb and its alias aws_alb.
var lbRefs = []Ref{to("security_groups", model.EdgeProtectedBy), to("subnets", model.EdgeMemberOf),
	to("subnet_mapping.subnet_id", model.EdgeMemberOf), to("subnet_mapping.allocation_id", model.EdgeReferences),
	to("access_logs.bucket", model.EdgeLogsTo), to("connection_logs.bucket", model.EdgeLogsTo)}

// listenerRefs make "load balancer routes-to listener routes-to target group".
var listenerRefs = []Ref{rev("load_balancer_arn", model.EdgeRoutesTo),
	to("default_action.target_group_arn", model.EdgeRoutesTo),
	to("default_action.forward.target_group.arn", model.EdgeRoutesTo),
	to("default_action.authenticate_cognito.user_pool_arn", model.EdgeReferences),
	to("certificate_arn", model.EdgeReferences)}

// ruleRefs make "listener routes-to rule routes-to target group".
var ruleRefs = []Ref{rev("listener_arn", model.EdgeRoutesTo), to("action.target_group_arn", model.EdgeRoutesTo),
	to("action.forward.target_group.arn", model.EdgeRoutesTo)}

// tgAttachRefs make "target group routes-to attachment routes-to target".
var tgAttachRefs = []Ref{rev("target_group_arn", model.EdgeRoutesTo), to("target_id", model.EdgeRoutesTo)}
