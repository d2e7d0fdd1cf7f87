package webshop_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// linked is the part of the JSON result the link checks read: edges with their attributes and the refused
// links.
type linked struct {
	Edges []struct {
		From  string         `json:"from"`
		To    string         `json:"to"`
		Kind  string         `json:"kind"`
		Attrs map[string]any `json:"attrs"`
		Prov  struct {
			File      string `json:"file"`
			Line      int    `json:"line"`
			Extractor string `json:"extractor"`
		} `json:"provenance"`
	} `json:"edges"`
	Refused []map[string]any `json:"refused_links"`
}

// TestWorkloadsAreJoinedAcrossLayers is issue #3's acceptance over the example: each workload is linked to the
// Dockerfile that builds its image and the lockfile it ships, to the identities it holds, to the way the
// internet reaches it, and to the data stores it reaches — every link with its method, reason and file:line.
func TestWorkloadsAreJoinedAcrossLayers(t *testing.T) {
	_, raw := scan(t)
	var r linked
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range r.Edges {
		have[e.From+" -"+e.Kind+"-> "+e.To] = true
		if !strings.HasPrefix(e.Prov.Extractor, "link/") {
			continue
		}
		if e.Prov.File == "" || e.Prov.Line == 0 {
			t.Errorf("link %s -%s-> %s has no file:line", e.From, e.Kind, e.To)
		}
		if e.Attrs["method"] == "" || e.Attrs["reason"] == "" || e.Attrs["confidence"] == nil {
			t.Errorf("link %s -%s-> %s is not explained: %v", e.From, e.Kind, e.To, e.Attrs)
		}
		if ev, _ := e.Attrs["evidence"].([]any); len(ev) == 0 && e.Kind != "owned-by" && e.Kind != "part-of" {
			t.Errorf("link %s -%s-> %s has no evidence", e.From, e.Kind, e.To)
		}
	}
	img := func(svc, tag string) string { return "image:" + registry + "webshop/" + svc + ":" + tag }
	want := []string{
		// Images to the Dockerfiles that build them (the GitHub workflow's tags) and the lockfiles they ship.
		img("api", "1.4.2") + " -built-from-> dockerfile:services/api/Dockerfile",
		img("api", "1.4.2") + " -contains-> module:services/api/go.mod",
		img("storefront", "2.3.0") + " -built-from-> dockerfile:services/storefront/Dockerfile",
		img("storefront", "2.3.0") + " -contains-> module:services/storefront/package-lock.json",
		img("worker", "0.9.1") + " -built-from-> dockerfile:services/worker/Dockerfile",
		img("worker", "0.9.1") + " -contains-> module:services/worker/requirements.txt",
		// ServiceAccounts to their IRSA roles; pods to the node group whose role the metadata service hands out.
		"k8s:shop/ServiceAccount/api -uses-identity-> " + tfPrefix + "module.irsa_api.aws_iam_role.this",
		"k8s:shop/ServiceAccount/worker -uses-identity-> " + tfPrefix + "module.irsa_worker.aws_iam_role.this",
		"k8s:shop/Deployment/api -runs-on-> " + tfPrefix + "aws_eks_node_group.default",
		// The internet to the Ingress in front of api and storefront.
		"internet -exposes-> k8s:shop/Ingress/webshop",
		// Identities to the data they reach; workloads to the stores they are configured for.
		tfPrefix + "aws_iam_role.node -can-> " + tfPrefix + "aws_s3_bucket.customer_documents",
		tfPrefix + "module.irsa_api.aws_iam_role.this -can-> " + tfPrefix + "aws_s3_bucket.customer_documents",
		tfPrefix + "module.irsa_worker.aws_iam_role.this -can-> " + tfPrefix + "aws_s3_bucket.customer_documents",
		"k8s:shop/Deployment/api -connects-to-> " + tfPrefix + "aws_db_instance.orders",
		"k8s:shop/Deployment/api -connects-to-> " + tfPrefix + "aws_s3_bucket.customer_documents",
		"k8s:shop/Deployment/api -network-reach-> " + tfPrefix + "aws_db_instance.orders",
		// What the stores hold, and so what the workloads handle.
		tfPrefix + "aws_s3_bucket.customer_documents -holds-> data-class:pii",
		tfPrefix + "aws_db_instance.orders -holds-> data-class:pci",
		"k8s:shop/Deployment/api -handles-> data-class:pii",
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	sort.Strings(missing)
	if diff := cmp.Diff([]string(nil), missing); diff != "" {
		t.Errorf("links missing (-want +got):\n%s", diff)
	}
	// The storefront's pods hold no cloud role of their own (the default ServiceAccount has none) and the
	// worker's role is not the api's: the links must not cross.
	for _, never := range []string{
		"k8s:shop/ServiceAccount/default -uses-identity-> " + tfPrefix + "module.irsa_api.aws_iam_role.this",
		"k8s:shop/ServiceAccount/api -uses-identity-> " + tfPrefix + "module.irsa_worker.aws_iam_role.this",
	} {
		if have[never] {
			t.Errorf("wrong link %s", never)
		}
	}
	if len(r.Refused) != 0 {
		t.Errorf("the example's joins are all consistent; refused: %v", r.Refused)
	}
}
