// Temporary debugging tool (not committed).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"
)

func main() {
	var files []string
	filepath.Walk(os.Args[1], func(p string, info os.FileInfo, err error) error {
		if strings.HasSuffix(p, ".rego") {
			files = append(files, p)
		}
		return nil
	})
	r := rego.New(rego.Query(os.Args[2]), rego.Load(files, nil))
	rs, err := r.Eval(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.MarshalIndent(rs, "", " ")
	fmt.Println(string(b))
}
