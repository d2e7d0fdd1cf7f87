# Nodes of the cross-layer tests, in the policy engine's input shape (out, in, neighbours, paths), built from
# `seam graph examples/webshop --format json` with edges trimmed to the kinds each control reads and edge
# attributes to access, class, actions, method and vex_status. What the example holds and the controls see:
#   - api: reachable from the internet through the Ingress (no authentication), has an SSRF and a SQL
#     injection flaw, reads pii, pci and credentials (handles), runs on the node group whose launch template
#     allows IMDSv1 (http_tokens optional), uses ServiceAccount api → IRSA role module.irsa_api;
#   - storefront: internet-exposed, no flaws, handles no data;
#   - worker: not exposed, handles pii and pci;
#   - orders_db holds pci and pii and is reached by api and worker; storefront_np is namespace shop's only
#     NetworkPolicy (so the namespace is policed, though not by default deny);
#   - api_image → api_module → api_package is the chain a vulnerability test hangs an advisory on.
package seam.controls.cross.fixtures_test

import rego.v1

api := {
	"id": "k8s:shop/Deployment/api",
	"kind": "workload",
	"type": "Deployment",
	"name": "api",
	"file": "deploy/k8s/api.yaml",
	"line": 18,
	"attrs": {
		"automount_effective": true,
		"containers": [
			{
				"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
				"line": 44,
				"name": "api",
				"security_context": {
					"allow_privilege_escalation": false,
					"capabilities": {
						"add": null,
						"drop": [
							"ALL"
						]
					},
					"privileged": null,
					"proc_mount": null,
					"read_only_root_filesystem": true,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null
				}
			}
		],
		"host_ipc": false,
		"host_network": false,
		"host_pid": false,
		"lines": {
			"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76,
			"spec.template.spec.containers[0].securityContext.capabilities": 78,
			"spec.template.spec.securityContext": 39
		},
		"namespace": "shop",
		"security_context": {
			"fs_group": null,
			"run_as_group": null,
			"run_as_non_root": true,
			"run_as_user": null,
			"seccomp_profile": "RuntimeDefault",
			"supplemental_groups": null,
			"sysctls": null
		},
		"service_account_name": "api",
		"volumes": null
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"egress": {
			"internet_reachable": true,
			"limited": false,
			"metadata_reachable": true,
			"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/api"
		},
		"exposure": {
			"internet": true,
			"authentication": "none",
			"ports": [
				8080
			]
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		},
		"reachable_from_cluster": {
			"all_pods": true,
			"reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"
		}
	},
	"out": [
		{
			"kind": "connects-to",
			"to": "infra/terraform:aws_db_instance.orders",
			"attrs": {
				"method": "secret-hint"
			}
		},
		{
			"kind": "connects-to",
			"to": "infra/terraform:aws_s3_bucket.customer_documents",
			"attrs": {
				"method": "config-map"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:credentials",
			"attrs": {
				"access": [
					"read"
				],
				"method": "secret-reference"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:pci",
			"attrs": {
				"access": [
					"read",
					"write"
				],
				"method": "connects-to"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:pii",
			"attrs": {
				"access": [
					"read",
					"write"
				],
				"method": "connects-to"
			}
		},
		{
			"kind": "has-flaw",
			"to": "code-flaw:services/api/internal/handlers/preview.go:19:go-ssrf-http-get",
			"attrs": {
				"class": "ssrf",
				"method": "runs-image"
			}
		},
		{
			"kind": "has-flaw",
			"to": "code-flaw:services/api/internal/handlers/products.go:33:go-sql-injection-db-query",
			"attrs": {
				"class": "sql-injection",
				"method": "runs-image"
			}
		},
		{
			"kind": "network-reach",
			"to": "infra/terraform:aws_db_instance.orders",
			"attrs": {
				"method": "security-group"
			}
		},
		{
			"kind": "runs",
			"to": "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
			"attrs": {}
		},
		{
			"kind": "runs-on",
			"to": "infra/terraform:aws_eks_node_group.default",
			"attrs": {
				"method": "cluster-nodes"
			}
		},
		{
			"kind": "uses-identity",
			"to": "k8s:shop/ServiceAccount/api",
			"attrs": {}
		}
	],
	"in": [
		{
			"kind": "routes-to",
			"from": "k8s:shop/Service/api",
			"attrs": {}
		}
	],
	"neighbours": {
		"infra/terraform:aws_db_instance.orders": {
			"id": "infra/terraform:aws_db_instance.orders",
			"kind": "datastore",
			"type": "aws_db_instance",
			"name": "webshop-prod-orders",
			"file": "infra/terraform/database.tf",
			"line": 29,
			"attrs": {
				"allocated_storage": 100,
				"backup_retention_period": 14,
				"db_name": "orders",
				"db_subnet_group_name": "webshop-prod-orders",
				"deletion_protection": true,
				"engine": "postgres",
				"engine_version": "16.3",
				"final_snapshot_identifier": "webshop-prod-orders-final",
				"identifier": "webshop-prod-orders",
				"instance_class": "db.t4g.medium",
				"lines": {},
				"manage_master_user_password": true,
				"max_allocated_storage": 500,
				"multi_az": true,
				"publicly_accessible": false,
				"skip_final_snapshot": false,
				"storage_encrypted": true,
				"storage_type": "gp3",
				"tags": {
					"data_classification": "pci",
					"owner": "payments"
				},
				"tags_all": {
					"data_classification": "pci",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "payments",
					"system": "webshop"
				},
				"tf_address": "aws_db_instance.orders",
				"username": "webshop_admin",
				"vpc_security_group_ids": [
					{
						"$unknown": "aws_security_group.db.id"
					}
				]
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_s3_bucket.customer_documents": {
			"id": "infra/terraform:aws_s3_bucket.customer_documents",
			"kind": "datastore",
			"type": "aws_s3_bucket",
			"name": "customer-documents",
			"file": "infra/terraform/storage.tf",
			"line": 20,
			"attrs": {
				"bucket": "customer-documents",
				"lines": {},
				"tags": {
					"data_classification": "pii",
					"owner": "payments"
				},
				"tags_all": {
					"data_classification": "pii",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "payments",
					"system": "webshop"
				},
				"tf_address": "aws_s3_bucket.customer_documents"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"data-class:credentials": {
			"id": "data-class:credentials",
			"kind": "data-class",
			"type": "data-class",
			"name": "credentials",
			"file": "seam.yaml",
			"line": 65,
			"attrs": {
				"description": "Database and cloud credentials",
				"resources": [
					"k8s:shop/Secret/*"
				],
				"source": "seam.yaml"
			},
			"derived": {}
		},
		"data-class:pci": {
			"id": "data-class:pci",
			"kind": "data-class",
			"type": "data-class",
			"name": "pci",
			"file": "seam.yaml",
			"line": 61,
			"attrs": {
				"description": "Payment tokens of stored cards",
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pci*"
				}
			},
			"derived": {}
		},
		"data-class:pii": {
			"id": "data-class:pii",
			"kind": "data-class",
			"type": "data-class",
			"name": "pii",
			"file": "seam.yaml",
			"line": 56,
			"attrs": {
				"description": "Customers' names, addresses, ID scans and invoices",
				"resources": [
					"infra/terraform:aws_db_instance.orders"
				],
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pii*"
				}
			},
			"derived": {}
		},
		"code-flaw:services/api/internal/handlers/preview.go:19:go-ssrf-http-get": {
			"id": "code-flaw:services/api/internal/handlers/preview.go:19:go-ssrf-http-get",
			"kind": "code-flaw",
			"type": "ssrf",
			"name": "request input reaches http.Get",
			"file": "services/api/internal/handlers/preview.go",
			"line": 19,
			"attrs": {
				"class": "ssrf",
				"confidence": "high",
				"cwe": "CWE-918",
				"framework": "net/http",
				"function": "(*Handlers).PreviewImage",
				"language": "go",
				"rule": "go-ssrf-http-get",
				"sink": "http.Get",
				"source": "r.URL.Query().Get(\"url\")",
				"source_line": 19,
				"tool": "seam"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"code-flaw:services/api/internal/handlers/products.go:33:go-sql-injection-db-query": {
			"id": "code-flaw:services/api/internal/handlers/products.go:33:go-sql-injection-db-query",
			"kind": "code-flaw",
			"type": "sql-injection",
			"name": "request input reaches h.DB.Query",
			"file": "services/api/internal/handlers/products.go",
			"line": 33,
			"attrs": {
				"class": "sql-injection",
				"confidence": "high",
				"cwe": "CWE-89",
				"framework": "chi",
				"function": "(*Handlers).ListProducts",
				"language": "go",
				"rule": "go-sql-injection-db-query",
				"sink": "h.DB.Query",
				"source": "r.URL.Query().Get(\"category\")",
				"source_line": 25,
				"tool": "seam"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2": {
			"id": "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
			"kind": "image",
			"type": "container image",
			"name": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
			"file": "deploy/k8s/api.yaml",
			"line": 45,
			"attrs": {
				"ref": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_eks_node_group.default": {
			"id": "infra/terraform:aws_eks_node_group.default",
			"kind": "host",
			"type": "aws_eks_node_group",
			"name": "default",
			"file": "infra/terraform/eks.tf",
			"line": 177,
			"attrs": {
				"cluster_name": "webshop-prod",
				"instance_types": [
					"m6i.large"
				],
				"launch_template": [
					{
						"id": {
							"$unknown": "aws_launch_template.node.id"
						},
						"version": {
							"$unknown": "aws_launch_template.node.latest_version"
						}
					}
				],
				"node_group_name": "default",
				"node_role_arn": {
					"$unknown": "aws_iam_role.node.arn"
				},
				"scaling_config": [
					{
						"desired_size": 3,
						"max_size": 9,
						"min_size": 3
					}
				],
				"subnet_ids": [
					{
						"$unknown": "aws_subnet.private[\"eu-west-1a\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1b\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1c\"].id"
					}
				],
				"tags_all": {
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "platform",
					"system": "webshop"
				},
				"tf_address": "aws_eks_node_group.default"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/ServiceAccount/api": {
			"id": "k8s:shop/ServiceAccount/api",
			"kind": "identity",
			"type": "ServiceAccount",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 7,
			"attrs": {
				"annotations": {
					"eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/webshop-prod-api"
				},
				"api_version": "v1",
				"automount_service_account_token": null,
				"aws_role_arn": "arn:aws:iam::123456789012:role/webshop-prod-api",
				"image_pull_secrets": null,
				"labels": {
					"app.kubernetes.io/name": "api",
					"app.kubernetes.io/part-of": "webshop"
				},
				"lines": {},
				"namespace": "shop",
				"secrets": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"rbac": {
					"bindings": [],
					"capabilities": [],
					"cluster_admin": false,
					"dangerous": [],
					"permissions": 0,
					"scopes": []
				}
			}
		},
		"k8s:shop/Service/api": {
			"id": "k8s:shop/Service/api",
			"kind": "exposure",
			"type": "Service",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 81,
			"attrs": {
				"api_version": "v1",
				"cluster_ip": "",
				"external_ips": null,
				"external_name": "",
				"external_traffic_policy": "",
				"labels": {
					"app.kubernetes.io/name": "api"
				},
				"lines": {},
				"load_balancer_class": null,
				"load_balancer_source_ranges": null,
				"namespace": "shop",
				"ports": [
					{
						"name": "http",
						"port": 80,
						"protocol": "TCP",
						"target_port": "http"
					}
				],
				"selector": {
					"app.kubernetes.io/name": "api"
				},
				"type": "ClusterIP"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		}
	},
	"paths": []
}

api_image := {
	"id": "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
	"kind": "image",
	"type": "container image",
	"name": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
	"file": "deploy/k8s/api.yaml",
	"line": 45,
	"attrs": {
		"ref": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2"
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "contains",
			"to": "module:services/api/go.mod",
			"attrs": {
				"method": "dockerfile-copy"
			}
		}
	],
	"in": [],
	"neighbours": {
		"module:services/api/go.mod": {
			"id": "module:services/api/go.mod",
			"kind": "module",
			"type": "go.mod",
			"name": "services/api/go.mod",
			"file": "services/api/go.mod",
			"line": 1,
			"attrs": {
				"direct_count": 5,
				"ecosystem": "Go",
				"go_version": "1.23.0",
				"module_path": "github.com/acme/webshop/services/api",
				"package_count": 27
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/Deployment/api": {
			"id": "k8s:shop/Deployment/api",
			"kind": "workload",
			"type": "Deployment",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 18,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
						"line": 44,
						"name": "api",
						"security_context": {
							"allow_privilege_escalation": false,
							"capabilities": {
								"add": null,
								"drop": [
									"ALL"
								]
							},
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": true,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {
					"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76,
					"spec.template.spec.containers[0].securityContext.capabilities": 78,
					"spec.template.spec.securityContext": 39
				},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": true,
					"run_as_user": null,
					"seccomp_profile": "RuntimeDefault",
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "api",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/api"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						8080
					]
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"
				}
			}
		}
	},
	"paths": []
}

api_module := {
	"id": "module:services/api/go.mod",
	"kind": "module",
	"type": "go.mod",
	"name": "services/api/go.mod",
	"file": "services/api/go.mod",
	"line": 1,
	"attrs": {
		"direct_count": 5,
		"ecosystem": "Go",
		"go_version": "1.23.0",
		"module_path": "github.com/acme/webshop/services/api",
		"package_count": 27
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "contains",
			"to": "pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3",
			"attrs": {}
		}
	],
	"in": [],
	"neighbours": {
		"pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3": {
			"id": "pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3",
			"kind": "package",
			"type": "golang",
			"name": "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream",
			"file": "services/api/go.mod",
			"line": 16,
			"attrs": {
				"ecosystem": "Go",
				"name": "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream",
				"purl": "pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3",
				"version": "1.6.3"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "module"
				}
			}
		}
	},
	"paths": []
}

api_package := {
	"id": "pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3",
	"kind": "package",
	"type": "golang",
	"name": "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream",
	"file": "services/api/go.mod",
	"line": 16,
	"attrs": {
		"ecosystem": "Go",
		"name": "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream",
		"purl": "pkg:golang/github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream@1.6.3",
		"version": "1.6.3"
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "module"
		}
	},
	"out": [],
	"in": [
		{
			"kind": "contains",
			"from": "module:services/api/go.mod",
			"attrs": {}
		}
	],
	"neighbours": {
		"module:services/api/go.mod": {
			"id": "module:services/api/go.mod",
			"kind": "module",
			"type": "go.mod",
			"name": "services/api/go.mod",
			"file": "services/api/go.mod",
			"line": 1,
			"attrs": {
				"direct_count": 5,
				"ecosystem": "Go",
				"go_version": "1.23.0",
				"module_path": "github.com/acme/webshop/services/api",
				"package_count": 27
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		}
	},
	"paths": []
}

crown_orders := {
	"id": "crown-jewel:orders-db",
	"kind": "crown-jewel",
	"type": "crown-jewel",
	"name": "orders-db",
	"file": "seam.yaml",
	"line": 73,
	"attrs": {
		"reason": "Orders, addresses and payment tokens; in PCI DSS scope",
		"resources": [
			"infra/terraform:aws_db_instance.orders"
		],
		"source": "seam.yaml"
	},
	"derived": {},
	"out": [],
	"in": [],
	"neighbours": {},
	"paths": []
}

irsa_api := {
	"id": "infra/terraform:module.irsa_api.aws_iam_role.this",
	"kind": "identity",
	"type": "aws_iam_role",
	"name": "webshop-prod-api",
	"file": "infra/terraform/modules/irsa/main.tf",
	"line": 28,
	"attrs": {
		"assume_role_policy": {
			"Statement": [
				{
					"Action": [
						"sts:AssumeRoleWithWebIdentity"
					],
					"Condition": {
						"StringEquals": {
							"${var.oidc_issuer_host}:aud": [
								"sts.amazonaws.com"
							],
							"${var.oidc_issuer_host}:sub": [
								"system:serviceaccount:shop:api"
							]
						}
					},
					"Effect": "Allow",
					"Principal": {
						"Federated": [
							{
								"$unknown": "aws_iam_openid_connect_provider.eks.arn"
							}
						]
					}
				}
			],
			"Version": "2012-10-17"
		},
		"description": "IRSA role of shop/api",
		"max_session_duration": 3600,
		"name": "webshop-prod-api",
		"tags_all": {
			"environment": "prod",
			"managed_by": "terraform",
			"owner": "platform",
			"system": "webshop"
		},
		"tf_address": "module.irsa_api.aws_iam_role.this",
		"tf_module": "module.irsa_api"
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "can",
			"to": "infra/terraform:aws_kms_key.documents",
			"attrs": {
				"access": [
					"write"
				],
				"actions": ["kms:Decrypt"],
				"method": "iam-policy"
			}
		},
		{
			"kind": "can",
			"to": "infra/terraform:aws_s3_bucket.customer_documents",
			"attrs": {
				"access": [
					"list",
					"read"
				],
				"actions": ["s3:GetAccelerateConfiguration", "s3:GetAnalyticsConfiguration", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketLocation", "s3:GetBucketLogging"],
				"method": "iam-policy"
			}
		},
		{
			"kind": "can",
			"to": "infra/terraform:aws_s3_bucket.product_images",
			"attrs": {
				"access": [
					"list",
					"read",
					"write",
					"permissions-management",
					"tagging",
					"admin"
				],
				"actions": ["s3:AbortMultipartUpload", "s3:BypassGovernanceRetention", "s3:CreateBucket", "s3:CreateBucketMetadataTableConfiguration", "s3:DeleteBucket", "s3:DeleteBucketMetadataTableConfiguration"],
				"method": "iam-policy"
			}
		}
	],
	"in": [
		{
			"kind": "uses-identity",
			"from": "k8s:shop/ServiceAccount/api",
			"attrs": {
				"method": "irsa"
			}
		}
	],
	"neighbours": {
		"infra/terraform:aws_kms_key.documents": {
			"id": "infra/terraform:aws_kms_key.documents",
			"kind": "key",
			"type": "aws_kms_key",
			"name": "Encrypts the customer-documents bucket",
			"file": "infra/terraform/storage.tf",
			"line": 7,
			"attrs": {
				"deletion_window_in_days": 30,
				"description": "Encrypts the customer-documents bucket",
				"enable_key_rotation": true,
				"tags_all": {
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "platform",
					"system": "webshop"
				},
				"tf_address": "aws_kms_key.documents"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_s3_bucket.customer_documents": {
			"id": "infra/terraform:aws_s3_bucket.customer_documents",
			"kind": "datastore",
			"type": "aws_s3_bucket",
			"name": "customer-documents",
			"file": "infra/terraform/storage.tf",
			"line": 20,
			"attrs": {
				"bucket": "customer-documents",
				"lines": {},
				"tags": {
					"data_classification": "pii",
					"owner": "payments"
				},
				"tags_all": {
					"data_classification": "pii",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "payments",
					"system": "webshop"
				},
				"tf_address": "aws_s3_bucket.customer_documents"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_s3_bucket.product_images": {
			"id": "infra/terraform:aws_s3_bucket.product_images",
			"kind": "datastore",
			"type": "aws_s3_bucket",
			"name": "webshop-product-images",
			"file": "infra/terraform/storage.tf",
			"line": 67,
			"attrs": {
				"bucket": "webshop-product-images",
				"lines": {},
				"tags": {
					"data_classification": "public",
					"owner": "storefront"
				},
				"tags_all": {
					"data_classification": "public",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "storefront",
					"system": "webshop"
				},
				"tf_address": "aws_s3_bucket.product_images"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/ServiceAccount/api": {
			"id": "k8s:shop/ServiceAccount/api",
			"kind": "identity",
			"type": "ServiceAccount",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 7,
			"attrs": {
				"annotations": {
					"eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/webshop-prod-api"
				},
				"api_version": "v1",
				"automount_service_account_token": null,
				"aws_role_arn": "arn:aws:iam::123456789012:role/webshop-prod-api",
				"image_pull_secrets": null,
				"labels": {
					"app.kubernetes.io/name": "api",
					"app.kubernetes.io/part-of": "webshop"
				},
				"lines": {},
				"namespace": "shop",
				"secrets": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"rbac": {
					"bindings": [],
					"capabilities": [],
					"cluster_admin": false,
					"dangerous": [],
					"permissions": 0,
					"scopes": []
				}
			}
		}
	},
	"paths": []
}

launch_template := {
	"id": "infra/terraform:aws_launch_template.node",
	"kind": "workload",
	"type": "aws_launch_template",
	"name": "webshop-prod-node-",
	"file": "infra/terraform/eks.tf",
	"line": 147,
	"attrs": {
		"metadata_options": [
			{
				"http_endpoint": "enabled",
				"http_put_response_hop_limit": 2,
				"http_tokens": "optional"
			}
		]
	},
	"derived": {
		"owner": {
			"owner": "owner:@acme/platform",
			"name": "Platform team",
			"source": "seam.yaml"
		}
	},
	"out": [],
	"in": [
		{
			"kind": "runs",
			"from": "infra/terraform:aws_eks_node_group.default",
			"attrs": {}
		}
	],
	"neighbours": {
		"infra/terraform:aws_eks_node_group.default": {
			"id": "infra/terraform:aws_eks_node_group.default",
			"kind": "host",
			"type": "aws_eks_node_group",
			"name": "default",
			"file": "infra/terraform/eks.tf",
			"line": 177,
			"attrs": {
				"cluster_name": "webshop-prod",
				"instance_types": [
					"m6i.large"
				],
				"launch_template": [
					{
						"id": {
							"$unknown": "aws_launch_template.node.id"
						},
						"version": {
							"$unknown": "aws_launch_template.node.latest_version"
						}
					}
				],
				"node_group_name": "default",
				"node_role_arn": {
					"$unknown": "aws_iam_role.node.arn"
				},
				"scaling_config": [
					{
						"desired_size": 3,
						"max_size": 9,
						"min_size": 3
					}
				],
				"subnet_ids": [
					{
						"$unknown": "aws_subnet.private[\"eu-west-1a\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1b\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1c\"].id"
					}
				],
				"tags_all": {
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "platform",
					"system": "webshop"
				},
				"tf_address": "aws_eks_node_group.default"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		}
	},
	"paths": []
}

node_group := {
	"id": "infra/terraform:aws_eks_node_group.default",
	"kind": "host",
	"type": "aws_eks_node_group",
	"name": "default",
	"file": "infra/terraform/eks.tf",
	"line": 177,
	"attrs": {
		"cluster_name": "webshop-prod",
		"instance_types": [
			"m6i.large"
		],
		"launch_template": [
			{
				"id": {
					"$unknown": "aws_launch_template.node.id"
				},
				"version": {
					"$unknown": "aws_launch_template.node.latest_version"
				}
			}
		],
		"node_group_name": "default",
		"node_role_arn": {
			"$unknown": "aws_iam_role.node.arn"
		},
		"scaling_config": [
			{
				"desired_size": 3,
				"max_size": 9,
				"min_size": 3
			}
		],
		"subnet_ids": [
			{
				"$unknown": "aws_subnet.private[\"eu-west-1a\"].id"
			},
			{
				"$unknown": "aws_subnet.private[\"eu-west-1b\"].id"
			},
			{
				"$unknown": "aws_subnet.private[\"eu-west-1c\"].id"
			}
		],
		"tags_all": {
			"environment": "prod",
			"managed_by": "terraform",
			"owner": "platform",
			"system": "webshop"
		},
		"tf_address": "aws_eks_node_group.default"
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/platform",
			"name": "Platform team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "runs",
			"to": "infra/terraform:aws_launch_template.node",
			"attrs": {}
		}
	],
	"in": [
		{
			"kind": "runs-on",
			"from": "k8s:shop/Deployment/api",
			"attrs": {
				"method": "cluster-nodes"
			}
		},
		{
			"kind": "runs-on",
			"from": "k8s:shop/Deployment/storefront",
			"attrs": {
				"method": "cluster-nodes"
			}
		},
		{
			"kind": "runs-on",
			"from": "k8s:shop/Deployment/worker",
			"attrs": {
				"method": "cluster-nodes"
			}
		}
	],
	"neighbours": {
		"infra/terraform:aws_launch_template.node": {
			"id": "infra/terraform:aws_launch_template.node",
			"kind": "workload",
			"type": "aws_launch_template",
			"name": "webshop-prod-node-",
			"file": "infra/terraform/eks.tf",
			"line": 147,
			"attrs": {
				"metadata_options": [
					{
						"http_endpoint": "enabled",
						"http_put_response_hop_limit": 2,
						"http_tokens": "optional"
					}
				]
			},
			"derived": {
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/Deployment/api": {
			"id": "k8s:shop/Deployment/api",
			"kind": "workload",
			"type": "Deployment",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 18,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
						"line": 44,
						"name": "api",
						"security_context": {
							"allow_privilege_escalation": false,
							"capabilities": {
								"add": null,
								"drop": [
									"ALL"
								]
							},
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": true,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {
					"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76,
					"spec.template.spec.containers[0].securityContext.capabilities": 78,
					"spec.template.spec.securityContext": 39
				},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": true,
					"run_as_user": null,
					"seccomp_profile": "RuntimeDefault",
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "api",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/api"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						8080
					]
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"
				}
			}
		},
		"k8s:shop/Deployment/storefront": {
			"id": "k8s:shop/Deployment/storefront",
			"kind": "workload",
			"type": "Deployment",
			"name": "storefront",
			"file": "deploy/k8s/storefront.yaml",
			"line": 4,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
						"line": 25,
						"name": "storefront",
						"security_context": {
							"allow_privilege_escalation": null,
							"capabilities": null,
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": null,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null,
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "default",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/storefront"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						3000
					]
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": false,
					"policies": [
						"k8s:shop/NetworkPolicy/storefront-from-ingress"
					],
					"reason": "NetworkPolicies select k8s:shop/Deployment/storefront (1); workloads of the scanned files they admit: 0",
					"sources": []
				}
			}
		},
		"k8s:shop/Deployment/worker": {
			"id": "k8s:shop/Deployment/worker",
			"kind": "workload",
			"type": "Deployment",
			"name": "worker",
			"file": "deploy/k8s/worker.yaml",
			"line": 14,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/worker:0.9.1",
						"line": 36,
						"name": "worker",
						"security_context": {
							"allow_privilege_escalation": null,
							"capabilities": null,
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": null,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null,
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "worker",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/worker"
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/worker: every pod in the cluster can reach it"
				}
			}
		}
	},
	"paths": []
}

orders_db := {
	"id": "infra/terraform:aws_db_instance.orders",
	"kind": "datastore",
	"type": "aws_db_instance",
	"name": "webshop-prod-orders",
	"file": "infra/terraform/database.tf",
	"line": 29,
	"attrs": {
		"allocated_storage": 100,
		"backup_retention_period": 14,
		"db_name": "orders",
		"db_subnet_group_name": "webshop-prod-orders",
		"deletion_protection": true,
		"engine": "postgres",
		"engine_version": "16.3",
		"final_snapshot_identifier": "webshop-prod-orders-final",
		"identifier": "webshop-prod-orders",
		"instance_class": "db.t4g.medium",
		"lines": {},
		"manage_master_user_password": true,
		"max_allocated_storage": 500,
		"multi_az": true,
		"publicly_accessible": false,
		"skip_final_snapshot": false,
		"storage_encrypted": true,
		"storage_type": "gp3",
		"tags": {
			"data_classification": "pci",
			"owner": "payments"
		},
		"tags_all": {
			"data_classification": "pci",
			"environment": "prod",
			"managed_by": "terraform",
			"owner": "payments",
			"system": "webshop"
		},
		"tf_address": "aws_db_instance.orders",
		"username": "webshop_admin",
		"vpc_security_group_ids": [
			{
				"$unknown": "aws_security_group.db.id"
			}
		]
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "holds",
			"to": "data-class:pci",
			"attrs": {
				"method": "tag"
			}
		},
		{
			"kind": "holds",
			"to": "data-class:pii",
			"attrs": {
				"method": "seam.yaml"
			}
		}
	],
	"in": [
		{
			"kind": "network-reach",
			"from": "infra/terraform:aws_launch_template.node",
			"attrs": {
				"method": "security-group"
			}
		},
		{
			"kind": "connects-to",
			"from": "k8s:shop/Deployment/api",
			"attrs": {
				"method": "secret-hint"
			}
		},
		{
			"kind": "network-reach",
			"from": "k8s:shop/Deployment/api",
			"attrs": {
				"method": "security-group"
			}
		},
		{
			"kind": "network-reach",
			"from": "k8s:shop/Deployment/storefront",
			"attrs": {
				"method": "security-group"
			}
		},
		{
			"kind": "connects-to",
			"from": "k8s:shop/Deployment/worker",
			"attrs": {
				"method": "secret-hint"
			}
		},
		{
			"kind": "network-reach",
			"from": "k8s:shop/Deployment/worker",
			"attrs": {
				"method": "security-group"
			}
		}
	],
	"neighbours": {
		"data-class:pci": {
			"id": "data-class:pci",
			"kind": "data-class",
			"type": "data-class",
			"name": "pci",
			"file": "seam.yaml",
			"line": 61,
			"attrs": {
				"description": "Payment tokens of stored cards",
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pci*"
				}
			},
			"derived": {}
		},
		"data-class:pii": {
			"id": "data-class:pii",
			"kind": "data-class",
			"type": "data-class",
			"name": "pii",
			"file": "seam.yaml",
			"line": 56,
			"attrs": {
				"description": "Customers' names, addresses, ID scans and invoices",
				"resources": [
					"infra/terraform:aws_db_instance.orders"
				],
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pii*"
				}
			},
			"derived": {}
		},
		"infra/terraform:aws_launch_template.node": {
			"id": "infra/terraform:aws_launch_template.node",
			"kind": "workload",
			"type": "aws_launch_template",
			"name": "webshop-prod-node-",
			"file": "infra/terraform/eks.tf",
			"line": 147,
			"attrs": {
				"metadata_options": [
					{
						"http_endpoint": "enabled",
						"http_put_response_hop_limit": 2,
						"http_tokens": "optional"
					}
				]
			},
			"derived": {
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/Deployment/api": {
			"id": "k8s:shop/Deployment/api",
			"kind": "workload",
			"type": "Deployment",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 18,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
						"line": 44,
						"name": "api",
						"security_context": {
							"allow_privilege_escalation": false,
							"capabilities": {
								"add": null,
								"drop": [
									"ALL"
								]
							},
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": true,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {
					"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76,
					"spec.template.spec.containers[0].securityContext.capabilities": 78,
					"spec.template.spec.securityContext": 39
				},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": true,
					"run_as_user": null,
					"seccomp_profile": "RuntimeDefault",
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "api",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/api"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						8080
					]
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"
				}
			}
		},
		"k8s:shop/Deployment/storefront": {
			"id": "k8s:shop/Deployment/storefront",
			"kind": "workload",
			"type": "Deployment",
			"name": "storefront",
			"file": "deploy/k8s/storefront.yaml",
			"line": 4,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
						"line": 25,
						"name": "storefront",
						"security_context": {
							"allow_privilege_escalation": null,
							"capabilities": null,
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": null,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null,
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "default",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/storefront"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						3000
					]
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": false,
					"policies": [
						"k8s:shop/NetworkPolicy/storefront-from-ingress"
					],
					"reason": "NetworkPolicies select k8s:shop/Deployment/storefront (1); workloads of the scanned files they admit: 0",
					"sources": []
				}
			}
		},
		"k8s:shop/Deployment/worker": {
			"id": "k8s:shop/Deployment/worker",
			"kind": "workload",
			"type": "Deployment",
			"name": "worker",
			"file": "deploy/k8s/worker.yaml",
			"line": 14,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/worker:0.9.1",
						"line": 36,
						"name": "worker",
						"security_context": {
							"allow_privilege_escalation": null,
							"capabilities": null,
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": null,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null,
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "worker",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/worker"
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/worker: every pod in the cluster can reach it"
				}
			}
		}
	},
	"paths": []
}

sa_api := {
	"id": "k8s:shop/ServiceAccount/api",
	"kind": "identity",
	"type": "ServiceAccount",
	"name": "api",
	"file": "deploy/k8s/api.yaml",
	"line": 7,
	"attrs": {
		"annotations": {
			"eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/webshop-prod-api"
		},
		"api_version": "v1",
		"automount_service_account_token": null,
		"aws_role_arn": "arn:aws:iam::123456789012:role/webshop-prod-api",
		"image_pull_secrets": null,
		"labels": {
			"app.kubernetes.io/name": "api",
			"app.kubernetes.io/part-of": "webshop"
		},
		"lines": {},
		"namespace": "shop",
		"secrets": null
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		},
		"rbac": {
			"bindings": [],
			"capabilities": [],
			"cluster_admin": false,
			"dangerous": [],
			"permissions": 0,
			"scopes": []
		}
	},
	"out": [
		{
			"kind": "uses-identity",
			"to": "infra/terraform:module.irsa_api.aws_iam_role.this",
			"attrs": {
				"method": "irsa"
			}
		}
	],
	"in": [
		{
			"kind": "uses-identity",
			"from": "k8s:shop/Deployment/api",
			"attrs": {}
		}
	],
	"neighbours": {
		"k8s:shop/Deployment/api": {
			"id": "k8s:shop/Deployment/api",
			"kind": "workload",
			"type": "Deployment",
			"name": "api",
			"file": "deploy/k8s/api.yaml",
			"line": 18,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2",
						"line": 44,
						"name": "api",
						"security_context": {
							"allow_privilege_escalation": false,
							"capabilities": {
								"add": null,
								"drop": [
									"ALL"
								]
							},
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": true,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {
					"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation": 76,
					"spec.template.spec.containers[0].securityContext.capabilities": 78,
					"spec.template.spec.securityContext": 39
				},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": true,
					"run_as_user": null,
					"seccomp_profile": "RuntimeDefault",
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "api",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/api"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						8080
					]
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": true,
					"reason": "no NetworkPolicy selects k8s:shop/Deployment/api: every pod in the cluster can reach it"
				}
			}
		},
		"infra/terraform:module.irsa_api.aws_iam_role.this": {
			"id": "infra/terraform:module.irsa_api.aws_iam_role.this",
			"kind": "identity",
			"type": "aws_iam_role",
			"name": "webshop-prod-api",
			"file": "infra/terraform/modules/irsa/main.tf",
			"line": 28,
			"attrs": {
				"assume_role_policy": {
					"Statement": [
						{
							"Action": [
								"sts:AssumeRoleWithWebIdentity"
							],
							"Condition": {
								"StringEquals": {
									"${var.oidc_issuer_host}:aud": [
										"sts.amazonaws.com"
									],
									"${var.oidc_issuer_host}:sub": [
										"system:serviceaccount:shop:api"
									]
								}
							},
							"Effect": "Allow",
							"Principal": {
								"Federated": [
									{
										"$unknown": "aws_iam_openid_connect_provider.eks.arn"
									}
								]
							}
						}
					],
					"Version": "2012-10-17"
				},
				"description": "IRSA role of shop/api",
				"max_session_duration": 3600,
				"name": "webshop-prod-api",
				"tags_all": {
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "platform",
					"system": "webshop"
				},
				"tf_address": "module.irsa_api.aws_iam_role.this",
				"tf_module": "module.irsa_api"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		}
	},
	"paths": []
}

storefront := {
	"id": "k8s:shop/Deployment/storefront",
	"kind": "workload",
	"type": "Deployment",
	"name": "storefront",
	"file": "deploy/k8s/storefront.yaml",
	"line": 4,
	"attrs": {
		"automount_effective": true,
		"containers": [
			{
				"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
				"line": 25,
				"name": "storefront",
				"security_context": {
					"allow_privilege_escalation": null,
					"capabilities": null,
					"privileged": null,
					"proc_mount": null,
					"read_only_root_filesystem": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null
				}
			}
		],
		"host_ipc": false,
		"host_network": false,
		"host_pid": false,
		"lines": {},
		"namespace": "shop",
		"security_context": {
			"fs_group": null,
			"run_as_group": null,
			"run_as_non_root": null,
			"run_as_user": null,
			"seccomp_profile": null,
			"supplemental_groups": null,
			"sysctls": null
		},
		"service_account_name": "default",
		"volumes": null
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"egress": {
			"internet_reachable": true,
			"limited": false,
			"metadata_reachable": true,
			"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/storefront"
		},
		"exposure": {
			"internet": true,
			"authentication": "none",
			"ports": [
				3000
			]
		},
		"owner": {
			"owner": "owner:@acme/storefront",
			"name": "Storefront team",
			"source": "seam.yaml"
		},
		"reachable_from_cluster": {
			"all_pods": false,
			"policies": [
				"k8s:shop/NetworkPolicy/storefront-from-ingress"
			],
			"reason": "NetworkPolicies select k8s:shop/Deployment/storefront (1); workloads of the scanned files they admit: 0",
			"sources": []
		}
	},
	"out": [
		{
			"kind": "runs",
			"to": "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
			"attrs": {}
		},
		{
			"kind": "runs-on",
			"to": "infra/terraform:aws_eks_node_group.default",
			"attrs": {
				"method": "cluster-nodes"
			}
		},
		{
			"kind": "uses-identity",
			"to": "k8s:shop/ServiceAccount/default",
			"attrs": {}
		}
	],
	"in": [
		{
			"kind": "routes-to",
			"from": "k8s:shop/Service/storefront",
			"attrs": {}
		}
	],
	"neighbours": {
		"image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0": {
			"id": "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
			"kind": "image",
			"type": "container image",
			"name": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
			"file": "deploy/k8s/storefront.yaml",
			"line": 26,
			"attrs": {
				"ref": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_eks_node_group.default": {
			"id": "infra/terraform:aws_eks_node_group.default",
			"kind": "host",
			"type": "aws_eks_node_group",
			"name": "default",
			"file": "infra/terraform/eks.tf",
			"line": 177,
			"attrs": {
				"cluster_name": "webshop-prod",
				"instance_types": [
					"m6i.large"
				],
				"launch_template": [
					{
						"id": {
							"$unknown": "aws_launch_template.node.id"
						},
						"version": {
							"$unknown": "aws_launch_template.node.latest_version"
						}
					}
				],
				"node_group_name": "default",
				"node_role_arn": {
					"$unknown": "aws_iam_role.node.arn"
				},
				"scaling_config": [
					{
						"desired_size": 3,
						"max_size": 9,
						"min_size": 3
					}
				],
				"subnet_ids": [
					{
						"$unknown": "aws_subnet.private[\"eu-west-1a\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1b\"].id"
					},
					{
						"$unknown": "aws_subnet.private[\"eu-west-1c\"].id"
					}
				],
				"tags_all": {
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "platform",
					"system": "webshop"
				},
				"tf_address": "aws_eks_node_group.default"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"k8s:shop/ServiceAccount/default": {
			"id": "k8s:shop/ServiceAccount/default",
			"kind": "identity",
			"type": "ServiceAccount",
			"name": "default",
			"file": "deploy/k8s/storefront.yaml",
			"line": 4,
			"attrs": {
				"namespace": "shop"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				},
				"rbac": {
					"bindings": [],
					"capabilities": [],
					"cluster_admin": false,
					"dangerous": [],
					"permissions": 0,
					"scopes": []
				}
			}
		},
		"k8s:shop/Service/storefront": {
			"id": "k8s:shop/Service/storefront",
			"kind": "exposure",
			"type": "Service",
			"name": "storefront",
			"file": "deploy/k8s/storefront.yaml",
			"line": 38,
			"attrs": {
				"api_version": "v1",
				"cluster_ip": "",
				"external_ips": null,
				"external_name": "",
				"external_traffic_policy": "",
				"labels": {
					"app.kubernetes.io/name": "storefront"
				},
				"lines": {},
				"load_balancer_class": null,
				"load_balancer_source_ranges": null,
				"namespace": "shop",
				"ports": [
					{
						"name": "http",
						"port": 80,
						"protocol": "TCP",
						"target_port": "http"
					}
				],
				"selector": {
					"app.kubernetes.io/name": "storefront"
				},
				"type": "ClusterIP"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				}
			}
		}
	},
	"paths": []
}

storefront_np := {
	"id": "k8s:shop/NetworkPolicy/storefront-from-ingress",
	"kind": "network",
	"type": "NetworkPolicy",
	"name": "storefront-from-ingress",
	"file": "deploy/k8s/network-policies.yaml",
	"line": 5,
	"attrs": {
		"api_version": "networking.k8s.io/v1",
		"default_deny_egress": false,
		"default_deny_ingress": false,
		"egress": null,
		"ingress": [
			{
				"from": [
					{
						"namespace_selector": {
							"match_expressions": null,
							"match_labels": {
								"kubernetes.io/metadata.name": "ingress-nginx"
							},
							"string": "kubernetes.io/metadata.name=ingress-nginx"
						},
						"pod_selector": null
					}
				],
				"ports": [
					{
						"end_port": null,
						"port": 3000,
						"protocol": "TCP"
					}
				]
			}
		],
		"namespace": "shop",
		"pod_selector": {
			"match_expressions": null,
			"match_labels": {
				"app.kubernetes.io/name": "storefront"
			},
			"string": "app.kubernetes.io/name=storefront"
		},
		"policy_types": [
			"Ingress"
		],
		"selects_all_pods": false
	},
	"derived": {
		"owner": {
			"owner": "owner:@acme/platform",
			"name": "Platform team",
			"source": "seam.yaml"
		}
	},
	"out": [
		{
			"kind": "selects",
			"to": "k8s:shop/Deployment/storefront",
			"attrs": {}
		}
	],
	"in": [],
	"neighbours": {
		"k8s:shop/Deployment/storefront": {
			"id": "k8s:shop/Deployment/storefront",
			"kind": "workload",
			"type": "Deployment",
			"name": "storefront",
			"file": "deploy/k8s/storefront.yaml",
			"line": 4,
			"attrs": {
				"automount_effective": true,
				"containers": [
					{
						"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/storefront:2.3.0",
						"line": 25,
						"name": "storefront",
						"security_context": {
							"allow_privilege_escalation": null,
							"capabilities": null,
							"privileged": null,
							"proc_mount": null,
							"read_only_root_filesystem": null,
							"run_as_group": null,
							"run_as_non_root": null,
							"run_as_user": null,
							"seccomp_profile": null
						}
					}
				],
				"host_ipc": false,
				"host_network": false,
				"host_pid": false,
				"lines": {},
				"namespace": "shop",
				"security_context": {
					"fs_group": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null,
					"supplemental_groups": null,
					"sysctls": null
				},
				"service_account_name": "default",
				"volumes": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"egress": {
					"internet_reachable": true,
					"limited": false,
					"metadata_reachable": true,
					"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/storefront"
				},
				"exposure": {
					"internet": true,
					"authentication": "none",
					"ports": [
						3000
					]
				},
				"owner": {
					"owner": "owner:@acme/storefront",
					"name": "Storefront team",
					"source": "seam.yaml"
				},
				"reachable_from_cluster": {
					"all_pods": false,
					"policies": [
						"k8s:shop/NetworkPolicy/storefront-from-ingress"
					],
					"reason": "NetworkPolicies select k8s:shop/Deployment/storefront (1); workloads of the scanned files they admit: 0",
					"sources": []
				}
			}
		}
	},
	"paths": []
}

worker := {
	"id": "k8s:shop/Deployment/worker",
	"kind": "workload",
	"type": "Deployment",
	"name": "worker",
	"file": "deploy/k8s/worker.yaml",
	"line": 14,
	"attrs": {
		"automount_effective": true,
		"containers": [
			{
				"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/worker:0.9.1",
				"line": 36,
				"name": "worker",
				"security_context": {
					"allow_privilege_escalation": null,
					"capabilities": null,
					"privileged": null,
					"proc_mount": null,
					"read_only_root_filesystem": null,
					"run_as_group": null,
					"run_as_non_root": null,
					"run_as_user": null,
					"seccomp_profile": null
				}
			}
		],
		"host_ipc": false,
		"host_network": false,
		"host_pid": false,
		"lines": {},
		"namespace": "shop",
		"security_context": {
			"fs_group": null,
			"run_as_group": null,
			"run_as_non_root": null,
			"run_as_user": null,
			"seccomp_profile": null,
			"supplemental_groups": null,
			"sysctls": null
		},
		"service_account_name": "worker",
		"volumes": null
	},
	"derived": {
		"criticality": {
			"tier": "tier-1",
			"rank": 1
		},
		"egress": {
			"internet_reachable": true,
			"limited": false,
			"metadata_reachable": true,
			"reason": "no NetworkPolicy limits the egress of k8s:shop/Deployment/worker"
		},
		"owner": {
			"owner": "owner:@acme/payments",
			"name": "Payments team",
			"source": "seam.yaml"
		},
		"reachable_from_cluster": {
			"all_pods": true,
			"reason": "no NetworkPolicy selects k8s:shop/Deployment/worker: every pod in the cluster can reach it"
		}
	},
	"out": [
		{
			"kind": "connects-to",
			"to": "infra/terraform:aws_db_instance.orders",
			"attrs": {
				"method": "secret-hint"
			}
		},
		{
			"kind": "connects-to",
			"to": "infra/terraform:aws_s3_bucket.customer_documents",
			"attrs": {
				"method": "config-map"
			}
		},
		{
			"kind": "connects-to",
			"to": "infra/terraform:aws_s3_bucket.product_images",
			"attrs": {
				"method": "config-map"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:credentials",
			"attrs": {
				"access": [
					"read"
				],
				"method": "secret-reference"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:pci",
			"attrs": {
				"access": [
					"read",
					"write"
				],
				"method": "connects-to"
			}
		},
		{
			"kind": "handles",
			"to": "data-class:pii",
			"attrs": {
				"access": [
					"read",
					"write"
				],
				"method": "connects-to"
			}
		},
		{
			"kind": "network-reach",
			"to": "infra/terraform:aws_db_instance.orders",
			"attrs": {
				"method": "security-group"
			}
		},
		{
			"kind": "uses-identity",
			"to": "k8s:shop/ServiceAccount/worker",
			"attrs": {}
		}
	],
	"in": [],
	"neighbours": {
		"infra/terraform:aws_db_instance.orders": {
			"id": "infra/terraform:aws_db_instance.orders",
			"kind": "datastore",
			"type": "aws_db_instance",
			"name": "webshop-prod-orders",
			"file": "infra/terraform/database.tf",
			"line": 29,
			"attrs": {
				"allocated_storage": 100,
				"backup_retention_period": 14,
				"db_name": "orders",
				"db_subnet_group_name": "webshop-prod-orders",
				"deletion_protection": true,
				"engine": "postgres",
				"engine_version": "16.3",
				"final_snapshot_identifier": "webshop-prod-orders-final",
				"identifier": "webshop-prod-orders",
				"instance_class": "db.t4g.medium",
				"lines": {},
				"manage_master_user_password": true,
				"max_allocated_storage": 500,
				"multi_az": true,
				"publicly_accessible": false,
				"skip_final_snapshot": false,
				"storage_encrypted": true,
				"storage_type": "gp3",
				"tags": {
					"data_classification": "pci",
					"owner": "payments"
				},
				"tags_all": {
					"data_classification": "pci",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "payments",
					"system": "webshop"
				},
				"tf_address": "aws_db_instance.orders",
				"username": "webshop_admin",
				"vpc_security_group_ids": [
					{
						"$unknown": "aws_security_group.db.id"
					}
				]
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_s3_bucket.customer_documents": {
			"id": "infra/terraform:aws_s3_bucket.customer_documents",
			"kind": "datastore",
			"type": "aws_s3_bucket",
			"name": "customer-documents",
			"file": "infra/terraform/storage.tf",
			"line": 20,
			"attrs": {
				"bucket": "customer-documents",
				"lines": {},
				"tags": {
					"data_classification": "pii",
					"owner": "payments"
				},
				"tags_all": {
					"data_classification": "pii",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "payments",
					"system": "webshop"
				},
				"tf_address": "aws_s3_bucket.customer_documents"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				}
			}
		},
		"infra/terraform:aws_s3_bucket.product_images": {
			"id": "infra/terraform:aws_s3_bucket.product_images",
			"kind": "datastore",
			"type": "aws_s3_bucket",
			"name": "webshop-product-images",
			"file": "infra/terraform/storage.tf",
			"line": 67,
			"attrs": {
				"bucket": "webshop-product-images",
				"lines": {},
				"tags": {
					"data_classification": "public",
					"owner": "storefront"
				},
				"tags_all": {
					"data_classification": "public",
					"environment": "prod",
					"managed_by": "terraform",
					"owner": "storefront",
					"system": "webshop"
				},
				"tf_address": "aws_s3_bucket.product_images"
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/platform",
					"name": "Platform team",
					"source": "seam.yaml"
				}
			}
		},
		"data-class:credentials": {
			"id": "data-class:credentials",
			"kind": "data-class",
			"type": "data-class",
			"name": "credentials",
			"file": "seam.yaml",
			"line": 65,
			"attrs": {
				"description": "Database and cloud credentials",
				"resources": [
					"k8s:shop/Secret/*"
				],
				"source": "seam.yaml"
			},
			"derived": {}
		},
		"data-class:pci": {
			"id": "data-class:pci",
			"kind": "data-class",
			"type": "data-class",
			"name": "pci",
			"file": "seam.yaml",
			"line": 61,
			"attrs": {
				"description": "Payment tokens of stored cards",
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pci*"
				}
			},
			"derived": {}
		},
		"data-class:pii": {
			"id": "data-class:pii",
			"kind": "data-class",
			"type": "data-class",
			"name": "pii",
			"file": "seam.yaml",
			"line": 56,
			"attrs": {
				"description": "Customers' names, addresses, ID scans and invoices",
				"resources": [
					"infra/terraform:aws_db_instance.orders"
				],
				"source": "seam.yaml",
				"tags": {
					"data_classification": "pii*"
				}
			},
			"derived": {}
		},
		"k8s:shop/ServiceAccount/worker": {
			"id": "k8s:shop/ServiceAccount/worker",
			"kind": "identity",
			"type": "ServiceAccount",
			"name": "worker",
			"file": "deploy/k8s/worker.yaml",
			"line": 3,
			"attrs": {
				"annotations": {
					"eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/webshop-prod-worker"
				},
				"api_version": "v1",
				"automount_service_account_token": null,
				"aws_role_arn": "arn:aws:iam::123456789012:role/webshop-prod-worker",
				"image_pull_secrets": null,
				"labels": {
					"app.kubernetes.io/name": "worker",
					"app.kubernetes.io/part-of": "webshop"
				},
				"lines": {},
				"namespace": "shop",
				"secrets": null
			},
			"derived": {
				"criticality": {
					"tier": "tier-1",
					"rank": 1
				},
				"owner": {
					"owner": "owner:@acme/payments",
					"name": "Payments team",
					"source": "seam.yaml"
				},
				"rbac": {
					"bindings": [],
					"capabilities": [],
					"cluster_admin": false,
					"dangerous": [],
					"permissions": 0,
					"scopes": []
				}
			}
		}
	},
	"paths": []
}

