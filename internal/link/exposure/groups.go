package exposure

import (
	"fmt"
	"net/netip"

	"github.com/seam-sec/seam/internal/model"
)

// sgAttrs are, per resource type, the attributes (dotted paths into nested blocks) that attach security groups.
var sgAttrs = map[string][]string{
	"aws_instance":                      {"vpc_security_group_ids", "security_groups", "network_interface.security_groups"},
	"aws_launch_template":               {"vpc_security_group_ids", "security_group_names", "network_interfaces.security_groups"},
	"aws_launch_configuration":          {"security_groups"},
	"aws_lb":                            {"security_groups"},
	"aws_alb":                           {"security_groups"},
	"aws_db_instance":                   {"vpc_security_group_ids"},
	"aws_rds_cluster":                   {"vpc_security_group_ids"},
	"aws_docdb_cluster":                 {"vpc_security_group_ids"},
	"aws_neptune_cluster":               {"vpc_security_group_ids"},
	"aws_redshift_cluster":              {"vpc_security_group_ids"},
	"aws_elasticache_cluster":           {"security_group_ids"},
	"aws_elasticache_replication_group": {"security_group_ids"},
	"aws_memorydb_cluster":              {"security_group_ids"},
	"aws_opensearch_domain":             {"vpc_options.security_group_ids"},
	"aws_elasticsearch_domain":          {"vpc_options.security_group_ids"},
	"aws_mq_broker":                     {"security_groups"},
	"aws_msk_cluster":                   {"broker_node_group_info.security_groups"},
	"aws_efs_mount_target":              {"security_groups"},
	"aws_lambda_function":               {"vpc_config.security_group_ids"},
	"aws_ecs_service":                   {"network_configuration.security_groups"},
	"aws_eks_cluster":                   {"vpc_config.security_group_ids"},
}

// defaultGroupTypes are the types that get their VPC's default security group when they name none (EC2
// instances and ENIs, load balancers with security groups, RDS, ElastiCache, awsvpc ECS tasks; AWS
// documentation of each service's CreateX API, "SecurityGroups").
var defaultGroupTypes = map[string]bool{"aws_instance": true, "aws_launch_template": true, "aws_launch_configuration": true,
	"aws_lb": true, "aws_alb": true, "aws_db_instance": true, "aws_rds_cluster": true, "aws_elasticache_cluster": true,
	"aws_elasticache_replication_group": true, "aws_ecs_service": true}

// groupsOf returns the security groups that protect a node's network interfaces. A node group uses its launch
// template's groups, or else the cluster security group (Amazon EKS User Guide, "Managed node groups"); an
// autoscaling group uses its launch template's or configuration's; a type that gets the VPC's default group
// when it names none gets that.
func (r *run) groupsOf(n *model.Node) []groupRef {
	switch n.Type {
	case "aws_eks_node_group":
		var out []groupRef
		for _, lt := range r.outOf(n.ID, model.EdgeRuns) {
			out = append(out, r.statedGroups(lt)...)
		}
		if len(out) == 0 {
			for _, c := range r.outOf(n.ID, model.EdgePartOf) {
				if c.Type == "aws_eks_cluster" {
					out = append(out, groupRef{key: c.ID + clusterSGSuffix, node: c})
				}
			}
		}
		return out
	case "aws_autoscaling_group":
		var out []groupRef
		for _, lt := range r.outOf(n.ID, model.EdgeRuns) {
			out = append(out, r.groupsOf(lt)...)
		}
		return out
	case "aws_eks_cluster":
		return append(r.statedGroups(n), groupRef{key: n.ID + clusterSGSuffix, node: n})
	}
	gs := r.statedGroups(n)
	if len(gs) == 0 && defaultGroupTypes[n.Type] {
		if n.Type == "aws_ecs_service" && len(valuesAt(n.Attrs, "network_configuration")) == 0 {
			return nil // bridge or host networking: the container instances' groups apply
		}
		subs, _ := r.subnetsOf(n)
		vpc := r.vpcOfSubnets(subs)
		return []groupRef{{key: defaultGroupKey(vpc)}}
	}
	return gs
}

// statedGroups returns the groups a node's own attributes name.
func (r *run) statedGroups(n *model.Node) []groupRef {
	var out []groupRef
	seen := map[string]bool{}
	for _, a := range sgAttrs[n.Type] {
		for _, g := range r.groupRefs(n, valuesAt(n.Attrs, a)) {
			if !seen[g.key] {
				seen[g.key] = true
				out = append(out, g)
			}
		}
	}
	return out
}

// peerOf describes a workload as the source of traffic: its groups and its subnets' addresses.
func (r *run) peerOf(n *model.Node, groups []groupRef) peer {
	p := peer{groups: map[string]bool{}, refs: groups, label: n.ID}
	for _, g := range groups {
		p.groups[g.key] = true
	}
	subs, _ := r.subnetsOf(n)
	if n.Type == "aws_launch_template" || n.Type == "aws_launch_configuration" {
		subs = r.launchSubnets(n)
	}
	p.prefixes = prefixesOf(subs)
	return p
}

// prefixesOf returns the known address ranges of subnets; none when any subnet's range is unknown.
func prefixesOf(subs []*subnetFacts) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range subs {
		if !s.hasPrefix {
			return nil
		}
		out = append(out, s.prefix)
	}
	return out
}

// groupsLabel lists group labels for a sentence.
func groupsLabel(gs []groupRef) string {
	out := ""
	for i, g := range gs {
		if i > 0 {
			out += ", "
		}
		out += g.label()
	}
	if out == "" {
		return "no security group"
	}
	return out
}

// defaultGroupNote explains the default security group a node falls back to.
func defaultGroupNote(n *model.Node) string {
	return fmt.Sprintf("%s names no security group: the VPC's default security group applies, which admits only its own members unless aws_default_security_group says otherwise", n.ID)
}
