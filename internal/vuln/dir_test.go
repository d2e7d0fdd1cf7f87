package vuln

import (
	"path/filepath"
	"testing"
)

func TestDefaultDir(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SEAM_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, filepath.FromSlash("/c/vulndb")},
		{map[string]string{"XDG_CACHE_HOME": "/x", "HOME": "/h"}, filepath.FromSlash("/x/seam/vulndb")},
		{map[string]string{"HOME": "/h"}, filepath.FromSlash("/h/.cache/seam/vulndb")},
	}
	for _, tt := range tests {
		got, err := DefaultDir(func(k string) string { return tt.env[k] })
		if err != nil || got != tt.want {
			t.Errorf("DefaultDir(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
	if _, err := DefaultDir(func(string) string { return "" }); err == nil {
		t.Error("no environment: want an error")
	}
}
