package gen

import (
	"fmt"
	"strings"
)

// Dockerfiles: one per application directory, matching the directory's ecosystem. Each has global ARGs used
// in FROM, a build stage and a runtime stage (COPY --from), and a mix of the things an image review looks
// at: a USER or none, EXPOSE, ENV from ARG with a secret-looking name now and then, ADD from a URL.

// dockerStages are the build and runtime stages per ecosystem, as format strings taking the lockfile name.
var dockerStages = map[string][2]string{
	"go.mod": {"ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine AS build\nWORKDIR /src\nCOPY go.mod ./\n" +
		"RUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./...\n",
		"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n"},
	"package-lock.json": {"ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine AS build\nWORKDIR /app\n" +
		"COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n",
		"FROM node:${NODE_VERSION}-alpine\nWORKDIR /app\nCOPY --from=build /app /app\nCMD [\"node\", \"index.js\"]\n"},
	"requirements.txt": {"ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim AS build\nWORKDIR /app\n" +
		"COPY requirements.txt ./\nRUN pip install --prefix=/install --no-cache-dir -r requirements.txt\n",
		"FROM python:${PYTHON_VERSION}-slim\nCOPY --from=build /install /usr/local\nCOPY . /app\n" +
			"CMD [\"python\", \"/app/main.py\"]\n"},
	"poetry.lock": {"ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION} AS build\nRUN pip install poetry==1.8.3\n" +
		"WORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry export -o requirements.txt && pip install --prefix=/install -r requirements.txt\n",
		"FROM python:${PYTHON_VERSION}-slim\nCOPY --from=build /install /usr/local\nCOPY . /app\n" +
			"CMD [\"gunicorn\", \"app:app\"]\n"},
	"Cargo.lock": {"FROM rust:1.77 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\n" +
		"RUN cargo build --release\n",
		"FROM debian:bookworm-slim\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nCMD [\"app\"]\n"},
	"Gemfile.lock": {"ARG RUBY_VERSION=3.3\nFROM ruby:${RUBY_VERSION} AS build\nWORKDIR /app\n" +
		"COPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n",
		"FROM ruby:${RUBY_VERSION}-slim\nWORKDIR /app\nCOPY --from=build /usr/local/bundle /usr/local/bundle\n" +
			"COPY --from=build /app /app\nCMD [\"bundle\", \"exec\", \"puma\"]\n"},
	"pom.xml": {"FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /src\nCOPY pom.xml ./\n" +
		"RUN mvn -q dependency:go-offline\nCOPY src ./src\nRUN mvn -q package -DskipTests\n",
		"FROM eclipse-temurin:21-jre\nCOPY --from=build /src/target/app.jar /app.jar\n" +
			"ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"},
	"composer.lock": {"FROM composer:2 AS build\nWORKDIR /app\nCOPY composer.json composer.lock ./\n" +
		"RUN composer install --no-dev --no-scripts\nCOPY . .\n",
		"FROM php:8.3-fpm-alpine\nCOPY --from=build /app /var/www/html\nCMD [\"php-fpm\"]\n"},
}

// dockerfile writes the Dockerfile of an application of the ecosystem whose lockfile is lock.
func dockerfile(r *rng, lock string) string {
	st := dockerStages[lock]
	var b strings.Builder
	fmt.Fprintf(&b, "# syntax=docker/dockerfile:1\n# Generated build of one benchmark application (%s).\n", lock)
	b.WriteString("ARG VERSION=0.0.0\n")
	b.WriteString(st[0])
	b.WriteString("\n")
	runtime := st[1]
	from, rest, _ := strings.Cut(runtime, "\n")
	b.WriteString(from + "\nARG VERSION\n")
	fmt.Fprintf(&b, "LABEL org.opencontainers.image.version=$VERSION org.opencontainers.image.vendor=\"Acme\"\n")
	if r.chance(10) {
		b.WriteString("ARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n")
	}
	if r.chance(5) {
		fmt.Fprintf(&b, "ADD https://downloads.acme.example/certs/%s.pem /etc/ssl/certs/acme.pem\n", r.word())
	}
	// The runtime stage's last line is its CMD or ENTRYPOINT; EXPOSE and USER go before it, as usual.
	body := strings.TrimSuffix(rest, "\n")
	start, cmd := "", body
	if i := strings.LastIndex(body, "\n"); i >= 0 {
		start, cmd = body[:i+1], body[i+1:]
	}
	b.WriteString(start)
	fmt.Fprintf(&b, "EXPOSE %d\n", pick(r, []int{8080, 3000, 8000, 9000}))
	if r.chance(60) {
		b.WriteString("USER 10001\n")
	}
	b.WriteString(cmd + "\n")
	return b.String()
}

// genApps writes the application directories: lockfile i and Dockerfile i into apps/app-i. Only the
// lockfiles are written, not the manifests beside them (package.json, Cargo.toml...): Seam reads lockfiles.
func genApps(w *writer, opt Options) {
	lockRNG := newRNG(opt.Seed, "lockfiles")
	dockerRNG := newRNG(opt.Seed, "dockerfiles")
	for i := 0; i < appCount(opt); i++ {
		eco := ecosystems[i%len(ecosystems)]
		dir := appDir(i)
		if i < opt.Lockfiles {
			ls := newLockSet(lockRNG, fmt.Sprintf("app-%04d", i), eco)
			w.file(dir+"/"+eco.file, eco.write(ls))
		}
		if i < opt.Dockerfiles {
			w.file(dir+"/Dockerfile", dockerfile(dockerRNG, eco.file))
		}
	}
}
