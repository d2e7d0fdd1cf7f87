package dockerfile

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// genDockerfile writes a realistic multi-stage Dockerfile: global ARGs, a build stage with lockfile copies and
// RUN continuations, a runtime stage with ENV, USER, EXPOSE, HEALTHCHECK and ENTRYPOINT (about 45 lines).
func genDockerfile(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# syntax=docker/dockerfile:1\n# service %d\nARG NODE_VERSION=20.%d\nARG BASE=node:${NODE_VERSION}-alpine\n", i, i%10)
	fmt.Fprintf(&b, "FROM ${BASE} AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\n")
	b.WriteString("RUN --mount=type=cache,target=/root/.npm \\\n    npm ci --omit=dev && \\\n    npm cache clean --force\n")
	fmt.Fprintf(&b, "FROM deps AS build\nCOPY . .\nRUN npm run build\n")
	for j := 0; j < 8; j++ {
		fmt.Fprintf(&b, "ENV FEATURE_%d=on SERVICE_%d_TOKEN=t%d\n", j, j, j)
	}
	fmt.Fprintf(&b, "FROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime\nWORKDIR /srv\n")
	fmt.Fprintf(&b, "COPY --from=build --chown=nonroot /app/dist ./dist\nCOPY --from=deps /app/node_modules ./node_modules\n")
	fmt.Fprintf(&b, "LABEL org.opencontainers.image.title=svc-%d org.opencontainers.image.source=https://github.com/acme/svc-%d\n", i, i)
	fmt.Fprintf(&b, "ENV PORT=%d NODE_ENV=production\nUSER nonroot\nEXPOSE ${PORT}/tcp 9464\n", 3000+i%1000)
	b.WriteString("HEALTHCHECK --interval=15s --timeout=2s CMD [\"/nodejs/bin/node\", \"dist/health.js\"]\n")
	b.WriteString("ENTRYPOINT [\"/nodejs/bin/node\"]\nCMD [\"dist/server.js\"]\n")
	for j := 0; j < 10; j++ {
		fmt.Fprintf(&b, "# note %d: keep the runtime image small\n", j)
	}
	return []byte(b.String())
}

// BenchmarkExtract reads 200 generated Dockerfiles (a large monorepo's worth) per iteration.
func BenchmarkExtract(b *testing.B) {
	const files = 200
	fsys := fstest.MapFS{}
	var paths []string
	for i := 0; i < files; i++ {
		p := fmt.Sprintf("services/svc-%03d/Dockerfile", i)
		fsys[p] = &fstest.MapFile{Data: genDockerfile(i)}
		paths = append(paths, p)
	}
	e := New()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range paths {
			f, err := e.Extract(ctx, extract.Input{FS: fsys, Paths: []string{p}})
			if err != nil || len(f.Nodes) == 0 {
				b.Fatalf("%s: %v %+v", p, err, f.Diagnostics)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}
