package aws

import "github.com/seam-sec/seam/internal/paths"

// ATT&CK techniques the escalations map to.
const (
	elevated     = "T1548.005" // Abuse Elevation Control Mechanism: Temporary Elevated Cloud Access
	elevatedName = "Abuse Elevation Control Mechanism: Temporary Elevated Cloud Access"
	roles        = "T1098.003" // Account Manipulation: Additional Cloud Roles
	rolesName    = "Account Manipulation: Additional Cloud Roles"
	creds        = "T1098.001" // Account Manipulation: Additional Cloud Credentials
	credsName    = "Account Manipulation: Additional Cloud Credentials"
)

const passRoleControl = `restrict iam:PassRole to the roles each service needs, with an iam:PassedToService condition`

// passRoleTechnique builds a PassRole technique: pass a role trusting service to a resource the identity
// creates with the given actions.
func passRoleTechnique(name, title, service string, likelihood float64, ns ...needs) technique {
	return technique{name: name, title: title, attack: elevated, attackName: elevatedName, likelihood: likelihood,
		rationale: "the service runs code the attacker supplies with the passed role's credentials; iam:PassRole is the only check",
		control:   passRoleControl, to: []paths.Kind{paths.Creds}, find: passRole, service: service, needs: ns}
}

// techniques lists the escalation techniques, each its own rule. Likelihoods: the direct API calls that hand
// over credentials (a new access key, a trust rewrite) 0.85; passing a role to a service, which needs a
// resource created and triggered, 0.75–0.8; restoring a policy version the files cannot show, 0.3.
func techniques() []technique {
	return []technique{
		passRoleTechnique("passrole-lambda", "A new Lambda function runs with a passed role", "lambda.amazonaws.com", 0.8,
			needs{[]string{"lambda:CreateFunction"}, "arn:aws:lambda:{region}:{account}:function:*"},
			needs{[]string{"lambda:InvokeFunction", "lambda:CreateEventSourceMapping"}, "arn:aws:lambda:{region}:{account}:function:*"}),
		withProfile(passRoleTechnique("passrole-ec2", "A new EC2 instance runs with a passed role", "ec2.amazonaws.com", 0.75,
			needs{[]string{"ec2:RunInstances"}, "arn:aws:ec2:{region}:{account}:instance/*"})),
		passRoleTechnique("passrole-ecs", "A new ECS task runs with a passed task role", "ecs-tasks.amazonaws.com", 0.75,
			needs{[]string{"ecs:RegisterTaskDefinition"}, "*"},
			needs{[]string{"ecs:RunTask", "ecs:StartTask"}, "arn:aws:ecs:{region}:{account}:task-definition/*"}),
		passRoleTechnique("passrole-glue", "A new Glue development endpoint runs with a passed role", "glue.amazonaws.com", 0.75,
			needs{[]string{"glue:CreateDevEndpoint"}, "arn:aws:glue:{region}:{account}:devEndpoint/*"}),
		passRoleTechnique("passrole-cloudformation", "A new CloudFormation stack acts with a passed role", "cloudformation.amazonaws.com", 0.75,
			needs{[]string{"cloudformation:CreateStack"}, "arn:aws:cloudformation:{region}:{account}:stack/*"}),
		passRoleTechnique("passrole-codebuild", "A new CodeBuild project builds with a passed role", "codebuild.amazonaws.com", 0.75,
			needs{[]string{"codebuild:CreateProject"}, "arn:aws:codebuild:{region}:{account}:project/*"},
			needs{[]string{"codebuild:StartBuild"}, "arn:aws:codebuild:{region}:{account}:project/*"}),
		passRoleTechnique("passrole-sagemaker", "A new SageMaker notebook runs with a passed role", "sagemaker.amazonaws.com", 0.75,
			needs{[]string{"sagemaker:CreateNotebookInstance"}, "arn:aws:sagemaker:{region}:{account}:notebook-instance/*"},
			needs{[]string{"sagemaker:CreatePresignedNotebookInstanceUrl"}, "arn:aws:sagemaker:{region}:{account}:notebook-instance/*"}),
		{name: "attach-policy", title: "The identity attaches an administrator's policy to itself", attack: roles, attackName: rolesName,
			likelihood: 0.85, rationale: "iam:Attach*Policy on oneself (or one's group, or a role one can assume) grants any managed policy, AdministratorAccess included",
			control: "never grant iam:Attach*Policy on the identity itself; use a permissions boundary", to: []paths.Kind{paths.Admin}, find: selfPolicy("Attach")},
		{name: "put-policy", title: "The identity writes an administrator's inline policy on itself", attack: roles, attackName: rolesName,
			likelihood: 0.85, rationale: "iam:Put*Policy on oneself (or one's group, or a role one can assume) writes any inline policy",
			control: "never grant iam:Put*Policy on the identity itself; use a permissions boundary", to: []paths.Kind{paths.Admin}, find: selfPolicy("Put")},
		{name: "create-policy-version", title: "The identity rewrites a managed policy attached to it", attack: roles, attackName: rolesName,
			likelihood: 0.85, rationale: "iam:CreatePolicyVersion with --set-as-default replaces what an attached policy grants",
			control: "grant iam:CreatePolicyVersion only on policies attached to other identities", to: []paths.Kind{paths.Admin}, find: policyVersion("iam:CreatePolicyVersion")},
		{name: "set-default-policy-version", title: "The identity restores an older version of a policy attached to it", attack: roles, attackName: rolesName,
			likelihood: 0.3, rationale: "iam:SetDefaultPolicyVersion brings back any stored version, which may grant more",
			control: "delete old policy versions; do not grant iam:SetDefaultPolicyVersion on attached policies", to: []paths.Kind{paths.Admin}, find: policyVersion("iam:SetDefaultPolicyVersion")},
		{name: "add-to-group", title: "The user adds itself to an administrators' group", attack: roles, attackName: rolesName,
			likelihood: 0.85, rationale: "iam:AddUserToGroup on a group gives the user the group's policies",
			control: "grant iam:AddUserToGroup only on groups the identity may manage", to: []paths.Kind{paths.Admin}, find: addToGroup},
		{name: "update-trust", title: "The identity rewrites a role's trust to assume it", attack: roles, attackName: rolesName,
			likelihood: 0.85, rationale: "iam:UpdateAssumeRolePolicy lets the caller name itself in the role's trust",
			control: "grant iam:UpdateAssumeRolePolicy only to administrators", to: []paths.Kind{paths.Creds}, find: updateTrust},
		{name: "create-access-key", title: "The identity creates an access key for another user", attack: creds, attackName: credsName,
			likelihood: 0.85, rationale: "iam:CreateAccessKey on a user returns a new long-lived key of that user",
			control: "grant iam:CreateAccessKey only on the caller's own user (${aws:username})", to: []paths.Kind{paths.Creds}, find: accessKey},
		{name: "login-profile", title: "The identity sets another user's console password", attack: creds, attackName: credsName,
			likelihood: 0.75, rationale: "iam:CreateLoginProfile or iam:UpdateLoginProfile sets the password the user signs in with",
			control: "grant iam:*LoginProfile only on the caller's own user, and require MFA", to: []paths.Kind{paths.Creds}, find: loginProfile},
		{name: "function-code", title: "The identity replaces a Lambda function's code", attack: "T1648", attackName: "Serverless Execution",
			likelihood: 0.8, rationale: "lambda:UpdateFunctionCode makes the function run the attacker's code, with the function's role",
			control: "grant lambda:UpdateFunctionCode only to the function's deployment pipeline; sign code (code signing configs)", to: []paths.Kind{paths.Exec}, find: functionCode},
		{name: "ssm-command", title: "The identity runs commands on instances through Systems Manager", attack: "T1651", attackName: "Cloud Administration Command",
			likelihood: 0.8, rationale: "ssm:SendCommand and ssm:StartSession run a shell on a managed instance as root",
			control: "grant ssm:SendCommand and ssm:StartSession only on tagged instances, to operators", to: []paths.Kind{paths.Exec, paths.Host}, find: ssmCommand},
	}
}

func withProfile(t technique) technique {
	t.needsProfile = true
	return t
}
