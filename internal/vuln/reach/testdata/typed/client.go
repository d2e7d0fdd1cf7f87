// Fixture: a method name shared by two types. net/http's Client.Do is vulnerable (a made-up advisory);
// the module calls Do only on a value declared as its own type (line 21) and on a bytes.Buffer's Reset.
// Expected: {net/http, [Client.Do]} not reachable (the receiver is declared with another type);
// {net/http, [Client.Get]} reachable at client.go:22 (c is declared *http.Client); {net/http, [Get]}
// not reachable (http.Get is not called: c.Get is a method).
package typed

import (
	"bytes"
	"net/http"
)

type runner struct{}

func (runner) Do() {}

// Run uses the local Do and the client's Get.
func Run(c *http.Client) {
	var r runner
	var b bytes.Buffer
	r.Do()
	_, _ = c.Get("http://127.0.0.1/")
	b.Reset()
}
