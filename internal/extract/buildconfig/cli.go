package buildconfig

// addCLI records the builds of one build command found in a script that starts at line base of the file;
// where says which job, step or make target it is in, notes what was assumed to read it.
func (f *file) addCLI(c cliBuild, base int, where map[string]any, notes []note) {
	b := build{line: base + c.line, args: c.args, target: c.target, where: copyMap(where), notes: notes}
	switch {
	case c.contextRaw.String() == "-":
		b.noDockerfile = "the build reads its Dockerfile or context from standard input"
	case isRemote(c.contextRaw):
		b.remote = c.contextRaw.String()
	case len(c.contextRaw) == 0:
		f.warn(b.line, c.tool+" build without a build context; skipped")
		return
	default:
		b.context = joinText(c.cwd, c.contextRaw)
	}
	switch {
	case b.noDockerfile != "":
	case c.fileStdin:
		b.noDockerfile = "the build reads its Dockerfile from standard input (-f -)"
	case len(c.file) > 0:
		b.dockerfile = joinText(c.cwd, c.file) // -f is relative to the working directory, not the context
	case b.remote == "":
		b.dockerfile, b.dockerfileDefault = joinText(b.context, known("Dockerfile")), true
	}
	if c.tool != "docker" {
		b.where["tool"] = c.tool
	}
	for _, tag := range c.tags {
		t := b
		t.image = tag
		f.add(&t)
	}
}
