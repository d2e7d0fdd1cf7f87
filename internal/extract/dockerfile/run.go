package dockerfile

import (
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// runEntry renders a RUN instruction: {line, stage, command, exec?}. The command is the instruction's
// command line as written (exec form joined by spaces, exec: true), each heredoc's body on the lines after
// it, with secret values masked (maskCommand): controls read what an image's build runs (a download piped
// into a shell, unpinned packages, sudo), and a command line is where build secrets get pasted.
func runEntry(c *instructions.RunCommand, stage, line int) map[string]any {
	cmd := strings.Join(c.CmdLine, " ")
	for _, f := range c.Files {
		cmd += "\n" + f.Data
	}
	m := map[string]any{"line": line, "stage": stage, "command": maskCommand(cmd)}
	if !c.PrependShell {
		m["exec"] = true
	}
	return m
}

// The shapes of a secret on a command line: NAME=value where the name looks secret (as SecretLike decides
// for ENV), --flag value or --flag=value where the flag names a password, secret, token or key, an
// Authorization header's credentials, and curl's --user name:password.
var (
	secretAssign = regexp.MustCompile(`(?i)\b([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL)[A-Z0-9_]*=)("[^"]*"|'[^']*'|[^\s;&|]+)`)
	secretFlag   = regexp.MustCompile(`(?i)(\s--?[a-z0-9-]*(?:password|passwd|secret|token|api-?key)[a-z0-9-]*(?:=|\s+))("[^"]*"|'[^']*'|[^\s;&|-][^\s;&|]*)`)
	authHeader   = regexp.MustCompile(`(?i)(authorization:\s*(?:bearer|basic|token)\s+)[^\s"']+`)
	userPassword = regexp.MustCompile(`(\s(?:-u|--user)(?:=|\s+)["']?[^:\s"']+:)[^\s"']+`)
)

// maskCommand replaces the secret values of a command line with model.Redacted, and masks URL passwords and
// AWS access key IDs as every extractor does (redact.Value).
func maskCommand(s string) string {
	s = secretAssign.ReplaceAllString(s, "${1}"+model.Redacted)
	s = secretFlag.ReplaceAllString(s, "${1}"+model.Redacted)
	s = authHeader.ReplaceAllString(s, "${1}"+model.Redacted)
	s = userPassword.ReplaceAllString(s, "${1}"+model.Redacted)
	return redact.Value(s)
}
