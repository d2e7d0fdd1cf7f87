package aws

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// imds is what the instance metadata service of a host does, and which configuration decides it. Defaults
// are EC2's (docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html): http_tokens
// "optional" and http_endpoint "enabled" unless the AMI or the account's defaults say otherwise; the PUT
// response hop limit is 1, or 2 for AMIs whose imds-support is v2.0 (Amazon Linux 2023,
// docs.aws.amazon.com/linux/al2023/ug/imdsv2.html). The hop limit applies to IMDSv2's token response only:
// a tokenless IMDSv1 GET answers from any number of hops.
type imds struct {
	// at is the node to change (launch template, instance, node group): the control's node.
	at *model.Node
	// required is true when IMDSv2 is required (http_tokens "required"); false allows IMDSv1.
	required bool
	// hopLimit is the PUT response hop limit; 0 when not known.
	hopLimit int
	// disabled is true when the endpoint is turned off (http_endpoint "disabled").
	disabled bool
	// setting names the settings that decide, for reasons: `http_tokens = "optional"`.
	setting  string
	evidence model.Evidence
	// assumptions are the values the files do not give; assumed is set when any is made.
	assumptions []string
}

func (m imds) assumed() bool { return len(m.assumptions) > 0 }

// accountDefaults is the account's instance metadata defaults (aws_ec2_instance_metadata_defaults), which apply
// to instances whose launch settings leave a value unset.
type accountDefaults struct {
	node     *model.Node
	tokens   string
	hopLimit int
}

func defaultsOf(c *paths.Context) accountDefaults {
	return c.Cached("aws.imds-defaults", func() any {
		for _, n := range c.Graph.NodesOfKind(model.KindResource) {
			if n.Type != "aws_ec2_instance_metadata_defaults" {
				continue
			}
			d := accountDefaults{node: n}
			if t := read(n.Attrs, "http_tokens"); t.known && t.s != "no-preference" {
				d.tokens = t.s
			}
			if h := read(n.Attrs, "http_put_response_hop_limit"); h.known && h.n > 0 {
				d.hopLimit = h.n
			}
			return d
		}
		return accountDefaults{}
	}).(accountDefaults)
}

// settingsOf reads the metadata_options of a launch template, launch configuration or instance.
func settingsOf(c *paths.Context, at *model.Node) imds {
	m := imds{at: at}
	opts := block(at, "metadata_options")
	def := defaultsOf(c)
	m.evidence = link.Evidence(at, "metadata_options of "+at.Type+" "+at.Name)
	tokens := read(opts, "http_tokens")
	switch {
	case tokens.known:
		m.required = tokens.s == "required"
		m.setting = fmt.Sprintf("http_tokens = %q", tokens.s)
	case tokens.set:
		m.setting = "http_tokens = " + tokens.unknown
		m.assumptions = append(m.assumptions, fmt.Sprintf("http_tokens of %s is not known (%s): IMDSv1 assumed allowed", at.ID, tokens.unknown))
	case def.tokens != "":
		m.required = def.tokens == "required"
		m.setting = fmt.Sprintf("http_tokens unset, account default %q", def.tokens)
		m.evidence = link.Evidence(def.node, "account instance metadata defaults")
	default:
		m.setting = "http_tokens unset (EC2 default \"optional\")"
		m.assumptions = append(m.assumptions, fmt.Sprintf("%s does not set http_tokens: EC2's default \"optional\" (IMDSv1 allowed) is assumed; an AMI that requires IMDSv2 (imds-support v2.0, e.g. Amazon Linux 2023) would change it", at.ID))
	}
	hop := read(opts, "http_put_response_hop_limit")
	switch {
	case hop.known:
		m.hopLimit = hop.n
	case def.hopLimit > 0 && !hop.set:
		m.hopLimit = def.hopLimit
	case m.required:
		// Only matters with IMDSv2 required: never assume the safer limit of 1.
		m.assumptions = append(m.assumptions, fmt.Sprintf("the PUT response hop limit of %s is not known: assumed 2 (what IMDSv2-only AMIs set), which containers reach", at.ID))
	}
	endpoint := read(opts, "http_endpoint")
	switch {
	case endpoint.known:
		m.disabled = endpoint.s == "disabled"
	case endpoint.set:
		m.assumptions = append(m.assumptions, fmt.Sprintf("http_endpoint of %s is not known (%s): assumed enabled", at.ID, endpoint.unknown))
	}
	return m
}

// eksDefault is the metadata service of an EKS managed node group without a launch template: EKS generates
// one. Amazon Linux 2023 AMIs require IMDSv2 with hop limit 2; Amazon Linux 2 nodes allow IMDSv1 with hop
// limit 2 (docs.aws.amazon.com/eks/latest/userguide/launch-templates.html). Which AMI type an unset ami_type
// means depends on the Kubernetes version (AL2023 from 1.30), so it is an assumption either way.
func eksDefault(group *model.Node) imds {
	m := imds{at: group, hopLimit: 2, evidence: link.Evidence(group, "node group without a launch template")}
	ami := read(group.Attrs, "ami_type")
	switch {
	case ami.known && strings.HasPrefix(ami.s, "AL2023"):
		m.required = true
		m.setting = "EKS's launch template for " + ami.s + " (IMDSv2 required, hop limit 2)"
		m.assumptions = []string{fmt.Sprintf("%s has no launch template: EKS's generated one is assumed to keep the AL2023 AMI's settings (IMDSv2 required, hop limit 2)", group.ID)}
	case ami.known && strings.HasPrefix(ami.s, "AL2_"):
		m.setting = "EKS's launch template for " + ami.s + " (IMDSv1 allowed, hop limit 2)"
		m.assumptions = []string{fmt.Sprintf("%s has no launch template: EKS's generated one is assumed to allow IMDSv1 with hop limit 2, as for Amazon Linux 2 nodes", group.ID)}
	default:
		m.setting = "EKS's generated launch template (ami_type " + orUnset(ami) + ")"
		m.assumptions = []string{fmt.Sprintf("%s has no launch template and its AMI type (%s) does not say how EKS sets the metadata service: IMDSv1 assumed allowed, hop limit 2", group.ID, orUnset(ami))}
	}
	return m
}

func orUnset(v value) string {
	switch {
	case v.known:
		return v.s
	case v.set:
		return v.unknown
	}
	return "unset"
}

// caller is who asks the metadata service: a forged request (a tokenless GET only), code in a container (one
// network hop more than the host), or code on the host's own network.
type caller int

const (
	forged    caller = iota // SSRF: a plain GET, no PUT for a token
	container               // code in a pod on the host's pod network
	onHost                  // code on the host, or in a pod on the host network
)

// allows reports whether the settings let the caller obtain credentials. An unknown hop limit lets
// containers in (its assumption is the settings').
func (m imds) allows(who caller) bool {
	switch {
	case m.disabled:
		return false
	case !m.required:
		return true
	case who == forged:
		return false // IMDSv2 needs a PUT with a header a request forgery cannot set
	case who == container:
		return m.hopLimit == 0 || m.hopLimit >= 2
	}
	return true
}

// why says in words why these settings let the caller in.
func (m imds) why(who caller) string {
	switch {
	case !m.required:
		return m.setting + ": IMDSv1 answers a plain GET"
	case who == container:
		hop := "unknown"
		if m.hopLimit > 0 {
			hop = fmt.Sprint(m.hopLimit)
		}
		return m.setting + " with hop limit " + hop + ": the token response reaches containers"
	}
	return m.setting + ": code on the host gets an IMDSv2 token"
}
