# Helpers of the Kubernetes and Dockerfile controls: the containers of a workload with the manifest path of
# each (so a result's field is a key of attrs.lines), security-context settings with the pod-level fallback
# Kubernetes applies, unknown values, and results. Kept apart from seam.lib so the Kubernetes controls depend
# only on what this module defines.
#
# Decisions:
#   - Every container list counts: containers, initContainers and ephemeralContainers. Pod Security
#     Standards apply to all three, and an init container running privileged is as much an escape.
#   - A setting the extractor does not record as a value but whose manifest path is in attrs.lines (resource
#     limits, appArmorProfile, seLinuxOptions) is read from the presence of that path: set or not set is a
#     fact; what it is set to, when the control needs it, is an unknown.
package seam.lib.k8s

import rego.v1

# workload_types are the Kubernetes kinds that carry a pod template; controls select them.
workload_types := {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"}

# unknown(x) is true when x is a value Seam could not know: {"$unknown": "<expression>"}.
unknown(x) if {
	is_object(x)
	is_string(x["$unknown"])
}

# unknown_msg says which value Seam could not know, for a result's `unknown`.
unknown_msg(field, x) := sprintf("%s is %s, which Seam cannot know from the files", [field, x["$unknown"]])

# is_workload(n) is true for a Kubernetes workload node (pod template and containers recorded).
is_workload(n) if {
	n.kind == "workload"
	workload_types[n.type]
}

# pod_path(n) is the manifest path of the workload's pod spec.
pod_path(n) := "spec" if n.type == "Pod"

pod_path(n) := "spec.jobTemplate.spec.template.spec" if n.type == "CronJob"

pod_path(n) := "spec.template.spec" if not n.type in {"Pod", "CronJob"}

# container_lists maps the attribute of each container list to its manifest key.
container_lists := {"containers": "containers", "init_containers": "initContainers", "ephemeral_containers": "ephemeralContainers"}

# containers(n) lists [path, c] for every container of every list, path being the container's manifest path
# ("spec.template.spec.containers[0]").
containers(n) := [[p, c] |
	some attr, key in container_lists
	cs := object.get(n.attrs, attr, [])
	is_array(cs)
	some i, c in cs
	p := sprintf("%s.%s[%d]", [pod_path(n), key, i])
]

# sc(c, key) is a container's security-context setting, null when unset.
sc(c, key) := v if {
	s := object.get(c, "security_context", null)
	is_object(s)
	v := object.get(s, key, null)
} else := null

# pod_sc(n, key) is the pod security-context setting, null when unset.
pod_sc(n, key) := v if {
	s := object.get(n.attrs, "security_context", null)
	is_object(s)
	v := object.get(s, key, null)
} else := null

# effective(n, c, key) is the container setting, else the pod's (Kubernetes' precedence for runAsUser,
# runAsNonRoot, runAsGroup and seccompProfile); null when neither sets it.
effective(n, c, key) := sc(c, key) if sc(c, key) != null

effective(n, c, key) := pod_sc(n, key) if sc(c, key) == null

# effective_field(n, path, key, manifest) is the manifest path that decided effective(): the container's, or
# the pod's security context when the container does not set it.
effective_field(n, path, c, key, manifest) := sprintf("%s.securityContext.%s", [path, manifest]) if sc(c, key) != null

effective_field(n, path, c, key, manifest) := sprintf("%s.securityContext.%s", [pod_path(n), manifest]) if sc(c, key) == null

# has_line(n, field) is true when the manifest sets field (its path is recorded in attrs.lines).
has_line(n, field) if object.get(object.get(n.attrs, "lines", {}), field, null) != null

# caps(c, which) is the set of capabilities a container adds or drops, upper-cased, without a CAP_ prefix.
caps(c, which) := {trim_prefix(upper(x), "CAP_") |
	cs := sc(c, "capabilities")
	is_object(cs)
	l := object.get(cs, which, [])
	is_array(l)
	some x in l
	is_string(x)
}

# name(c) is a container's name for a message.
name(c) := object.get(c, "name", "?")

# namespace(n) is the node's namespace ("default" when a namespaced object names none).
namespace(n) := object.get(n.attrs, "namespace", "default")

# result is a failing result at a manifest path.
result(n, field, msg) := {"node": n.id, "field": field, "msg": msg}

# unknown_result is a result whose violation rests on a value Seam could not know.
unknown_result(n, field, msg, x) := {"node": n.id, "field": field, "msg": msg, "unknown": unknown_msg(field, x)}

# derived(n, key) is a derived property of the node, or null.
derived(n, key) := object.get(object.get(n, "derived", {}), key, null)

# internet_exposed(n) is true when the link stage found a route from the internet to the node.
internet_exposed(n) if derived(n, "exposure").internet == true

# image_ref(c) splits a container image reference: [name, tag, digest] ("" when absent).
image_parts(ref) := [name, tag, digest] if {
	at := split(ref, "@")
	digest := concat("@", array.slice(at, 1, count(at)))
	head := at[0]
	segs := split(head, "/")
	last := segs[count(segs) - 1]
	colon := split(last, ":")
	tag := tag_of(colon)
	name := head
}

tag_of(parts) := parts[1] if count(parts) > 1

tag_of(parts) := "" if count(parts) == 1

# secret_name(s) is true for a key or variable name that looks like it holds a credential.
secret_name(s) if regex.match(`(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key|auth|pwd|dsn|connection[_-]?string)`, s)

# verdict is the result for a value that fails a control: an unknown result when the value is unknown.
verdict(n, field, msg, x) := unknown_result(n, field, msg, x) if unknown(x)

verdict(n, field, msg, x) := result(n, field, msg) if not unknown(x)

# true_or_unknown(x) is true when x is true or a value Seam could not know.
true_or_unknown(x) if x == true

true_or_unknown(x) if unknown(x)

# pod_field(n, key) is the manifest path of a pod-spec field.
pod_field(n, key) := sprintf("%s.%s", [pod_path(n), key])

# volumes(n) lists [path, volume] for the pod's volumes.
volumes(n) := [[sprintf("%s.volumes[%d]", [pod_path(n), i]), v] |
	vs := object.get(n.attrs, "volumes", [])
	is_array(vs)
	some i, v in vs
]

# pod_meta(n) is the manifest path of the pod template's metadata ("spec.template.metadata").
pod_meta(n) := "metadata" if n.type == "Pod"

pod_meta(n) := concat(".", [trim_suffix(pod_path(n), ".spec"), "metadata"]) if n.type != "Pod"

# rules(n) lists [i, rule] for the rules of a Role or ClusterRole written in the files (a built-in role the
# files only name has no rules attribute and is left to the link stage's RBAC summary).
rules(n) := [[i, r] |
	n.type in {"Role", "ClusterRole"}
	rs := object.get(n.attrs, "rules", [])
	is_array(rs)
	some i, r in rs
]

# rule_set(r, key) is a rule's verbs, resources or api_groups as a set (lower-cased).
rule_set(r, key) := {lower(x) | l := object.get(r, key, []); is_array(l); some x in l; is_string(x)}

# grants(r, verbs, resources) is true when rule r allows one of verbs on one of resources of the core or a
# wildcard API group, counting "*" as every verb and every resource.
grants(r, verbs, resources) if {
	count(rule_set(r, "verbs") & (verbs | {"*"})) > 0
	count(rule_set(r, "resources") & (resources | {"*"})) > 0
}

# subjects(n) lists [i, subject] of a RoleBinding or ClusterRoleBinding.
subjects(n) := [[i, s] |
	n.type in {"RoleBinding", "ClusterRoleBinding"}
	ss := object.get(n.attrs, "subjects", [])
	is_array(ss)
	some i, s in ss
]

# role_name(n) is the name of the role a binding grants.
role_name(n) := object.get(object.get(n.attrs, "role_ref", {}), "name", "")

# rbac_types are the RBAC kinds RBAC controls select.
rbac_types := {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}

# list(x) is x when it is an array, else [] (the extractor writes null for an empty list).
list(x) := x if is_array(x)

list(x) := [] if not is_array(x)

# obj(x) is x when it is an object, else {}.
obj(x) := x if is_object(x)

obj(x) := {} if not is_object(x)

# runs(n) lists [i, command] for a Dockerfile's RUN instructions, from attrs.runs ([{line, stage, command}])
# when the extractor records them.
runs(n) := [[i, object.get(r, "command", "")] | some i, r in list(object.get(n.attrs, "runs", []))]

# runs_unrecorded(n) is true when a Dockerfile has RUN instructions (attrs.lines run[i]) whose commands
# the graph does not carry: a control over RUN commands cannot decide and says so.
runs_unrecorded(n) if {
	not "runs" in object.keys(n.attrs)
	some k, _ in obj(object.get(n.attrs, "lines", {}))
	startswith(k, "run[")
}

# runs_unknown is the unknown result of a RUN-command control over a Dockerfile whose commands are not recorded.
runs_unknown(n, what) := {
	"node": n.id, "field": "run[0]", "msg": sprintf("%s may %s", [n.id, what]),
	"unknown": "the graph records the lines of the Dockerfile's RUN instructions but not their commands",
}
