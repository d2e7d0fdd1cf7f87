package dockerfile

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/redact"
)

// TestMaskCommand covers the ways a secret reaches a RUN command line and commands that must stay as they
// are (the RUN-command controls read downloads piped into shells, apt pins, sudo).
func TestMaskCommand(t *testing.T) {
	tests := []struct{ in, want string }{
		{`curl -fsSL https://get.example.com/install.sh | sh`, `curl -fsSL https://get.example.com/install.sh | sh`},
		{`apt-get install -y curl=7.88.1-10 ca-certificates=20230311`, `apt-get install -y curl=7.88.1-10 ca-certificates=20230311`},
		{`NPM_TOKEN=npm_4Fj2kLm9Qx npm ci`, `NPM_TOKEN=[redacted] npm ci`},
		{`export API_KEY="s3cr3t value" && ./build.sh`, `export API_KEY=[redacted] && ./build.sh`},
		{`mysql --password=hunter22 -e 'select 1'`, `mysql --password=[redacted] -e 'select 1'`},
		{`docker login --password s3cr3tpw registry.example.com`, `docker login --password [redacted] registry.example.com`},
		{`curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" https://api.example.com`, `curl -H "Authorization: Bearer [redacted]" https://api.example.com`},
		{`curl -u deploy:Pa55word https://repo.example.com/pkg.tgz -o pkg.tgz`, `curl -u deploy:[redacted] https://repo.example.com/pkg.tgz -o pkg.tgz`},
		{`git clone https://bot:ghp_abcdef123456@github.com/acme/tools.git`, `git clone https://bot:[redacted]@github.com/acme/tools.git`},
		{`aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE`, "aws configure set aws_access_key_id " + redact.MaskKeyID("AKIAIOSFODNN7EXAMPLE")},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, maskCommand(tc.in)); diff != "" {
			t.Errorf("maskCommand(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
