package iam

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// genConfig shapes a generated account: how many roles and resources, and how often the policy features
// that make evaluation interesting appear (per role or per statement, in percent).
type genConfig struct {
	seed                  int64
	principals, resources int
	serviceWildcard       int // a statement on a prefix pattern with a service wildcard (s3:Get*, dynamodb:*)
	anyResource           int // a statement on Resource "*"
	admin                 int // "*" on "*"
	deny                  int // a Deny statement
	boundary              int // a permissions boundary
	condition             int // a condition on a statement (a key the context may not know)
	token                 int // a resource written with an unresolved token
	managed               int // each shared managed policy's share of roles
}

// realistic is the benchmark's shape: mostly specific ARNs, some service wildcards, a little "*".
var realistic = genConfig{seed: 1, principals: 5000, resources: 2000, serviceWildcard: 12, anyResource: 4, admin: 1,
	deny: 8, boundary: 10, condition: 8, token: 1, managed: 4}

// world is a generated account: roles with their policies, resources with theirs.
type world struct {
	principals []*Principal
	resources  []*Resource
	kinds      []string // resource kind by index
}

const (
	partnerAccount = "999988887777"
	region         = "eu-west-1"
	oidcIssuer     = "oidc.eks.eu-west-1.amazonaws.com/id/X"
	oidcProvider   = "arn:aws:iam::123456789012:oidc-provider/" + oidcIssuer
)

var resourceKinds = []struct {
	kind  string
	share int
}{{"bucket", 30}, {"table", 15}, {"key", 10}, {"secret", 15}, {"parameter", 10}, {"queue", 10}, {"role", 5}, {"function", 5}}

func genWorld(cfg genConfig) *world {
	rng := rand.New(rand.NewSource(cfg.seed))
	w := &world{}
	for i := 0; i < cfg.resources; i++ {
		w.addResource(rng, cfg, i)
	}
	managed := w.managedPolicies(cfg)
	boundaries := []*Policy{mustParse(fmt.Sprintf(`{"Statement":[{"Effect":"Allow","Action":["s3:*","dynamodb:*","kms:Decrypt","secretsmanager:GetSecretValue","ssm:GetParameter*","sqs:*","sts:AssumeRole","logs:*"],"Resource":"*"},
		{"Effect":"Deny","Action":["iam:*"],"Resource":"*"}]}`), "boundary.dev")}
	for i := 0; i < cfg.principals; i++ {
		p := &Principal{ID: fmt.Sprintf("role.app-%d", i), Kind: PrincipalRole, ARN: fmt.Sprintf("arn:aws:iam::%s:role/app-%d", acct, i)}
		p.Policies = append(p.Policies, w.inlinePolicy(rng, cfg, i))
		for _, m := range managed {
			if rng.Intn(100) < cfg.managed {
				p.Policies = append(p.Policies, m)
			}
		}
		if rng.Intn(100) < cfg.boundary {
			p.Boundary = boundaries[0]
		}
		w.principals = append(w.principals, p)
	}
	return w
}

func mustParse(doc, node string) *Policy {
	p, probs := ParsePolicy(doc, Source{Place: Place{Node: node, File: "gen.tf", Line: 1}}, nil)
	if len(probs) > 0 {
		panic(fmt.Sprint(node, probs))
	}
	return &p
}

func pickKind(rng *rand.Rand) string {
	n := rng.Intn(100)
	for _, k := range resourceKinds {
		if n < k.share {
			return k.kind
		}
		n -= k.share
	}
	return "bucket"
}

func resourceARN(kind string, i int) string {
	switch kind {
	case "bucket":
		return fmt.Sprintf("arn:aws:s3:::b-%d", i)
	case "table":
		return fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/t-%d", region, acct, i)
	case "key":
		return fmt.Sprintf("arn:aws:kms:%s:%s:key/k-%d", region, acct, i)
	case "secret":
		return fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:s-%d-AbCdEf", region, acct, i)
	case "parameter":
		return fmt.Sprintf("arn:aws:ssm:%s:%s:parameter/app/p-%d", region, acct, i)
	case "queue":
		return fmt.Sprintf("arn:aws:sqs:%s:%s:q-%d", region, acct, i)
	case "role":
		return fmt.Sprintf("arn:aws:iam::%s:role/svc-%d", acct, i)
	}
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:f-%d", region, acct, i)
}

func (w *world) addResource(rng *rand.Rand, cfg genConfig, i int) {
	kind := pickKind(rng)
	arn := resourceARN(kind, i)
	r := &Resource{ID: fmt.Sprintf("%s.%d", kind, i), ARN: arn, Account: acct, At: Place{Node: fmt.Sprintf("%s.%d", kind, i), File: "gen.tf", Line: i + 1}}
	someRole := func() string { return fmt.Sprintf("arn:aws:iam::%s:role/app-%d", acct, rng.Intn(cfg.principals)) }
	switch kind {
	case "bucket":
		r.Contents = []Target{{ARN: arn + "/*", Type: "s3:object"}}
		switch rng.Intn(20) {
		case 19:
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"%s/public/*"}}`, arn), r.ID+".policy")
		case 0, 1:
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":%q},"Action":"s3:GetObject","Resource":"%s/shared/*"},
				{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["%s","%s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, someRole(), arn, arn, arn), r.ID+".policy")
		case 2, 3:
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["%s","%s/*"]}}`, partnerAccount, arn, arn), r.ID+".policy")
		case 4:
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/u-1"},"Action":"s3:*","Resource":["%s","%s/*"]}}`, acct, arn, arn), r.ID+".policy")
		}
	case "key":
		if rng.Intn(2) == 0 {
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"},
				{"Effect":"Allow","Principal":{"AWS":[%q,%q]},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`, acct, someRole(), someRole()), r.ID+".policy")
		}
	case "role":
		trusts := []string{`{"Service":"ec2.amazonaws.com"}`, fmt.Sprintf(`{"AWS":%q}`, acct), fmt.Sprintf(`{"AWS":%q}`, someRole()),
			fmt.Sprintf(`{"Federated":%q}`, oidcProvider)}
		cond := ""
		if rng.Intn(2) == 0 {
			cond = fmt.Sprintf(`,"Condition":{"StringEquals":{"%s:sub":"system:serviceaccount:shop:sa-%d"}}`, oidcIssuer, rng.Intn(3))
		}
		r.Policy = mustParse(fmt.Sprintf(`{"Statement":{"Effect":"Allow","Principal":%s,"Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]%s}}`, trusts[rng.Intn(len(trusts))], cond), r.ID+".trust")
	case "queue":
		if rng.Intn(5) == 0 {
			r.Policy = mustParse(fmt.Sprintf(`{"Statement":{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":%q}}`, arn), r.ID+".policy")
		}
	}
	w.resources = append(w.resources, r)
	w.kinds = append(w.kinds, kind)
}

// kindActions are the action sets a policy grants on a resource of each kind.
var kindActions = map[string][][]string{
	"bucket":    {{"s3:GetObject"}, {"s3:Get*", "s3:List*"}, {"s3:PutObject", "s3:GetObject"}, {"s3:*"}, {"s3:PutObjectMagic"}},
	"table":     {{"dynamodb:GetItem", "dynamodb:Query"}, {"dynamodb:*"}, {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}},
	"key":       {{"kms:Decrypt"}, {"kms:Decrypt", "kms:GenerateDataKey"}, {"kms:*"}},
	"secret":    {{"secretsmanager:GetSecretValue"}, {"secretsmanager:*"}},
	"parameter": {{"ssm:GetParameter", "ssm:GetParameters"}, {"ssm:PutParameter"}},
	"queue":     {{"sqs:SendMessage"}, {"sqs:ReceiveMessage", "sqs:DeleteMessage"}, {"sqs:*"}},
	"role":      {{"sts:AssumeRole"}, {"iam:PassRole"}, {"iam:*"}},
	"function":  {{"lambda:InvokeFunction"}, {"lambda:UpdateFunctionCode"}, {"lambda:*"}},
}

var prefixStatements = []string{
	`{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b-1*/*"}`,
	`{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:*:*:table/t-2*"}`,
	`{"Effect":"Allow","Action":["secretsmanager:Get*","secretsmanager:Describe*"],"Resource":"arn:aws:secretsmanager:*:*:secret:s-3*"}`,
	`{"Effect":"Allow","Action":"ssm:GetParameter*","Resource":"arn:aws:ssm:*:*:parameter/app/*"}`,
}

var anyStatements = []string{
	`{"Effect":"Allow","Action":["logs:*","ec2:Describe*"],"Resource":"*"}`,
	`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}`,
	`{"Effect":"Allow","Action":["s3:ListBucket","s3:GetBucketLocation"],"Resource":"*"}`,
	`{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}`,
}

var denyStatements = []string{
	`{"Effect":"Deny","Action":["s3:DeleteObject","s3:DeleteBucket"],"Resource":"*"}`,
	`{"Effect":"Deny","Action":"kms:*","NotResource":"arn:aws:kms:*:*:key/k-1*"}`,
	`{"Effect":"Deny","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}`,
}

var conditions = []string{
	`"Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}`,
	`"Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}`,
	`"Condition":{"Bool":{"aws:SecureTransport":"true"}}`,
}

func (w *world) inlinePolicy(rng *rand.Rand, cfg genConfig, i int) *Policy {
	var stmts []string
	for n := 2 + rng.Intn(5); n > 0; n-- {
		ri := rng.Intn(len(w.resources))
		kind := w.kinds[ri]
		arn := w.resources[ri].ARN
		acts := kindActions[kind][rng.Intn(len(kindActions[kind]))]
		res := []string{arn}
		switch {
		case kind == "bucket" && rng.Intn(100) < cfg.token:
			res = []string{fmt.Sprintf("${aws_s3_bucket.b%d.arn}/*", ri)}
		case kind == "bucket" && rng.Intn(3) == 0:
			res = []string{arn + "/prefix-" + fmt.Sprint(rng.Intn(3)) + "/*"}
		case kind == "bucket":
			res = []string{arn, arn + "/*"}
		}
		cond := ""
		if rng.Intn(100) < cfg.condition {
			cond = "," + conditions[rng.Intn(len(conditions))]
		}
		stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":%s,"Resource":%s%s}`, len(stmts), jsonList(acts), jsonList(res), cond))
	}
	if rng.Intn(100) < cfg.serviceWildcard {
		stmts = append(stmts, prefixStatements[rng.Intn(len(prefixStatements))])
	}
	if rng.Intn(100) < cfg.anyResource {
		stmts = append(stmts, anyStatements[rng.Intn(len(anyStatements))])
	}
	if rng.Intn(100) < cfg.admin {
		stmts = append(stmts, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	}
	if rng.Intn(100) < cfg.deny {
		stmts = append(stmts, denyStatements[rng.Intn(len(denyStatements))])
	}
	return mustParse(`{"Version":"2012-10-17","Statement":[`+strings.Join(stmts, ",")+`]}`, fmt.Sprintf("policy.app-%d", i))
}

func (w *world) managedPolicies(cfg genConfig) []*Policy {
	return []*Policy{
		mustParse(`{"Statement":{"Effect":"Allow","Action":["ssm:GetParameter","ssm:GetParameters"],"Resource":"arn:aws:ssm:eu-west-1:123456789012:parameter/app/p-1*"}}`, "managed.read-config"),
		mustParse(`{"Statement":{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:*:123456789012:q-2*"}}`, "managed.queue-workers"),
		mustParse(`{"Statement":{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}}`, "managed.logs"),
		mustParse(`{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/svc-*"}}`, "managed.assume-svc"),
	}
}

func jsonList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// TestGenWorldDeterministic checks the generator: the same seed gives the same account.
func TestGenWorldDeterministic(t *testing.T) {
	cfg := realistic
	cfg.principals, cfg.resources = 50, 40
	a, b := genWorld(cfg), genWorld(cfg)
	for i := range a.principals {
		if len(a.principals[i].Policies[0].Statements) != len(b.principals[i].Policies[0].Statements) {
			t.Fatalf("principal %d differs between runs", i)
		}
	}
}
