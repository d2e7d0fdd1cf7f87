package aws

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/paths"
)

// The privilege-escalation tests give user u an inline policy (aws_iam_user_policy.u) and the resources a
// technique works on, and ask each technique's rule for the steps out of creds(aws_iam_user.u): the step it
// must make, and none when the control is in place (a Deny, a boundary, a trust that does not admit the
// service, a missing instance profile…).

func escalate(statements string, extra ...string) map[string]string {
	return map[string]string{"main.tf": provider + `
resource "aws_iam_user" "u" {
  name = "u"
}
` + inline(statements) + strings.Join(extra, "\n")}
}

// role is an IAM role trusting a service (or, with a "arn:" principal, an AWS principal), optionally an
// administrator.
func role(name, principal string, admin bool) string {
	key := "Service"
	if strings.HasPrefix(principal, "arn:") || strings.HasPrefix(principal, "aws_") {
		key = "AWS"
	}
	if strings.HasPrefix(principal, "aws_") {
		principal = "${" + principal + "}"
	}
	out := `
resource "aws_iam_role" "` + name + `" {
  name = "` + name + `"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { ` + key + ` = "` + principal + `" } }]
  })
}
`
	if admin {
		out += `
resource "aws_iam_role_policy_attachment" "` + name + `" {
  role       = aws_iam_role.` + name + `.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`
	}
	return out
}

func profile(roleName string) string {
	return `
resource "aws_iam_instance_profile" "` + roleName + `" {
  name = "` + roleName + `"
  role = aws_iam_role.` + roleName + `.name
}
`
}

func user(name string, extra string) string {
	return `
resource "aws_iam_user" "` + name + `" {
  name = "` + name + `"
}
` + extra
}

const (
	passAdmin  = `{ Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.admin.arn }`
	lambdaAll  = `{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }`
	denyPass   = `{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }`
	toAdmin    = "creds(aws_iam_role.admin)"
	adminState = "admin(provider.aws)"
	narrowU    = "narrow:aws_iam_user_policy.u"
)

type escalationCase struct {
	name  string
	t     string // technique name
	files map[string]string
	want  []got
}

func runEscalations(t *testing.T, cases []escalationCase) {
	t.Helper()
	byName := map[string]technique{}
	for _, tq := range techniques() {
		byName[tq.name] = tq
	}
	for _, tc := range cases {
		t.Run(tc.t+"/"+tc.name, func(t *testing.T) {
			tq, ok := byName[tc.t]
			if !ok {
				t.Fatalf("no technique %q", tc.t)
			}
			g := tfGraph(t, tc.files)
			gs := run(g, privesc{t: tq}, st(paths.Creds, "aws_iam_user.u"))
			for i := range gs {
				gs[i].Evidence = ""
			}
			if diff := cmp.Diff(tc.want, gs); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPassRoleTechniques(t *testing.T) {
	admin := role("admin", "lambda.amazonaws.com", true)
	runEscalations(t, []escalationCase{
		{"create, invoke and pass", "passrole-lambda", escalate(lambdaAll+", "+passAdmin, admin), []got{{toAdmin, 0.8, narrowU, "", 0}}},
		{"an explicit Deny of PassRole", "passrole-lambda", escalate(lambdaAll+", "+passAdmin+", "+denyPass, admin), nil},
		{"PassRole only to EC2", "passrole-lambda", escalate(lambdaAll+`, { Effect = "Allow", Action = "iam:PassRole", Resource = "*", Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } } }`, admin), nil},
		{"the role does not trust Lambda", "passrole-lambda", escalate(lambdaAll+", "+passAdmin, role("admin", "ec2.amazonaws.com", true)), nil},
		{"an event source instead of invoking", "passrole-lambda", escalate(`{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"], Resource = "*" }, `+passAdmin, admin), []got{{toAdmin, 0.8, narrowU, "", 0}}},
		{"no way to run the function", "passrole-lambda", escalate(`{ Effect = "Allow", Action = ["lambda:CreateFunction"], Resource = "*" }, `+passAdmin, admin), nil},
		{"functions of one prefix are enough", "passrole-lambda", escalate(`{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "arn:aws:lambda:eu-west-1:111122223333:function:ci-*" }, `+passAdmin, admin), []got{{toAdmin, 0.8, narrowU, "", 0}}},
		{"run an instance with the role's profile", "passrole-ec2", escalate(`{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }, `+passAdmin, role("admin", "ec2.amazonaws.com", true), profile("admin")), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"no instance profile carries the role", "passrole-ec2", escalate(`{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }, `+passAdmin, role("admin", "ec2.amazonaws.com", true)), nil},
		{"a profile it may make", "passrole-ec2", escalate(`{ Effect = "Allow", Action = ["ec2:RunInstances", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"], Resource = "*" }, `+passAdmin, role("admin", "ec2.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"register and run a task", "passrole-ecs", escalate(`{ Effect = "Allow", Action = ["ecs:RegisterTaskDefinition", "ecs:RunTask"], Resource = "*" }, `+passAdmin, role("admin", "ecs-tasks.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"a dev endpoint", "passrole-glue", escalate(`{ Effect = "Allow", Action = "glue:CreateDevEndpoint", Resource = "*" }, `+passAdmin, role("admin", "glue.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"a stack", "passrole-cloudformation", escalate(`{ Effect = "Allow", Action = "cloudformation:CreateStack", Resource = "*" }, `+passAdmin, role("admin", "cloudformation.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"a build", "passrole-codebuild", escalate(`{ Effect = "Allow", Action = ["codebuild:CreateProject", "codebuild:StartBuild"], Resource = "*" }, `+passAdmin, role("admin", "codebuild.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
		{"a build it cannot start", "passrole-codebuild", escalate(`{ Effect = "Allow", Action = ["codebuild:CreateProject"], Resource = "*" }, `+passAdmin, role("admin", "codebuild.amazonaws.com", true)), nil},
		{"a notebook", "passrole-sagemaker", escalate(`{ Effect = "Allow", Action = ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], Resource = "*" }, `+passAdmin, role("admin", "sagemaker.amazonaws.com", true)), []got{{toAdmin, 0.75, narrowU, "", 0}}},
	})
}

// The step's evidence starts with the iam:PassRole grant, the misconfiguration to fix.
func TestPassRoleEvidence(t *testing.T) {
	g := tfGraph(t, escalate(lambdaAll+", "+passAdmin, role("admin", "lambda.amazonaws.com", true)))
	var tq technique
	for _, x := range techniques() {
		if x.name == "passrole-lambda" {
			tq = x
		}
	}
	ss := steps(g, privesc{t: tq}, st(paths.Creds, "aws_iam_user.u"))
	if len(ss) != 1 || !strings.Contains(ss[0].Evidence[0].What, "aws_iam_user_policy.u statement 1") {
		t.Fatalf("want the PassRole statement (1) first: %+v", ss)
	}
	if !strings.Contains(ss[0].Reason, "lambda:CreateFunction and lambda:InvokeFunction") {
		t.Errorf("the reason must name the actions allowed: %s", ss[0].Reason)
	}
}

func TestSelfPolicyTechniques(t *testing.T) {
	self := `{ Effect = "Allow", Action = ["iam:AttachUserPolicy", "iam:PutUserPolicy"], Resource = aws_iam_user.u.arn }`
	// The boundary lets the user attach and put policies, but caps what they can grant at S3 and those two
	// actions: an administrator's policy does not make it an administrator.
	boundary := `
resource "aws_iam_policy" "boundary" {
  name   = "s3-and-self-service"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:AttachUserPolicy", "iam:PutUserPolicy"], Resource = "*" }] })
}
`
	// The boundary is named by its ARN: a reference makes the extractor's attached-to edge, which the access
	// model (internal/link/access) reads as an attached policy, a grant.
	bounded := strings.Replace(escalate(self, boundary)["main.tf"], `name = "u"
}`, `name = "u"
  permissions_boundary = "arn:aws:iam::111122223333:policy/s3-and-self-service"
}`, 1)
	group := `
resource "aws_iam_group" "devs" {
  name = "devs"
}

resource "aws_iam_user_group_membership" "u" {
  user   = aws_iam_user.u.name
  groups = [aws_iam_group.devs.name]
}
`
	assumable := role("ops", "aws_iam_user.u.arn", false)
	runEscalations(t, []escalationCase{
		{"attach to itself", "attach-policy", escalate(self), []got{{adminState, 0.85, narrowU, "", 0}}},
		{"put on itself", "put-policy", escalate(self), []got{{adminState, 0.85, narrowU, "", 0}}},
		{"a boundary caps it", "attach-policy", map[string]string{"main.tf": bounded}, nil},
		{"a boundary that lets everything through", "attach-policy", map[string]string{"main.tf": strings.Replace(bounded, `Action = ["s3:*", "iam:AttachUserPolicy", "iam:PutUserPolicy"]`, `Action = "*"`, 1)},
			[]got{{adminState, 0.85, narrowU, "", 0}}},
		{"only on another user", "attach-policy", escalate(`{ Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = aws_iam_user.v.arn }`, user("v", "")), nil},
		{"on its group", "attach-policy", escalate(`{ Effect = "Allow", Action = "iam:AttachGroupPolicy", Resource = aws_iam_group.devs.arn }`, group), []got{{adminState, 0.85, narrowU, "", 0}}},
		{"on a role it can assume", "put-policy", escalate(`{ Effect = "Allow", Action = ["iam:PutRolePolicy", "sts:AssumeRole"], Resource = aws_iam_role.ops.arn }`, assumable), []got{{adminState, 0.85, narrowU, "", 0}}},
		{"on a role it cannot assume", "put-policy", escalate(`{ Effect = "Allow", Action = ["iam:PutRolePolicy"], Resource = aws_iam_role.ops.arn }`, role("ops", "ec2.amazonaws.com", false)), nil},
	})
}

func TestPolicyVersionTechniques(t *testing.T) {
	attached := `
resource "aws_iam_policy" "tools" {
  name   = "tools"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], Resource = "*" }] })
}

resource "aws_iam_user_policy_attachment" "tools" {
  user       = aws_iam_user.u.name
  policy_arn = aws_iam_policy.tools.arn
}
`
	other := `
resource "aws_iam_policy" "other" {
  name   = "other"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }] })
}
`
	narrowTools := "narrow:aws_iam_policy.tools"
	runEscalations(t, []escalationCase{
		{"a new version of its own policy", "create-policy-version", escalate(`{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }`, attached), []got{{adminState, 0.85, narrowTools, "", 0}}},
		{"an old version: rests on versions the files do not show", "set-default-policy-version", escalate(`{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }`, attached), []got{{adminState, 0.24, narrowTools, "", 1}}},
		{"a policy not attached to it", "create-policy-version", escalate(`{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = aws_iam_policy.other.arn }`, other), nil},
	})
}

func TestOtherIdentityTechniques(t *testing.T) {
	admins := `
resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
` + user("alice", `
resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.admins.name]
}
`)
	twoKeys := user("v", `
resource "aws_iam_access_key" "v1" {
  user = aws_iam_user.v.name
}

resource "aws_iam_access_key" "v2" {
  user = aws_iam_user.v.name
}
`)
	withLogin := user("v", `
resource "aws_iam_user_login_profile" "v" {
  user = aws_iam_user.v.name
}
`)
	onV := func(actions string) string {
		return `{ Effect = "Allow", Action = [` + actions + `], Resource = aws_iam_user.v.arn }`
	}
	runEscalations(t, []escalationCase{
		{"join the administrators", "add-to-group", escalate(`{ Effect = "Allow", Action = "iam:AddUserToGroup", Resource = aws_iam_group.admins.arn }`, admins), []got{{adminState, 0.85, narrowU, "", 0}}},
		{"a group that grants little", "add-to-group", escalate(`{ Effect = "Allow", Action = "iam:AddUserToGroup", Resource = "*" }`, `
resource "aws_iam_group" "readers" {
  name = "readers"
}
`), nil},
		{"rewrite a trust", "update-trust", escalate(`{ Effect = "Allow", Action = "iam:UpdateAssumeRolePolicy", Resource = aws_iam_role.admin.arn }`, role("admin", "ec2.amazonaws.com", true)), []got{{toAdmin, 0.85, narrowU, "", 0}}},
		{"a key for another user", "create-access-key", escalate(onV(`"iam:CreateAccessKey"`), user("v", "")), []got{{"creds(aws_iam_user.v)", 0.85, narrowU, "", 0}}},
		{"a user with two keys already", "create-access-key", escalate(onV(`"iam:CreateAccessKey"`), twoKeys), nil},
		{"a console password for a user without one", "login-profile", escalate(onV(`"iam:CreateLoginProfile"`), user("v", "")), []got{{"creds(aws_iam_user.v)", 0.6, narrowU, "", 1}}},
		{"create when the user has a profile: fails", "login-profile", escalate(onV(`"iam:CreateLoginProfile"`), withLogin), nil},
		{"update the user's profile", "login-profile", escalate(onV(`"iam:UpdateLoginProfile"`), withLogin), []got{{"creds(aws_iam_user.v)", 0.6, narrowU, "", 1}}},
	})
}

func TestWorkloadTechniques(t *testing.T) {
	function := role("fn", "lambda.amazonaws.com", false) + `
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
`
	instance := role("vm", "ec2.amazonaws.com", false) + profile("vm") + `
resource "aws_iam_role_policy_attachment" "vm" {
  role       = aws_iam_role.vm.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_instance" "vm" {
  ami                  = "ami-0c55b159cbfafe1f0"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.vm.name
}
`
	runEscalations(t, []escalationCase{
		{"update and invoke", "function-code", escalate(`{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], Resource = aws_lambda_function.fn.arn }`, function), []got{{"exec(aws_lambda_function.fn)", 0.8, narrowU, "", 0}}},
		{"update only: the function's own triggers", "function-code", escalate(`{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode"], Resource = aws_lambda_function.fn.arn }`, function), []got{{"exec(aws_lambda_function.fn)", 0.64, narrowU, "", 1}}},
		{"another function's code only", "function-code", escalate(`{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode"], Resource = "arn:aws:lambda:eu-west-1:111122223333:function:other" }`, function), nil},
		{"send a command with the shell document", "ssm-command", escalate(`{ Effect = "Allow", Action = "ssm:SendCommand", Resource = "*" }`, instance), []got{{"exec(aws_instance.vm)", 0.8, narrowU, "", 0}}},
		{"send a command without the document", "ssm-command", escalate(`{ Effect = "Allow", Action = "ssm:SendCommand", Resource = "arn:aws:ec2:*:*:instance/*" }`, instance), nil},
		{"start a session", "ssm-command", escalate(`{ Effect = "Allow", Action = "ssm:StartSession", Resource = "*" }`, instance), []got{{"exec(aws_instance.vm)", 0.8, narrowU, "", 0}}},
	})
}

// An administrator has nothing to escalate to: no technique makes a step for it.
func TestNoEscalationForAdministrators(t *testing.T) {
	g := tfGraph(t, escalate(`{ Effect = "Allow", Action = "*", Resource = "*" }`, role("admin", "lambda.amazonaws.com", true), user("v", "")))
	for _, tq := range techniques() {
		if got := run(g, privesc{t: tq}, st(paths.Creds, "aws_iam_user.u")); got != nil {
			t.Errorf("%s: %v", tq.name, got)
		}
	}
}
