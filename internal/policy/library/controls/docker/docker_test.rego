# Tests of the Dockerfile controls. bad and good are trimmed from `seam graph` over two Dockerfiles:
#   bad:  FROM ubuntu; ARG GITHUB_TOKEN=ghp_…; ENV DB_PASSWORD=…; ADD https://…/tool.tar.gz; RUN apt-get
#         install -y curl sudo; RUN curl … | sh; RUN sudo make install; EXPOSE 22 8080; USER root; no HEALTHCHECK
#   good: golang:1.23.4-bookworm@sha256:… build stage, distroless final stage, apt-get install with a pinned
#         version, HEALTHCHECK, USER 65532.
# The extractor records RUN instructions by line only; bad_runs and good_runs add the attrs.runs the RUN
# controls read ([{line, stage, command}]), and bad and good alone show the unknown those controls give
# without it.
package seam.controls.docker.docker_test

import rego.v1

import data.seam.controls.docker.add_url
import data.seam.controls.docker.apt_pinning
import data.seam.controls.docker.args_secret
import data.seam.controls.docker.base_digest
import data.seam.controls.docker.base_latest
import data.seam.controls.docker.curl_pipe_shell
import data.seam.controls.docker.env_secret
import data.seam.controls.docker.expose_ssh
import data.seam.controls.docker.healthcheck
import data.seam.controls.docker.sudo
import data.seam.controls.docker.user_missing
import data.seam.controls.docker.user_root

bad := {
	"id": "dockerfile:Dockerfile",
	"kind": "dockerfile",
	"type": "Dockerfile",
	"name": "Dockerfile",
	"file": "Dockerfile",
	"line": 1,
	"attrs": {"args": [{"line": 2, "masked": true, "name": "GITHUB_TOKEN", "stage": 0}], "cmd": {"args": ["/opt/tool"], "form": "exec", "line": 10}, "copies": [{"dest": "/opt/", "instruction": "ADD", "line": 4, "remote": true, "sources": ["https://example.com/tool.tar.gz"], "stage": 0}], "env": [{"line": 3, "masked": true, "name": "DB_PASSWORD", "stage": 0}, {"line": 3, "name": "APP_ENV", "stage": 0, "value": "prod"}], "expose": [{"line": 8, "port": 22, "protocol": "tcp", "stage": 0}, {"line": 8, "port": 8080, "protocol": "tcp", "stage": 0}], "final_chain": [0], "final_stage": 0, "lines": {"add[0]": 4, "args.GITHUB_TOKEN": 2, "args[0]": 2, "cmd": 10, "copies[0]": 4, "env.APP_ENV": 3, "env.DB_PASSWORD": 3, "env[0]": 3, "env[1]": 3, "expose[0]": 8, "expose[1]": 8, "from": 1, "run[0]": 5, "run[1]": 6, "run[2]": 7, "runs_as_root": 9, "stages[0]": 1, "user": 9}, "runs_as_root": true, "stages": [{"base": "ubuntu", "base_kind": "image", "base_resolved": "ubuntu", "index": 0, "line": 1}], "user": "root", "user_line": 9},
}

good := {
	"id": "dockerfile:ok/Dockerfile",
	"kind": "dockerfile",
	"type": "Dockerfile",
	"name": "ok/Dockerfile",
	"file": "ok/Dockerfile",
	"line": 1,
	"attrs": {"copies": [{"dest": "/src", "instruction": "COPY", "line": 3, "sources": ["."], "stage": 0}, {"dest": "/app", "from": "build", "from_stage": 0, "instruction": "COPY", "line": 6, "sources": ["/app"], "stage": 1}], "entrypoint": {"args": ["/app"], "form": "exec", "line": 9}, "final_chain": [1], "final_stage": 1, "healthcheck": {"line": 7, "test": ["CMD", "/app", "-health"]}, "lines": {"copies[0]": 3, "copies[1]": 6, "copy[0]": 3, "copy[1]": 6, "entrypoint": 9, "from": 5, "healthcheck": 7, "run[0]": 2, "run[1]": 4, "runs_as_root": 8, "stages[0]": 1, "stages[1]": 5, "user": 8}, "runs_as_root": false, "stages": [{"base": "golang:1.23.4-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "base_kind": "image", "base_resolved": "golang:1.23.4-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "index": 0, "line": 1, "name": "build", "pinned": true}, {"base": "gcr.io/distroless/static-debian12:nonroot", "base_kind": "image", "base_resolved": "gcr.io/distroless/static-debian12:nonroot", "index": 1, "line": 5}], "user": "65532", "user_line": 8},
}

bad_runs := json.patch(bad, [{"op": "add", "path": "/attrs/runs", "value": [{"line": 5, "stage": 0, "command": "apt-get update && apt-get install -y curl sudo"}, {"line": 6, "stage": 0, "command": "curl -fsSL https://example.com/install.sh | sh"}, {"line": 7, "stage": 0, "command": "sudo make install"}]}])

good_runs := json.patch(good, [{"op": "add", "path": "/attrs/runs", "value": [{"line": 2, "stage": 0, "command": "apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311"}, {"line": 4, "stage": 0, "command": "go build -o /app ./cmd/app"}]}])

hits(rs) := {[v.node, object.get(v, "field", ""), object.get(v, "unknown", "") != ""] | some v in rs}

b := "dockerfile:Dockerfile"

g := {"nodes": [good_runs]}

test_user_root if {
	count(user_root.deny) == 0 with input as g
	hits(user_root.deny) == {[b, "user", false]} with input as {"nodes": [bad]}
	unk := json.patch(good, [{"op": "replace", "path": "/attrs/user", "value": {"$unknown": "${APP_USER}"}}, {"op": "replace", "path": "/attrs/runs_as_root", "value": {"$unknown": "USER ${APP_USER}"}}])
	hits(user_root.deny) == {["dockerfile:ok/Dockerfile", "user", true]} with input as {"nodes": [unk]}
}

test_user_missing if {
	count(user_missing.deny) == 0 with input as {"nodes": [good, bad]}
	nouser := json.patch(bad, [{"op": "remove", "path": "/attrs/user"}, {"op": "remove", "path": "/attrs/user_line"}])
	hits(user_missing.deny) == {[b, "runs_as_root", false]} with input as {"nodes": [nouser]}
}

test_base_images if {
	count(base_latest.deny) == 0 with input as g
	hits(base_latest.deny) == {[b, "stages[0]", false]} with input as {"nodes": [bad]}
	hits(base_digest.deny) == {["dockerfile:ok/Dockerfile", "stages[1]", false]} with input as g
	count(base_digest.deny) == 0 with input as {"nodes": [bad]}
	pinned := json.patch(good, [{"op": "replace", "path": "/attrs/stages/1/base_resolved", "value": "gcr.io/distroless/static-debian12:nonroot@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}])
	count(base_digest.deny) == 0 with input as {"nodes": [pinned]}
	unk := json.patch(good, [{"op": "replace", "path": "/attrs/stages/1/base_resolved", "value": {"$unknown": "${RUNTIME}"}}])
	hits(base_latest.deny) == {["dockerfile:ok/Dockerfile", "stages[1]", true]} with input as {"nodes": [unk]}
}

test_add_url if {
	count(add_url.deny) == 0 with input as g
	hits(add_url.deny) == {[b, "copies[0]", false]} with input as {"nodes": [bad]}
}

test_secrets if {
	count(env_secret.deny) == 0 with input as g
	count(args_secret.deny) == 0 with input as g
	hits(env_secret.deny) == {[b, "env.DB_PASSWORD", false]} with input as {"nodes": [bad]}
	hits(args_secret.deny) == {[b, "args.GITHUB_TOKEN", false]} with input as {"nodes": [bad]}
}

test_run_commands if {
	count(curl_pipe_shell.deny) == 0 with input as g
	count(sudo.deny) == 0 with input as g
	count(apt_pinning.deny) == 0 with input as g
	hits(curl_pipe_shell.deny) == {[b, "run[1]", false]} with input as {"nodes": [bad_runs]}
	hits(sudo.deny) == {[b, "run[2]", false]} with input as {"nodes": [bad_runs]}
	some v in apt_pinning.deny with input as {"nodes": [bad_runs]}
	v.field == "run[0]"
	contains(v.msg, "curl, sudo")
}

test_run_commands_unrecorded if {
	hits(curl_pipe_shell.deny) == {[b, "run[0]", true]} with input as {"nodes": [bad]}
	hits(sudo.deny) == {[b, "run[0]", true]} with input as {"nodes": [bad]}
	hits(apt_pinning.deny) == {[b, "run[0]", true]} with input as {"nodes": [bad]}
}

test_healthcheck if {
	count(healthcheck.deny) == 0 with input as g
	hits(healthcheck.deny) == {[b, "from", false]} with input as {"nodes": [bad]}
}

test_expose_ssh if {
	count(expose_ssh.deny) == 0 with input as g
	hits(expose_ssh.deny) == {[b, "expose[0]", false]} with input as {"nodes": [bad]}
}
