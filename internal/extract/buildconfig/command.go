package buildconfig

import (
	"strings"
)

// cliBuild is one image build command found in a script: `docker build`, `docker buildx build`, `docker image
// build`, `podman build`, `buildah bud`, `nerdctl build`.
type cliBuild struct {
	line       int // offset of the command's first line in the script
	tool       string
	tags       []text
	file       text // -f as given, relative to the working directory
	context    text
	target     text
	args       []string
	fileStdin  bool
	cwd        text // the working directory the command runs in
	contextRaw text
}

// buildFlagsWithValue are the flags of docker build, buildx build, podman build and buildah bud that take a
// value as the next word (from the tools' reference pages). Any other flag is read as a switch, so that a
// flag Seam does not know cannot swallow the build context.
var buildFlagsWithValue = map[string]bool{
	"-t": true, "--tag": true, "-f": true, "--file": true, "--target": true, "--build-arg": true,
	"--platform": true, "--label": true, "--cache-from": true, "--cache-to": true, "--secret": true, "--ssh": true,
	"-o": true, "--output": true, "--progress": true, "--network": true, "--add-host": true, "--iidfile": true,
	"--metadata-file": true, "--builder": true, "--attest": true, "--allow": true, "--annotation": true,
	"--build-context": true, "--cgroup-parent": true, "--shm-size": true, "--ulimit": true, "-m": true,
	"--memory": true, "--memory-swap": true, "--isolation": true, "--security-opt": true, "--cpu-shares": true,
	"-c": true, "--cpu-period": true, "--cpu-quota": true, "--cpuset-cpus": true, "--cpuset-mems": true,
	"--build-arg-file": true, "--authfile": true, "--creds": true, "--format": true, "--manifest": true,
	"--os": true, "--arch": true, "--variant": true, "--jobs": true, "--timestamp": true, "-v": true,
	"--volume": true, "--env": true, "--from": true, "--runtime": true, "--sign-by": true, "--cert-dir": true,
	"--userns": true, "--layer-label": true, "--unsetenv": true, "--unsetlabel": true, "--hooks-dir": true,
}

// dockerGlobalWithValue are docker's and podman's global flags that take a value (before the subcommand).
var dockerGlobalWithValue = map[string]bool{
	"-H": true, "--host": true, "-c": true, "--context": true, "--config": true, "-l": true, "--log-level": true,
	"--tlscacert": true, "--tlscert": true, "--tlskey": true, "--connection": true, "--url": true,
	"--identity": true, "--root": true, "--runroot": true, "--storage-driver": true, "--namespace": true,
	"-n": true, "--address": true,
}

// builds finds the image builds in a script's commands. cwd is the directory the script starts in (a slash
// path relative to the scanned root); `cd DIR` changes it for the commands after it.
func builds(cmds []command, cwd text) []cliBuild {
	var out []cliBuild
	for _, c := range cmds {
		words := stripPrefix(c.words)
		if len(words) == 0 {
			continue
		}
		if words[0].String() == "cd" {
			if len(words) > 1 {
				cwd = joinText(cwd, words[1])
			}
			continue
		}
		tool, args, ok := buildArgs(words)
		if !ok {
			continue
		}
		b := parseBuild(args)
		b.line, b.tool, b.cwd = c.line, tool, cwd
		if len(b.contextRaw) > 0 || len(b.tags) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// stripPrefix drops what may come before the command itself: variable assignments, sudo, time, exec, command.
func stripPrefix(words []text) []text {
	for len(words) > 0 {
		w := words[0].String()
		switch {
		case w == "sudo" || w == "time" || w == "exec" || w == "command" || w == "env":
			words = words[1:]
		case isAssignment(words[0]):
			words = words[1:]
		default:
			return words
		}
	}
	return words
}

func isAssignment(t text) bool {
	if len(t) == 0 || t[0].unknown {
		return false
	}
	name, _, ok := strings.Cut(t[0].s, "=")
	return ok && isShellName(name)
}

// buildArgs recognises a build command and returns the tool and the words after the build subcommand.
func buildArgs(words []text) (tool string, args []text, ok bool) {
	tool = words[0].String()
	if i := strings.LastIndexByte(tool, '/'); i >= 0 {
		tool = tool[i+1:] // /usr/bin/docker
	}
	rest := words[1:]
	switch tool {
	case "docker", "podman", "nerdctl":
		rest = skipGlobalFlags(rest)
		if len(rest) == 0 {
			return "", nil, false
		}
		switch rest[0].String() {
		case "build":
			return tool, rest[1:], true
		case "buildx", "image", "builder":
			sub := skipGlobalFlags(rest[1:])
			if len(sub) > 0 && sub[0].String() == "build" {
				return tool, sub[1:], true
			}
		}
	case "buildah":
		rest = skipGlobalFlags(rest)
		if len(rest) > 0 && (rest[0].String() == "bud" || rest[0].String() == "build" || rest[0].String() == "build-using-dockerfile") {
			return tool, rest[1:], true
		}
	}
	return "", nil, false
}

// skipGlobalFlags skips flags before a subcommand.
func skipGlobalFlags(words []text) []text {
	for len(words) > 0 && words[0].hasPrefix("-") {
		f := words[0].String()
		words = words[1:]
		if dockerGlobalWithValue[f] && len(words) > 0 {
			words = words[1:]
		}
	}
	return words
}

// parseBuild reads the flags and the context argument of a build command. The last positional word is the
// context (the tools take exactly one).
func parseBuild(args []text) cliBuild {
	var b cliBuild
	for i := 0; i < len(args); i++ {
		w := args[i]
		if !w.hasPrefix("-") || w.String() == "-" {
			b.contextRaw = w
			continue
		}
		flag, val, hasVal := splitFlag(w)
		if !hasVal && buildFlagsWithValue[flag] && i+1 < len(args) {
			i++
			val, hasVal = args[i], true
		}
		if !hasVal {
			continue
		}
		switch flag {
		case "-t", "--tag":
			b.tags = append(b.tags, val)
		case "-f", "--file":
			if len(b.file) == 0 {
				b.file = val
				b.fileStdin = val.String() == "-"
			}
		case "--target":
			b.target = val
		case "--build-arg":
			name, _, _ := strings.Cut(val.String(), "=")
			b.args = append(b.args, name)
		}
	}
	return b
}

// splitFlag cuts "--tag=x" into "--tag" and "x", and a short flag with its value attached ("-tapi") into
// "-t" and "api".
func splitFlag(w text) (flag string, val text, ok bool) {
	first := w[0].s
	if strings.HasPrefix(first, "--") {
		name, v, found := strings.Cut(first, "=")
		if !found {
			return w.String(), nil, false
		}
		return name, cat(known(v), w[1:]), true
	}
	if len(first) > 2 && buildFlagsWithValue[first[:2]] {
		return first[:2], cat(known(strings.TrimPrefix(first[2:], "=")), w[1:]), true
	}
	if len(first) == 2 && len(w) > 1 && buildFlagsWithValue[first] {
		return first, w[1:], true // -t${TAG}
	}
	return w.String(), nil, false
}
