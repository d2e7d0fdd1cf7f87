package awscatalog

import "github.com/seam-sec/seam/internal/model"

// Edge directions for compute: a workload uses-identity its instance profile or role, is protected-by its
// security groups and a member-of its subnets; a host (autoscaling group, node group) runs the launch template
// it starts; a part of a cluster (node group, service) is part-of it. An ECS task's execution role is only a
// reference: the agent uses it to pull images and secrets, the containers never hold its credentials.

// computeTypes are EC2, Lambda, EKS and ECS.
var computeTypes = []ResourceType{
	{Type: "aws_instance", Kind: model.KindWorkload, Service: "ec2", NameAttrs: []string{"tags.Name"},
		Refs: []Ref{to("iam_instance_profile", model.EdgeUsesIdentity),
			to("vpc_security_group_ids", model.EdgeProtectedBy), to("subnet_id", model.EdgeMemberOf),
			to("security_groups", model.EdgeProtectedBy), to("launch_template.id", model.EdgeReferences),
			to("launch_template.name", model.EdgeReferences), to("network_interface.network_interface_id", model.EdgeMemberOf)}},
	{Type: "aws_launch_template", Kind: model.KindWorkload, Service: "ec2", NameAttrs: []string{"name", "name_prefix"},
		Refs: []Ref{to("iam_instance_profile.name", model.EdgeUsesIdentity), to("iam_instance_profile.arn", model.EdgeUsesIdentity),
			to("vpc_security_group_ids", model.EdgeProtectedBy), to("security_group_names", model.EdgeProtectedBy),
			to("network_interfaces.security_groups", model.EdgeProtectedBy), to("network_interfaces.subnet_id", model.EdgeMemberOf),
			to("block_device_mappings.ebs.kms_key_id", model.EdgeProtectedBy)}},
	{Type: "aws_launch_configuration", Kind: model.KindWorkload, Service: "ec2", NameAttrs: []string{"name", "name_prefix"},
		Refs: []Ref{to("iam_instance_profile", model.EdgeUsesIdentity), to("security_groups", model.EdgeProtectedBy)}},
	{Type: "aws_autoscaling_group", Kind: model.KindHost, Service: "autoscaling", NameAttrs: []string{"name", "name_prefix"},
		Refs: []Ref{to("launch_template.id", model.EdgeRuns), to("launch_template.name", model.EdgeRuns),
			to("launch_configuration", model.EdgeRuns),
			to("mixed_instances_policy.launch_template.launch_template_specification.launch_template_id", model.EdgeRuns),
			to("mixed_instances_policy.launch_template.launch_template_specification.launch_template_name", model.EdgeRuns),
			to("vpc_zone_identifier", model.EdgeMemberOf), rev("target_group_arns", model.EdgeRoutesTo),
			rev("load_balancers", model.EdgeRoutesTo), to("service_linked_role_arn", model.EdgeReferences)}},
	{Type: "aws_autoscaling_attachment", Kind: model.KindExposure, Service: "autoscaling",
		Refs: []Ref{rev("lb_target_group_arn", model.EdgeRoutesTo), rev("elb", model.EdgeRoutesTo),
			to("autoscaling_group_name", model.EdgeRoutesTo)}},

	{Type: "aws_lambda_function", Kind: model.KindWorkload, Service: "lambda", NameAttrs: []string{"function_name"},
		IDAttr: "function_name",
		Refs: []Ref{to("role", model.EdgeUsesIdentity), to("vpc_config.security_group_ids", model.EdgeProtectedBy),
			to("vpc_config.subnet_ids", model.EdgeMemberOf), to("kms_key_arn", model.EdgeProtectedBy),
			to("layers", model.EdgeReferences), to("dead_letter_config.target_arn", model.EdgeReferences),
			to("file_system_config.arn", model.EdgeMounts), to("s3_bucket", model.EdgeReferences)}},
	{Type: "aws_lambda_function_url", Kind: model.KindExposure, Service: "lambda", NameAttrs: []string{"function_name"},
		Refs: []Ref{to("function_name", model.EdgeExposes)}},
	{Type: "aws_lambda_permission", Kind: model.KindGrant, Service: "lambda", NameAttrs: []string{"statement_id"},
		Refs: []Ref{to("function_name", model.EdgeAttachedTo), to("source_arn", model.EdgeReferences)}},
	{Type: "aws_lambda_event_source_mapping", Kind: model.KindResource, Service: "lambda",
		Refs: []Ref{rev("event_source_arn", model.EdgeRoutesTo), to("function_name", model.EdgeRoutesTo)}},
	{Type: "aws_lambda_alias", Kind: model.KindWorkload, Service: "lambda", NameAttrs: []string{"name"},
		Refs: []Ref{to("function_name", model.EdgeRoutesTo)}},

	{Type: "aws_eks_cluster", Kind: model.KindCluster, Service: "eks", NameAttrs: []string{"name"}, IDAttr: "name",
		Refs: []Ref{to("role_arn", model.EdgeUsesIdentity), to("vpc_config.security_group_ids", model.EdgeProtectedBy),
			to("vpc_config.subnet_ids", model.EdgeMemberOf), to("encryption_config.provider.key_arn", model.EdgeProtectedBy)}},
	{Type: "aws_eks_node_group", Kind: model.KindHost, Service: "eks",
		NameAttrs: []string{"node_group_name", "node_group_name_prefix"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("node_role_arn", model.EdgeUsesIdentity),
			to("subnet_ids", model.EdgeMemberOf), to("launch_template.id", model.EdgeRuns), to("launch_template.name", model.EdgeRuns),
			to("remote_access.source_security_group_ids", model.EdgeReferences)}},
	{Type: "aws_eks_fargate_profile", Kind: model.KindHost, Service: "eks", NameAttrs: []string{"fargate_profile_name"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("pod_execution_role_arn", model.EdgeUsesIdentity),
			to("subnet_ids", model.EdgeMemberOf)}},
	{Type: "aws_eks_addon", Kind: model.KindResource, Service: "eks", NameAttrs: []string{"addon_name"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("service_account_role_arn", model.EdgeUsesIdentity)}},
	// A pod identity association lets a ServiceAccount of the cluster use the role; the link stage joins the
	// ServiceAccount to it by namespace and name.
	{Type: "aws_eks_pod_identity_association", Kind: model.KindGrant, Service: "eks", NameAttrs: []string{"service_account"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("role_arn", model.EdgeUsesIdentity),
			to("target_role_arn", model.EdgeUsesIdentity)}},
	{Type: "aws_eks_access_entry", Kind: model.KindGrant, Service: "eks", NameAttrs: []string{"principal_arn"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("principal_arn", model.EdgeReferences)}},
	{Type: "aws_eks_access_policy_association", Kind: model.KindGrant, Service: "eks", NameAttrs: []string{"policy_arn"},
		Refs: []Ref{to("cluster_name", model.EdgePartOf), to("principal_arn", model.EdgeReferences)}},

	{Type: "aws_ecs_cluster", Kind: model.KindCluster, Service: "ecs", NameAttrs: []string{"name"}},
	{Type: "aws_ecs_task_definition", Kind: model.KindWorkload, Service: "ecs", NameAttrs: []string{"family"},
		JSONAttrs: []string{"container_definitions"},
		Refs: []Ref{to("task_role_arn", model.EdgeUsesIdentity), to("execution_role_arn", model.EdgeReferences),
			to("volume.efs_volume_configuration.file_system_id", model.EdgeMounts)}},
	{Type: "aws_ecs_service", Kind: model.KindWorkload, Service: "ecs", NameAttrs: []string{"name"},
		Refs: []Ref{to("cluster", model.EdgePartOf), to("task_definition", model.EdgeRuns),
			rev("load_balancer.target_group_arn", model.EdgeRoutesTo), to("network_configuration.security_groups", model.EdgeProtectedBy),
			to("network_configuration.subnets", model.EdgeMemberOf), to("iam_role", model.EdgeReferences)}},

	{Type: "aws_instance", Data: true, Kind: model.KindWorkload, Service: "ec2", NameAttrs: []string{"tags.Name"}},
	{Type: "aws_lambda_function", Data: true, Kind: model.KindWorkload, Service: "lambda", NameAttrs: []string{"function_name"},
		IDAttr: "function_name"},
	{Type: "aws_eks_cluster", Data: true, Kind: model.KindCluster, Service: "eks", NameAttrs: []string{"name"}, IDAttr: "name"},
	{Type: "aws_ecs_cluster", Data: true, Kind: model.KindCluster, Service: "ecs", NameAttrs: []string{"cluster_name"}},
}
