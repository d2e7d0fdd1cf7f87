package lockfile

import (
	"bytes"
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/language/java/javalockfile"
)

// pomNotes: a POM lists the dependencies the project declares (its own and its parents'), never the
// transitive ones, so every package is direct. The scope is Maven's (compile when unset); test-scoped
// dependencies are dev.
func pomNotes(source) formatNotes {
	return formatNotes{tellsDirect: true, note: func(p *extractor.Package) pkgNote {
		scope := "compile"
		if m, ok := p.Metadata.(*javalockfile.Metadata); ok && len(m.DepGroupVals) > 0 {
			scope = m.DepGroupVals[0]
		}
		return pkgNote{direct: yes, scope: scope, dev: flagOf(scope == "test")}
	}}
}

// gradleNotes reads the configurations after "=" on the package's line (scalibr gives the line but drops
// them): they are the scope, and a package only on test configurations ("testCompileClasspath", ...) is dev.
// Gradle lock state does not record which dependencies are declared, so there are no direct flags.
func gradleNotes(src source) formatNotes {
	lines := bytes.Split(src.content, []byte("\n"))
	return formatNotes{typ: baseName(src.path), note: func(p *extractor.Package) pkgNote {
		ln := descriptorLine(p)
		if ln < 1 || ln > len(lines) {
			return pkgNote{}
		}
		_, cfgs, ok := strings.Cut(strings.TrimSpace(string(lines[ln-1])), "=")
		if !ok || cfgs == "" {
			return pkgNote{}
		}
		allTest := true
		for _, c := range strings.Split(cfgs, ",") {
			allTest = allTest && strings.HasPrefix(c, "test")
		}
		return pkgNote{scope: cfgs, dev: flagOf(allTest)}
	}}
}
