package vuln

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPackageFromPURL(t *testing.T) {
	tests := []struct {
		purl string
		want Package // ID is the PURL; left out here
		ok   bool
	}{
		{"pkg:golang/github.com/gin-gonic/gin@v1.9.1", Package{Ecosystem: "Go", Name: "github.com/gin-gonic/gin", Version: "v1.9.1"}, true},
		{"pkg:golang/stdlib@1.22.3", Package{Ecosystem: "Go", Name: "stdlib", Version: "1.22.3"}, true},
		{"pkg:npm/%40fictional/left-trim@3.1.0", Package{Ecosystem: "npm", Name: "@fictional/left-trim", Version: "3.1.0"}, true},
		{"pkg:npm/express@4.17.1", Package{Ecosystem: "npm", Name: "express", Version: "4.17.1"}, true},
		{"pkg:pypi/requests@2.31.0", Package{Ecosystem: "PyPI", Name: "requests", Version: "2.31.0"}, true},
		{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Package{Ecosystem: "Maven", Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1"}, true},
		{"pkg:gem/rack@2.2.3", Package{Ecosystem: "RubyGems", Name: "rack", Version: "2.2.3"}, true},
		{"pkg:cargo/serde@1.0.190", Package{Ecosystem: "crates.io", Name: "serde", Version: "1.0.190"}, true},
		{"pkg:composer/symfony/http-kernel@5.4.0", Package{Ecosystem: "Packagist", Name: "symfony/http-kernel", Version: "5.4.0"}, true},
		{"pkg:nuget/Newtonsoft.Json@12.0.3", Package{Ecosystem: "NuGet", Name: "Newtonsoft.Json", Version: "12.0.3"}, true},
		{"pkg:pub/http@0.13.5", Package{Ecosystem: "Pub", Name: "http", Version: "0.13.5"}, true},
		{"pkg:hex/plug@1.6.13", Package{Ecosystem: "Hex", Name: "plug", Version: "1.6.13"}, true},
		{"pkg:swift/github.com/apple/swift-nio@2.40.0", Package{Ecosystem: "SwiftURL", Name: "github.com/apple/swift-nio", Version: "2.40.0"}, true},
		{"pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12", Package{Ecosystem: "Debian:12", Name: "openssl", Version: "3.0.11-1~deb12u1"}, true},
		{"pkg:deb/debian/openssl@1.1.1n-0+deb11u5?distro=bullseye", Package{Ecosystem: "Debian:11", Name: "openssl", Version: "1.1.1n-0+deb11u5"}, true},
		{"pkg:deb/debian/openssl@3.0.11-1?distro=debian-12.5", Package{Ecosystem: "Debian:12", Name: "openssl", Version: "3.0.11-1"}, true},
		{"pkg:deb/debian/openssl@3.0.11-1", Package{Ecosystem: "Debian", Name: "openssl", Version: "3.0.11-1"}, true},
		{"pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.10?distro=ubuntu-22.04", Package{Ecosystem: "Ubuntu:22.04:LTS", Name: "openssl", Version: "3.0.2-0ubuntu1.10"}, true},
		{"pkg:deb/ubuntu/openssl@3.0.10-1ubuntu2?distro=ubuntu-23.10", Package{Ecosystem: "Ubuntu:23.10", Name: "openssl", Version: "3.0.10-1ubuntu2"}, true},
		{"pkg:apk/alpine/busybox@1.36.1-r5?distro=alpine-3.19.1", Package{Ecosystem: "Alpine:v3.19", Name: "busybox", Version: "1.36.1-r5"}, true},
		{"pkg:apk/alpine/busybox@1.36.1-r5?distro=v", Package{Ecosystem: "Alpine", Name: "busybox", Version: "1.36.1-r5"}, true},
		{"pkg:maven/log4j-core@2.14.1", Package{}, false}, // Maven without a group
		{"pkg:npm/express", Package{}, false},            // no version
		{"pkg:generic/openssl@3.0.0", Package{}, false},  // no OSV ecosystem
		{"pkg:deb/kali/openssl@3.0.0", Package{}, false}, // a distribution OSV does not cover
		{"not a purl", Package{}, false},
	}
	for _, tt := range tests {
		got, ok := PackageFromPURL(tt.purl)
		if ok {
			if got.ID != tt.purl {
				t.Errorf("%s: ID %q", tt.purl, got.ID)
			}
			got.ID = ""
		}
		if ok != tt.ok || !cmp.Equal(tt.want, got) {
			t.Errorf("%s: got %+v %v, want %+v %v", tt.purl, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ eco, name, want string }{
		{"PyPI", "Fictional__Parser", "fictional-parser"},
		{"pypi", "zope.interface", "zope-interface"},
		{"crates.io", "Fictional_Zip", "fictional-zip"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"Packagist", "Symfony/Http-Kernel", "symfony/http-kernel"},
		{"Debian:12", "OpenSSL", "openssl"},
		{"Go", "github.com/BurntSushi/toml", "github.com/BurntSushi/toml"},
		{"npm", "JSONStream", "JSONStream"},
		{"Maven", "org.Example:Core", "org.Example:Core"},
		{"RubyGems", " rack ", "rack"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.eco, tt.name); got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.eco, tt.name, got, tt.want)
		}
	}
	if got := CanonicalEcosystem(" debian:12 "); got != "Debian:12" {
		t.Errorf("CanonicalEcosystem: %q", got)
	}
}
