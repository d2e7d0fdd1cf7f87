// Package model is Seam's domain vocabulary: node and edge kinds, stable IDs, provenance, diagnostics and
// assumptions. It holds facts only and imports nothing but the standard library, so every other package can
// speak it.
package model

// Layer groups node kinds into the three layers of SPEC.md plus the special entry points.
type Layer string

// The layers a node can belong to.
const (
	LayerApplication    Layer = "application"
	LayerInfrastructure Layer = "infrastructure"
	LayerOrganisation   Layer = "organisation"
	LayerSpecial        Layer = "special"
)

// NodeKind is the type of a node in the graph. Kinds are few and stable; the source-specific type (an
// "aws_iam_role", a "Deployment") lives in Node.Type.
type NodeKind string

// Application-layer kinds.
const (
	KindRepository    NodeKind = "repository"
	KindService       NodeKind = "service"
	KindModule        NodeKind = "module" // a source module or lockfile: the unit that pins packages
	KindPackage       NodeKind = "package"
	KindVulnerability NodeKind = "vulnerability"
	KindCodeFlaw      NodeKind = "code-flaw"
	KindSecret        NodeKind = "secret"
	KindAPIOperation  NodeKind = "api-operation"
	KindImage         NodeKind = "image"
	KindDockerfile    NodeKind = "dockerfile"
)

// Infrastructure-layer kinds.
const (
	KindWorkload  NodeKind = "workload"  // pod spec, EC2 instance, launch template, ECS task, Lambda
	KindHost      NodeKind = "host"      // node, node group, autoscaling group
	KindIdentity  NodeKind = "identity"  // IAM role/user/group, k8s ServiceAccount, instance profile
	KindGrant     NodeKind = "grant"     // IAM policy, policy attachment, k8s Role/ClusterRole/binding
	KindNetwork   NodeKind = "network"   // VPC, subnet, security group (+ rules), route table, NetworkPolicy
	KindExposure  NodeKind = "exposure"  // load balancer, listener, ingress, Service, function URL, API gateway
	KindDataStore NodeKind = "datastore" // S3, RDS, DynamoDB, SSM, Secrets Manager, k8s Secret/ConfigMap, volume
	KindCluster   NodeKind = "cluster"
	KindAccount   NodeKind = "account"
	KindExternal  NodeKind = "external-service"
	KindLogging   NodeKind = "logging"  // CloudTrail, flow logs, bucket logging: telemetry sources
	KindKey       NodeKind = "key"      // KMS keys and other encryption keys
	KindResource  NodeKind = "resource" // any other infrastructure resource, kept with its attributes
)

// Organisation-layer kinds.
const (
	KindOwner           NodeKind = "owner"
	KindBusinessService NodeKind = "business-service"
	KindDataClass       NodeKind = "data-class"
	KindConfig          NodeKind = "config" // documents that carry rules rather than things: CODEOWNERS, seam.yaml
)

// Special kinds.
const (
	KindEntryPoint NodeKind = "entry-point" // internet, a leaked key, an insider, a compromised package
	KindCrownJewel NodeKind = "crown-jewel" // a declared target of the attack-path analysis
)

// nodeLayers maps every kind to its layer; a test checks that every kind is listed.
var nodeLayers = map[NodeKind]Layer{
	KindRepository: LayerApplication, KindService: LayerApplication, KindModule: LayerApplication,
	KindPackage: LayerApplication, KindVulnerability: LayerApplication, KindCodeFlaw: LayerApplication,
	KindSecret: LayerApplication, KindAPIOperation: LayerApplication, KindImage: LayerApplication,
	KindDockerfile: LayerApplication,
	KindWorkload:   LayerInfrastructure, KindHost: LayerInfrastructure, KindIdentity: LayerInfrastructure,
	KindGrant: LayerInfrastructure, KindNetwork: LayerInfrastructure, KindExposure: LayerInfrastructure,
	KindDataStore: LayerInfrastructure, KindCluster: LayerInfrastructure, KindAccount: LayerInfrastructure,
	KindExternal: LayerInfrastructure, KindLogging: LayerInfrastructure, KindKey: LayerInfrastructure,
	KindResource: LayerInfrastructure,
	KindOwner:    LayerOrganisation, KindBusinessService: LayerOrganisation, KindDataClass: LayerOrganisation,
	KindConfig:     LayerOrganisation,
	KindEntryPoint: LayerSpecial, KindCrownJewel: LayerSpecial,
}

// NodeKinds lists every node kind in a fixed order.
func NodeKinds() []NodeKind {
	return []NodeKind{
		KindRepository, KindService, KindModule, KindPackage, KindVulnerability, KindCodeFlaw, KindSecret,
		KindAPIOperation, KindImage, KindDockerfile,
		KindWorkload, KindHost, KindIdentity, KindGrant, KindNetwork, KindExposure, KindDataStore, KindCluster,
		KindAccount, KindExternal, KindLogging, KindKey, KindResource,
		KindOwner, KindBusinessService, KindDataClass, KindConfig,
		KindEntryPoint, KindCrownJewel,
	}
}

// Layer reports the layer a kind belongs to, or "" for an unknown kind.
func (k NodeKind) Layer() Layer { return nodeLayers[k] }

// Valid reports whether k is one of the declared kinds.
func (k NodeKind) Valid() bool { _, ok := nodeLayers[k]; return ok }

// EdgeKind is the type of a relationship. Every edge carries provenance.
type EdgeKind string

// The edge kinds of SPEC.md, plus the within-layer references extractors resolve.
const (
	EdgeExposes      EdgeKind = "exposes"
	EdgeRoutesTo     EdgeKind = "routes-to"
	EdgeRuns         EdgeKind = "runs"       // workload → image
	EdgeBuiltFrom    EdgeKind = "built-from" // image → Dockerfile; Dockerfile stage → base image
	EdgeContains     EdgeKind = "contains"   // image/module → package; module → module
	EdgeAffectedBy   EdgeKind = "affected-by"
	EdgeHasFlaw      EdgeKind = "has-flaw"
	EdgeUsesIdentity EdgeKind = "uses-identity"
	EdgeCan          EdgeKind = "can"
	EdgeCanAssume    EdgeKind = "can-assume"
	EdgeCanEscalate  EdgeKind = "can-escalate-to"
	EdgeMounts       EdgeKind = "mounts"
	EdgeReadsSecret  EdgeKind = "reads-secret"
	EdgeConnectsTo   EdgeKind = "connects-to"
	EdgeCalls        EdgeKind = "calls"
	EdgeOwnedBy      EdgeKind = "owned-by"
	EdgePartOf       EdgeKind = "part-of"
	EdgeHolds        EdgeKind = "holds"
	EdgeNetworkReach EdgeKind = "network-reach"
	EdgeAttachedTo   EdgeKind = "attached-to"  // a policy or rule attached to an identity or group
	EdgeMemberOf     EdgeKind = "member-of"    // user → group, subnet → VPC membership
	EdgeProtectedBy  EdgeKind = "protected-by" // resource → security group, KMS key, public access block
	EdgeSelects      EdgeKind = "selects"      // Service/NetworkPolicy/binding → what it applies to
	EdgeReferences   EdgeKind = "references"   // any other resolved reference between two resources
	EdgeLogsTo       EdgeKind = "logs-to"
	EdgeDependsOn    EdgeKind = "depends-on"
	EdgeHandles      EdgeKind = "handles" // workload/identity → data class it can read or write (link stage)
	EdgeRunsOn       EdgeKind = "runs-on" // Kubernetes workload → node group or host it is scheduled on
	EdgeUnlocks      EdgeKind = "unlocks" // secret → the identity or data store its value gives access to
)

// EdgeKinds lists every edge kind in a fixed order.
func EdgeKinds() []EdgeKind {
	return []EdgeKind{
		EdgeExposes, EdgeRoutesTo, EdgeRuns, EdgeBuiltFrom, EdgeContains, EdgeAffectedBy, EdgeHasFlaw,
		EdgeUsesIdentity, EdgeCan, EdgeCanAssume, EdgeCanEscalate, EdgeMounts, EdgeReadsSecret, EdgeConnectsTo,
		EdgeCalls, EdgeOwnedBy, EdgePartOf, EdgeHolds, EdgeNetworkReach, EdgeAttachedTo, EdgeMemberOf,
		EdgeProtectedBy, EdgeSelects, EdgeReferences, EdgeLogsTo, EdgeDependsOn, EdgeHandles, EdgeRunsOn,
		EdgeUnlocks,
	}
}

// Valid reports whether k is one of the declared edge kinds.
func (k EdgeKind) Valid() bool {
	for _, e := range EdgeKinds() {
		if e == k {
			return true
		}
	}
	return false
}
