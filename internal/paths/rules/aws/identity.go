package aws

import (
	"fmt"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// workloadRoleControl is the change on a role a workload holds: take it away, or narrow it. One ID per role,
// so one fix covers every workload that holds it. A workload holding its own role is how the system is meant
// to work, so the control is by design: choke points prefer the grants the role should not have.
func workloadRoleControl(c *paths.Context, w *model.Node, role *model.Node) paths.Control {
	ctl := paths.ControlAt("workload-role", role, fmt.Sprintf("remove %s from the workloads that do not need it, or narrow it to what they need", name(c, role.ID)))
	ctl.Design = true
	return ctl
}

// instanceRole: code on an EC2 instance holds the role of its instance profile (from its own metadata
// service, which answers the host's IMDSv2 requests).
type instanceRole struct{}

func (instanceRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.instance-profile", Title: "Code on an EC2 instance holds its instance profile's role",
		Technique: "T1552.005", TechniqueName: "Unsecured Credentials: Cloud Instance Metadata API",
		// The AWS SDKs and CLI on the instance pick the role up with no configuration at all.
		Likelihood: 0.95,
		Rationale:  "the instance profile exists to give code on the instance the role; the metadata service answers the host whatever its IMDS version",
		Control:    "remove the role from the instance profile, or narrow it to what the instance needs",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r instanceRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Kind != model.KindWorkload || !oneOf(w.Type, instanceTypes) {
		return nil
	}
	return instanceSteps(c, w, onHost, r.Meta().Likelihood)
}

// taskRole: code in an ECS task holds its task role, served at the container credentials endpoint
// (169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, set in every container's environment).
type taskRole struct{}

func (taskRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.task-role", Title: "Code in an ECS task holds its task role",
		Technique: "T1552.005", TechniqueName: "Unsecured Credentials: Cloud Instance Metadata API",
		// The credentials endpoint and its path are in every container's environment.
		Likelihood: 0.95,
		Rationale:  "ECS serves the task role's credentials to every container of the task through the credentials endpoint named in its environment",
		Control:    "remove task_role_arn from task definitions that do not call AWS, or narrow the task role",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r taskRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Kind != model.KindWorkload {
		return nil
	}
	defs := []hop{{node: w}}
	switch w.Type {
	case "aws_ecs_task_definition":
	case "aws_ecs_service":
		defs = follow(c, w.ID, model.EdgeRuns, "aws_ecs_task_definition")
	default:
		return nil
	}
	var steps []paths.Step
	for _, d := range defs {
		for _, role := range follow(c, d.node.ID, model.EdgeUsesIdentity, "aws_iam_role") {
			ev := append(edgeEvidence(role.edge, "task_role_arn"), roleEvidence(role.node))
			if d.edge != nil {
				ev = append(edgeEvidence(d.edge, "task definition"), ev...)
			}
			reason := fmt.Sprintf("the containers of %s get the credentials of its task role %s from the ECS credentials endpoint", name(c, d.node.ID), name(c, role.node.ID))
			steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: role.node.ID}, Reason: reason, Evidence: ev,
				Control: workloadRoleControl(c, w, role.node), Via: keys(d.edge, role.edge)})
		}
	}
	return steps
}

// functionRole: code in a Lambda function holds its execution role: the runtime puts the role's credentials in
// the function's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
type functionRole struct{}

func (functionRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.function-role", Title: "Code in a Lambda function holds its execution role",
		Technique: "T1552", TechniqueName: "Unsecured Credentials",
		// The credentials are environment variables of the function's process: there is nothing to get past.
		Likelihood: 1,
		Rationale:  "Lambda hands every invocation its execution role's credentials in the environment",
		Control:    "give each function its own execution role with only what it needs",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r functionRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Type != "aws_lambda_function" {
		return nil
	}
	var steps []paths.Step
	for _, role := range follow(c, w.ID, model.EdgeUsesIdentity, "aws_iam_role") {
		reason := fmt.Sprintf("%s runs with the credentials of its execution role %s in its environment", name(c, w.ID), name(c, role.node.ID))
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: role.node.ID}, Reason: reason,
			Evidence: append(edgeEvidence(role.edge, "role"), roleEvidence(role.node)),
			Control:  workloadRoleControl(c, w, role.node), Via: keys(role.edge)})
	}
	return steps
}

func roleEvidence(role *model.Node) model.Evidence {
	return model.EvidenceAt(role.Prov, "IAM role "+role.Name)
}
