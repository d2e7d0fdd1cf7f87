// Command seam reads a repository into one graph of application and infrastructure facts. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/seam-sec/seam/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
