# Workload nodes shared by the tests of the Kubernetes controls, in the policy engine's input shape, trimmed
# from `seam graph <dir> --format json` over three manifests:
#   - good: a Deployment hardened to the restricted Pod Security Standard (non-root UID 10001, RuntimeDefault
#     seccomp, drop ALL, read-only root, no privilege escalation, CPU and memory limits, image pinned by
#     digest, own ServiceAccount, no token) — every workload control passes on it;
#   - bad: a DaemonSet breaking each baseline rule (privileged, hostPID/IPC/network, hostPath /, hostPort,
#     SYS_ADMIN and NET_RAW, AppArmor and seccomp unconfined, Unmasked /proc, an unsafe sysctl, an nfs
#     volume, busybox:latest, a literal API token in env, the default ServiceAccount) and an init container
#     whose image is an unrendered ${TAG} (an unknown);
#   - cronjob: a CronJob with nothing set (every security field null), pinned by digest, ServiceAccount builder.
package seam.controls.k8s.fixtures_test

import rego.v1

good := {
	"id": "k8s:shop/Deployment/api",
	"kind": "workload",
	"type": "Deployment",
	"name": "api",
	"file": "good.yaml",
	"line": 6,
	"attrs": {"api_version": "apps/v1", "automount_effective": false, "automount_service_account_token": false, "containers": [{"args": null, "command": null, "env": null, "env_from": null, "image": "registry.example.com/shop/api:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image_pull_policy": "", "line": 23, "name": "api", "ports": [{"container_port": 8080, "name": "", "protocol": "TCP"}], "security_context": {"allow_privilege_escalation": false, "capabilities": {"add": null, "drop": ["ALL"]}, "privileged": null, "proc_mount": null, "read_only_root_filesystem": true, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": [{"mount_path": "/tmp", "name": "tmp", "read_only": false}]}], "ephemeral_containers": null, "host_ipc": false, "host_network": false, "host_pid": false, "image_pull_secrets": null, "init_containers": null, "lines": {"spec.template.spec.automountServiceAccountToken": 17, "spec.template.spec.containers[0].image": 24, "spec.template.spec.containers[0].resources": 27, "spec.template.spec.containers[0].resources.limits": 29, "spec.template.spec.containers[0].resources.limits.cpu": 29, "spec.template.spec.containers[0].resources.limits.memory": 29, "spec.template.spec.containers[0].resources.requests": 28, "spec.template.spec.containers[0].resources.requests.cpu": 28, "spec.template.spec.containers[0].resources.requests.memory": 28, "spec.template.spec.containers[0].securityContext": 30, "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 31, "spec.template.spec.containers[0].securityContext.capabilities": 33, "spec.template.spec.containers[0].securityContext.capabilities.drop": 34, "spec.template.spec.containers[0].securityContext.capabilities.drop[0]": 34, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem": 32, "spec.template.spec.securityContext": 18, "spec.template.spec.securityContext.runAsNonRoot": 19, "spec.template.spec.securityContext.runAsUser": 20, "spec.template.spec.securityContext.seccompProfile": 21, "spec.template.spec.securityContext.seccompProfile.type": 21, "spec.template.spec.serviceAccountName": 16}, "namespace": "shop", "pod_labels": {"app": "api"}, "replicas": null, "security_context": {"fs_group": null, "run_as_group": null, "run_as_non_root": true, "run_as_user": 10001, "seccomp_profile": "RuntimeDefault", "supplemental_groups": null, "sysctls": null}, "selector": {"match_expressions": null, "match_labels": {"app": "api"}, "string": "app=api"}, "service_account_automount": false, "service_account_defaulted": false, "service_account_name": "api", "volumes": [{"line": 38, "medium": "", "name": "tmp", "type": "emptyDir"}]},
	"derived": {},
	"out": [],
	"in": [],
	"neighbours": {},
	"paths": [],
}

bad := {
	"id": "k8s:ops/DaemonSet/agent",
	"kind": "workload",
	"type": "DaemonSet",
	"name": "agent",
	"file": "bad.yaml",
	"line": 1,
	"attrs": {"annotations": {"container.apparmor.security.beta.kubernetes.io/agent": "unconfined"}, "api_version": "apps/v1", "automount_effective": true, "automount_service_account_token": null, "containers": [{"args": null, "command": null, "env": [{"line": 32, "masked": true, "name": "API_TOKEN", "value": "[redacted]"}, {"line": 33, "name": "LOG_LEVEL", "value": "debug"}], "env_from": null, "image": "busybox:latest", "image_pull_policy": "", "line": 27, "name": "agent", "ports": [{"container_port": 22, "host_port": 2222, "name": "", "protocol": "TCP"}], "security_context": {"allow_privilege_escalation": true, "capabilities": {"add": ["SYS_ADMIN", "NET_RAW", "CHOWN"], "drop": null}, "privileged": true, "proc_mount": "Unmasked", "read_only_root_filesystem": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": [{"mount_path": "/host", "name": "root", "read_only": false}]}], "ephemeral_containers": null, "host_ipc": true, "host_network": true, "host_pid": true, "image_pull_secrets": null, "init_containers": [{"args": null, "command": null, "env": null, "env_from": null, "image": {"$unknown": "registry.example.com/init:${TAG}"}, "image_pull_policy": "", "line": 46, "name": "init", "ports": null, "security_context": {"allow_privilege_escalation": null, "capabilities": null, "privileged": null, "proc_mount": null, "read_only_root_filesystem": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": null}], "lines": {"spec.template.spec.containers[0].image": 28, "spec.template.spec.containers[0].ports[0].hostPort": 30, "spec.template.spec.containers[0].resources": 41, "spec.template.spec.containers[0].resources.limits": 42, "spec.template.spec.containers[0].resources.limits.cpu": 42, "spec.template.spec.containers[0].securityContext": 34, "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 36, "spec.template.spec.containers[0].securityContext.appArmorProfile": 38, "spec.template.spec.containers[0].securityContext.appArmorProfile.type": 38, "spec.template.spec.containers[0].securityContext.capabilities": 39, "spec.template.spec.containers[0].securityContext.capabilities.add": 40, "spec.template.spec.containers[0].securityContext.capabilities.add[0]": 40, "spec.template.spec.containers[0].securityContext.capabilities.add[1]": 40, "spec.template.spec.containers[0].securityContext.capabilities.add[2]": 40, "spec.template.spec.containers[0].securityContext.privileged": 35, "spec.template.spec.containers[0].securityContext.procMount": 37, "spec.template.spec.hostIPC": 19, "spec.template.spec.hostNetwork": 18, "spec.template.spec.hostPID": 17, "spec.template.spec.initContainers[0].image": 47, "spec.template.spec.securityContext": 20, "spec.template.spec.securityContext.runAsUser": 21, "spec.template.spec.securityContext.seLinuxOptions": 23, "spec.template.spec.securityContext.seLinuxOptions.type": 23, "spec.template.spec.securityContext.seccompProfile": 22, "spec.template.spec.securityContext.seccompProfile.type": 22, "spec.template.spec.securityContext.sysctls": 24, "spec.template.spec.securityContext.sysctls[0]": 25, "spec.template.spec.securityContext.sysctls[0].name": 25, "spec.template.spec.securityContext.sysctls[0].value": 25, "spec.template.spec.volumes[0]": 49, "spec.template.spec.volumes[0].hostPath": 50, "spec.template.spec.volumes[0].hostPath.path": 50, "spec.template.spec.volumes[0].name": 49}, "namespace": "ops", "pod_annotations": {"container.apparmor.security.beta.kubernetes.io/agent": "unconfined"}, "pod_labels": {"app": "agent"}, "security_context": {"fs_group": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": 0, "seccomp_profile": "Unconfined", "supplemental_groups": null, "sysctls": ["kernel.msgmax"]}, "selector": {"match_expressions": null, "match_labels": {"app": "agent"}, "string": "app=agent"}, "service_account_automount": null, "service_account_defaulted": true, "service_account_name": "default", "volumes": [{"host_path_type": "", "line": 49, "name": "root", "path": "/", "type": "hostPath"}, {"line": 51, "name": "data", "type": "nfs"}]},
	"derived": {},
	"out": [],
	"in": [],
	"neighbours": {},
	"paths": [],
}

cronjob := {
	"id": "k8s:ops/CronJob/backup",
	"kind": "workload",
	"type": "CronJob",
	"name": "backup",
	"file": "bad.yaml",
	"line": 129,
	"attrs": {"api_version": "batch/v1", "automount_effective": true, "automount_service_account_token": null, "containers": [{"args": null, "command": null, "env": null, "env_from": null, "image": "registry.example.com/backup@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image_pull_policy": "", "line": 141, "name": "backup", "ports": null, "security_context": {"allow_privilege_escalation": null, "capabilities": null, "privileged": null, "proc_mount": null, "read_only_root_filesystem": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null}, "volume_mounts": null}], "ephemeral_containers": null, "host_ipc": false, "host_network": false, "host_pid": false, "image_pull_secrets": null, "init_containers": null, "lines": {"spec.jobTemplate.spec.template.spec.containers": 140, "spec.jobTemplate.spec.template.spec.containers[0]": 141, "spec.jobTemplate.spec.template.spec.containers[0].image": 142, "spec.jobTemplate.spec.template.spec.containers[0].name": 141, "spec.jobTemplate.spec.template.spec.serviceAccountName": 138}, "namespace": "ops", "pod_labels": null, "schedule": "0 1 * * *", "security_context": {"fs_group": null, "run_as_group": null, "run_as_non_root": null, "run_as_user": null, "seccomp_profile": null, "supplemental_groups": null, "sysctls": null}, "service_account_automount": true, "service_account_defaulted": false, "service_account_name": "builder", "suspend": null, "volumes": null},
	"derived": {},
	"out": [],
	"in": [],
	"neighbours": {},
	"paths": [],
}

