package data

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

func TestClassesOf(t *testing.T) {
	cs := &classSet{byName: map[string]*declaredClass{"customer-data": {name: "customer-data"}}}
	tests := []struct {
		value   string
		classes []string
		unknown []string
		none    bool
	}{
		{"pii", []string{"pii"}, nil, false},
		{"PII", []string{"pii"}, nil, false},
		{"PCI, PII", []string{"pci", "pii"}, nil, false},
		{"pci-dss;phi", []string{"pci", "phi"}, nil, false},
		{"Personal Data", []string{"pii"}, nil, false}, // a known word with a space
		{"pii secret", []string{"pii", "confidential"}, nil, false},
		{"personal_data", []string{"pii"}, nil, false},
		{"secret", []string{"confidential"}, nil, false}, // a level, not credentials
		{"Confidential", []string{"confidential"}, nil, false},
		{"credentials", []string{"credentials"}, nil, false},
		{"customer-data", []string{"customer-data"}, nil, false}, // declared in seam.yaml
		{"public", nil, nil, true},
		{"internal|pii", []string{"pii"}, nil, true},
		{"gold", nil, []string{"gold"}, false},
		{"", nil, nil, false},
	}
	for _, tt := range tests {
		classes, unknown, none := cs.classesOf(tt.value)
		if len(classes) == 0 {
			classes = nil
		}
		if diff := cmp.Diff([]any{tt.classes, tt.unknown, tt.none}, []any{classes, unknown, none}); diff != "" {
			t.Errorf("classesOf(%q) (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestConventionalKeys(t *testing.T) {
	for key, want := range map[string]bool{
		"data_classification": true, "data-classification": true, "dataClassification": true,
		"DataClassification": true, "classification": true, "Sensitivity": true, "data_class": true,
		"acme.com/data-classification": true, "owner": false, "data": false, "class": false,
	} {
		if got := conventionalKeys[normalizeKey(key)]; got != want {
			t.Errorf("%q conventional = %v, want %v", key, got, want)
		}
	}
}

func TestCompareNames(t *testing.T) {
	tests := []struct {
		resource, store string
		conf            link.Confidence
		want            link.Confidence // 0: no match
	}{
		{"customer-documents", "customer-documents", link.High, link.High},
		{"Customer-Documents", "customer-documents", link.High, link.High},
		{"orders-db", "orders", link.Medium, link.Low},                    // without its kind word
		{"orders_db", "orders", link.Medium, link.Low},                    // "_" as "-"
		{"db-orders", "orders", link.High, link.Medium},                   // kind word in front
		{"orders-db", "webshop-prod-orders", link.High, link.Low},         // one segment of an identifier
		{"orders-db", "webshop-prod-orders", link.Medium, 0},              // only identifiers are searched inside
		{"ord", "webshop-prod-orders", link.High, 0},                      // not a whole segment
		{"db", "db", link.High, 0},                                        // too short to mean anything
		{"payments", "payments-prod", link.High, link.Low},                // a segment
		{"customer-documents", "customer-docs", link.High, 0},             // different
		{"audit-archive", "acme-audit-archive-logs", link.High, link.Low}, // two segments in a row
	}
	for _, tt := range tests {
		got, _, ok := compareNames(tt.resource, tt.store, tt.conf)
		if !ok {
			got = 0
		}
		if got != tt.want {
			t.Errorf("compareNames(%q, %q, %v) = %v, want %v", tt.resource, tt.store, tt.conf, got, tt.want)
		}
	}
}

func TestScanValue(t *testing.T) {
	tests := []struct {
		value string
		want  []nameRef
	}{
		{"customer-documents", []nameRef{{name: "customer-documents", form: "name"}}},
		{"s3://acme-exports/daily/", []nameRef{{kind: kindBucket, name: "acme-exports", form: "s3 URL"}}},
		{"s3://acme-exports", []nameRef{{kind: kindBucket, name: "acme-exports", form: "s3 URL"}}},
		{"arn:aws:s3:::acme-exports/uploads/*", []nameRef{{kind: kindBucket, name: "acme-exports", form: "ARN"}}},
		{"https://acme-exports.s3.eu-west-1.amazonaws.com/x.pdf",
			[]nameRef{{kind: kindBucket, name: "acme-exports", region: "eu-west-1", form: "S3 host name"}}},
		{"arn:aws:dynamodb:eu-west-1:111122223333:table/sessions/stream/2024",
			[]nameRef{{kind: kindTable, name: "sessions", region: "eu-west-1", account: "111122223333", form: "ARN"}}},
		{"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs.fifo",
			[]nameRef{{kind: kindQueue, name: "jobs.fifo", region: "eu-west-1", account: "111122223333", form: "SQS queue URL"}}},
		{"arn:aws:sns:us-east-1:111122223333:alerts:0b1c", []nameRef{{kind: kindTopic, name: "alerts", region: "us-east-1",
			account: "111122223333", form: "ARN"}}},
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf", []nameRef{{kind: kindSecret,
			name: "prod/db-AbCdEf", region: "eu-west-1", account: "111122223333", form: "ARN"}}},
		{"arn:aws:ssm:eu-west-1:111122223333:parameter/shop/flags", []nameRef{{kind: kindParameter, name: "/shop/flags",
			region: "eu-west-1", account: "111122223333", form: "ARN"}}},
		{"arn:aws:rds:eu-west-1:111122223333:db:orders", []nameRef{{kind: kindDB, name: "orders", region: "eu-west-1",
			account: "111122223333", form: "ARN"}}},
		{"orders.c9akciq32.eu-west-1.rds.amazonaws.com", []nameRef{{name: "orders.c9akciq32.eu-west-1.rds.amazonaws.com", form: "name"},
			{kind: kindDB, name: "orders", region: "eu-west-1", form: "RDS endpoint"}}},
		{"jdbc:postgresql://pay.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com:5432/pay",
			[]nameRef{{kind: kindCluster, name: "pay", region: "eu-west-1", form: "RDS endpoint"}}},
		{"https://api.partner.example/v1", nil},
		{"a b c", nil},
		{"", nil},
		{"arn:aws:iam::111122223333:role/x", nil}, // not a data store
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, scanValue(tt.value), cmp.AllowUnexported(nameRef{})); diff != "" {
			t.Errorf("scanValue(%q) (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestSelectorAndSourceDir(t *testing.T) {
	sel, ok := parseSelector("app=billing, tier==backend")
	if !ok || !sel.matches(map[string]string{"app": "billing", "tier": "backend", "x": "y"}) || sel.matches(map[string]string{"app": "billing"}) {
		t.Errorf("parseSelector: %v %v", sel, ok)
	}
	for _, bad := range []string{"app!=x", "app in (a,b)", "", "=x"} {
		if _, ok := parseSelector(bad); ok {
			t.Errorf("parseSelector(%q) accepted", bad)
		}
	}
	for loc, want := range map[string]string{
		"url:https://github.com/acme/shop/tree/main/infra/terraform": "infra/terraform",
		"url:https://github.com/acme/shop/blob/v1/infra/db.tf":       "infra/db.tf",
		"url:https://gitlab.example/acme/shop/-/tree/main/deploy/":   "deploy",
		"url:https://github.com/acme/shop":                           "",
	} {
		if got := sourceDir(loc); got != want {
			t.Errorf("sourceDir(%q) = %q, want %q", loc, got, want)
		}
	}
}

// TestMerge: the surest route decides; ties go to the method declared first; evidence and methods are every
// route's.
func TestMerge(t *testing.T) {
	ev := func(line int) model.Evidence { return model.Evidence{File: "f", Line: line, What: "x"} }
	got := merge([]link.Link{
		{Method: methodDefault, Confidence: link.High, Reason: "default", Evidence: []model.Evidence{ev(1)}},
		{Method: methodLabel, Confidence: link.High, Reason: "label", Evidence: []model.Evidence{ev(2), ev(1)},
			Attrs: map[string]any{"a": 1}},
		{Method: methodCatalog, Confidence: link.Medium, Reason: "catalog", Evidence: []model.Evidence{ev(3)},
			Assumptions: []string{"assumed"}, Attrs: map[string]any{"a": 2, "b": 3}},
	})
	want := link.Link{Method: methodLabel, Confidence: link.High, Reason: "label",
		Evidence: []model.Evidence{ev(2), ev(1), ev(3)}, Assumptions: []string{"assumed"},
		Attrs: map[string]any{"a": 1, "b": 3, "methods": []any{methodCatalog, methodDefault, methodLabel}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
}

// FuzzScanValue: scanning never panics, and every name it finds is in the value as written.
func FuzzScanValue(f *testing.F) {
	for _, s := range []string{"s3://b/x", "arn:aws:s3:::b", "arn:aws:dynamodb:eu-west-1:111122223333:table/t",
		"https://sqs.eu-west-1.amazonaws.com/111122223333/q", "db.abcdef.eu-west-1.rds.amazonaws.com",
		"arn:aws:ssm:eu-west-1:111122223333:parameter/p", "bucket.s3.amazonaws.com", "plain-name"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, r := range scanValue(v) {
			name := strings.TrimPrefix(r.name, "/")
			if r.name == "" || !strings.Contains(v, name) {
				t.Fatalf("scanValue(%q) found %+v, which is not in the value", v, r)
			}
		}
	})
}
