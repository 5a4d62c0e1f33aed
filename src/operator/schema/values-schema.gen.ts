// Generated from Istio 1.30 operator/pkg/apis/values_types.proto field names and types by
// test/operator/values-schema-gen.test.ts (ISTIO_SRC=... SAILCTL_WRITE_SCHEMA=1). Do not edit.
export const VALUES_SCHEMA: Record<string, unknown> = {
 "$ref": "#/definitions/Values",
 "definitions": {
  "Agentgateway": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "image": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "ArchConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "amd64": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "ppc64le": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "s390x": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "arm64": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "BaseConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enableCRDTemplates": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "excludedCRDs": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "validationURL": {
     "type": [
      "string",
      "null"
     ]
    },
    "enableIstioConfigCRDs": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "validateGateway": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "validationCABundle": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "CNIAmbientConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "configDir": {
     "type": [
      "string",
      "null"
     ]
    },
    "dnsCapture": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "ipv6": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "reconcileIptablesOnStartup": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "CNIConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "hub": {
     "type": [
      "string",
      "null"
     ]
    },
    "tag": {},
    "variant": {
     "type": [
      "string",
      "null"
     ]
    },
    "image": {
     "type": [
      "string",
      "null"
     ]
    },
    "pullPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "cniBinDir": {
     "type": [
      "string",
      "null"
     ]
    },
    "cniConfDir": {
     "type": [
      "string",
      "null"
     ]
    },
    "cniConfFileName": {
     "type": [
      "string",
      "null"
     ]
    },
    "cniNetnsDir": {
     "type": [
      "string",
      "null"
     ]
    },
    "excludeNamespaces": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "affinity": {
     "type": [
      "object",
      "null"
     ]
    },
    "env": {
     "type": [
      "object",
      "null"
     ]
    },
    "daemonSetLabels": {
     "type": [
      "object",
      "null"
     ]
    },
    "podAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "podLabels": {
     "type": [
      "object",
      "null"
     ]
    },
    "pspClusterRole": {
     "type": [
      "string",
      "null"
     ]
    },
    "psp_cluster_role": {
     "type": [
      "string",
      "null"
     ]
    },
    "logLevel": {
     "type": [
      "string",
      "null"
     ]
    },
    "logging": {
     "anyOf": [
      {
       "$ref": "#/definitions/GlobalLoggingConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "repair": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIRepairConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "chained": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "resourceQuotas": {
     "anyOf": [
      {
       "$ref": "#/definitions/ResourceQuotas"
      },
      {
       "type": "null"
      }
     ]
    },
    "resource_quotas": {
     "anyOf": [
      {
       "$ref": "#/definitions/ResourceQuotas"
      },
      {
       "type": "null"
      }
     ]
    },
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    },
    "privileged": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "seccompProfile": {
     "type": [
      "object",
      "null"
     ]
    },
    "ambient": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIAmbientConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "provider": {
     "type": [
      "string",
      "null"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "istioOwnedCNIConfig": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "istioOwnedCNIConfigFileName": {
     "type": [
      "string",
      "null"
     ]
    },
    "useAppArmorAnnotation": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "CNIRepairConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "hub": {
     "type": [
      "string",
      "null"
     ]
    },
    "tag": {},
    "image": {
     "type": [
      "string",
      "null"
     ]
    },
    "labelPods": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "repairPods": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "createEvents": {
     "type": [
      "string",
      "null"
     ]
    },
    "deletePods": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "brokenPodLabelKey": {
     "type": [
      "string",
      "null"
     ]
    },
    "brokenPodLabelValue": {
     "type": [
      "string",
      "null"
     ]
    },
    "initContainerName": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "CNIUsageConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "chained": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "provider": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "DefaultPodDisruptionBudgetConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "DefaultResourcesConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "requests": {
     "anyOf": [
      {
       "$ref": "#/definitions/ResourcesRequestsConfig"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "EgressGatewayConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoscaleEnabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "memory": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "cpu": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "customService": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "env": {
     "type": [
      "object",
      "null"
     ]
    },
    "labels": {
     "type": [
      "object",
      "null"
     ],
     "additionalProperties": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "name": {
     "type": [
      "string",
      "null"
     ]
    },
    "nodeSelector": {
     "type": [
      "object",
      "null"
     ]
    },
    "podAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "podAntiAffinityLabelSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "podAntiAffinityTermLabelSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "ports": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "anyOf": [
       {
        "$ref": "#/definitions/PortsConfig"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    },
    "secretVolumes": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "anyOf": [
       {
        "$ref": "#/definitions/SecretVolume"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "serviceAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "type": {
     "type": [
      "string",
      "null"
     ]
    },
    "tolerations": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "configVolumes": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "additionalContainers": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "runAsRoot": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "injectionTemplate": {
     "type": [
      "string",
      "null"
     ]
    },
    "serviceAccount": {
     "anyOf": [
      {
       "$ref": "#/definitions/ServiceAccount"
      },
      {
       "type": "null"
      }
     ]
    },
    "ipFamilies": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "ipFamilyPolicy": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "ExperimentalConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "stableValidationPolicy": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "GatewaysConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "istio-egressgateway": {
     "anyOf": [
      {
       "$ref": "#/definitions/EgressGatewayConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "istio_egressgateway": {
     "anyOf": [
      {
       "$ref": "#/definitions/EgressGatewayConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "istio-ingressgateway": {
     "anyOf": [
      {
       "$ref": "#/definitions/IngressGatewayConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "istio_ingressgateway": {
     "anyOf": [
      {
       "$ref": "#/definitions/IngressGatewayConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "securityContext": {},
    "seccompProfile": {}
   }
  },
  "GlobalConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "arch": {
     "anyOf": [
      {
       "$ref": "#/definitions/ArchConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "certSigners": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "configValidation": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "defaultNodeSelector": {
     "type": [
      "object",
      "null"
     ]
    },
    "defaultPodDisruptionBudget": {
     "anyOf": [
      {
       "$ref": "#/definitions/DefaultPodDisruptionBudgetConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "defaultResources": {
     "anyOf": [
      {
       "$ref": "#/definitions/DefaultResourcesConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "defaultTolerations": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "hub": {
     "type": [
      "string",
      "null"
     ]
    },
    "imagePullPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "imagePullSecrets": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "istioNamespace": {
     "type": [
      "string",
      "null"
     ]
    },
    "logAsJson": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "logging": {
     "anyOf": [
      {
       "$ref": "#/definitions/GlobalLoggingConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "meshID": {
     "type": [
      "string",
      "null"
     ]
    },
    "meshNetworks": {
     "type": [
      "object",
      "null"
     ]
    },
    "multiCluster": {
     "anyOf": [
      {
       "$ref": "#/definitions/MultiClusterConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "network": {
     "type": [
      "string",
      "null"
     ]
    },
    "podDNSSearchNamespaces": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "omitSidecarInjectorConfigMap": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "operatorManageWebhooks": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "priorityClassName": {
     "type": [
      "string",
      "null"
     ]
    },
    "proxy": {
     "anyOf": [
      {
       "$ref": "#/definitions/ProxyConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "proxy_init": {
     "anyOf": [
      {
       "$ref": "#/definitions/ProxyInitConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "sds": {
     "anyOf": [
      {
       "$ref": "#/definitions/SDSConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "tag": {},
    "variant": {
     "type": [
      "string",
      "null"
     ]
    },
    "tracer": {
     "anyOf": [
      {
       "$ref": "#/definitions/TracerConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "remotePilotAddress": {
     "type": [
      "string",
      "null"
     ]
    },
    "istiod": {
     "anyOf": [
      {
       "$ref": "#/definitions/IstiodConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "pilotCertProvider": {
     "type": [
      "string",
      "null"
     ]
    },
    "jwtPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "sts": {
     "anyOf": [
      {
       "$ref": "#/definitions/STSConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "revision": {
     "type": [
      "string",
      "null"
     ]
    },
    "mountMtlsCerts": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "caAddress": {
     "type": [
      "string",
      "null"
     ]
    },
    "externalIstiod": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "configCluster": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "caName": {
     "type": [
      "string",
      "null"
     ]
    },
    "platform": {
     "type": [
      "string",
      "null"
     ]
    },
    "ipFamilies": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "ipFamilyPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "waypoint": {
     "anyOf": [
      {
       "$ref": "#/definitions/WaypointConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "trustBundleName": {
     "type": [
      "string",
      "null"
     ]
    },
    "nativeNftables": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "networkPolicy": {
     "anyOf": [
      {
       "$ref": "#/definitions/NetworkPolicyConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "resourceScope": {
     "anyOf": [
      {
       "enum": [
        "undefined",
        "all",
        "cluster",
        "namespace"
       ]
      },
      {
       "type": "integer"
      },
      {
       "type": "null"
      }
     ]
    },
    "agentgateway": {
     "anyOf": [
      {
       "$ref": "#/definitions/Agentgateway"
      },
      {
       "type": "null"
      }
     ]
    },
    "enableReaderRBAC": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "GlobalLoggingConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "level": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "IngressGatewayConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoscaleEnabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "memory": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "cpu": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "customService": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "env": {
     "type": [
      "object",
      "null"
     ]
    },
    "labels": {
     "type": [
      "object",
      "null"
     ],
     "additionalProperties": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "loadBalancerIP": {
     "type": [
      "string",
      "null"
     ]
    },
    "loadBalancerSourceRanges": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "name": {
     "type": [
      "string",
      "null"
     ]
    },
    "nodeSelector": {
     "type": [
      "object",
      "null"
     ]
    },
    "podAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "podAntiAffinityLabelSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "podAntiAffinityTermLabelSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "ports": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "anyOf": [
       {
        "$ref": "#/definitions/PortsConfig"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "replicaCount": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "resources": {
     "type": [
      "object",
      "null"
     ]
    },
    "secretVolumes": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "anyOf": [
       {
        "$ref": "#/definitions/SecretVolume"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "serviceAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "type": {
     "type": [
      "string",
      "null"
     ]
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "externalTrafficPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "tolerations": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "ingressPorts": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "additionalContainers": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "configVolumes": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "runAsRoot": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "injectionTemplate": {
     "type": [
      "string",
      "null"
     ]
    },
    "serviceAccount": {
     "anyOf": [
      {
       "$ref": "#/definitions/ServiceAccount"
      },
      {
       "type": "null"
      }
     ]
    },
    "ipFamilies": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "ipFamilyPolicy": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "IstiodConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enableAnalysis": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "IstiodRemoteConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "injectionURL": {
     "type": [
      "string",
      "null"
     ]
    },
    "injectionPath": {
     "type": [
      "string",
      "null"
     ]
    },
    "injectionCABundle": {
     "type": [
      "string",
      "null"
     ]
    },
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "enabledLocalInjectorIstiod": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "MultiClusterConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "clusterName": {
     "type": [
      "string",
      "null"
     ]
    },
    "globalDomainSuffix": {
     "type": [
      "string",
      "null"
     ]
    },
    "includeEnvoyFilter": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "NetworkPolicyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "OutboundTrafficPolicyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "mode": {
     "anyOf": [
      {
       "enum": [
        "ALLOW_ANY",
        "REGISTRY_ONLY"
       ]
      },
      {
       "type": "integer"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "PilotConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "autoscaleEnabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleBehavior": {
     "type": [
      "object",
      "null"
     ]
    },
    "replicaCount": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "image": {
     "type": [
      "string",
      "null"
     ]
    },
    "traceSampling": {
     "type": [
      "number",
      "string",
      "null"
     ]
    },
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    },
    "cpu": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "nodeSelector": {
     "type": [
      "object",
      "null"
     ]
    },
    "keepaliveMaxServerConnectionAge": {
     "type": [
      "string",
      "null"
     ],
     "pattern": "^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))*$|^[-+]?0$"
    },
    "deploymentLabels": {
     "type": [
      "object",
      "null"
     ]
    },
    "podLabels": {
     "type": [
      "object",
      "null"
     ]
    },
    "configMap": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "env": {
     "type": [
      "object",
      "null"
     ]
    },
    "affinity": {
     "type": [
      "object",
      "null"
     ]
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string",
      "null"
     ]
    },
    "tolerations": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "podAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "serviceAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "serviceAccountAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "jwksResolverExtraRootCA": {
     "type": [
      "string",
      "null"
     ]
    },
    "hub": {
     "type": [
      "string",
      "null"
     ]
    },
    "tag": {},
    "variant": {
     "type": [
      "string",
      "null"
     ]
    },
    "seccompProfile": {
     "type": [
      "object",
      "null"
     ]
    },
    "topologySpreadConstraints": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "extraContainerArgs": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "volumeMounts": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "volumes": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "ipFamilies": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "ipFamilyPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "memory": {
     "anyOf": [
      {
       "$ref": "#/definitions/TargetUtilizationConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "cni": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIUsageConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "taint": {
     "anyOf": [
      {
       "$ref": "#/definitions/PilotTaintControllerConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "trustedZtunnelNamespace": {
     "type": [
      "string",
      "null"
     ]
    },
    "istiodRemote": {
     "anyOf": [
      {
       "$ref": "#/definitions/IstiodRemoteConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "envVarFrom": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "crlConfigMapName": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "PilotIngressConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "ingressService": {
     "type": [
      "string",
      "null"
     ]
    },
    "ingressControllerMode": {
     "anyOf": [
      {
       "enum": [
        "UNSPECIFIED",
        "DEFAULT",
        "STRICT",
        "OFF"
       ]
      },
      {
       "type": "integer"
      },
      {
       "type": "null"
      }
     ]
    },
    "ingressClass": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "PilotPolicyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "PilotTaintControllerConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "namespace": {
     "type": [
      "string",
      "null"
     ]
    },
    "name": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "PortsConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "name": {
     "type": [
      "string",
      "null"
     ]
    },
    "port": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "nodePort": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "targetPort": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "protocol": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "ProxyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoInject": {
     "type": [
      "string",
      "null"
     ]
    },
    "clusterDomain": {
     "type": [
      "string",
      "null"
     ]
    },
    "componentLogLevel": {
     "type": [
      "string",
      "null"
     ]
    },
    "enableCoreDump": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "excludeInboundPorts": {
     "type": [
      "string",
      "null"
     ]
    },
    "excludeIPRanges": {
     "type": [
      "string",
      "null"
     ]
    },
    "image": {
     "type": [
      "string",
      "null"
     ]
    },
    "includeIPRanges": {
     "type": [
      "string",
      "null"
     ]
    },
    "logLevel": {
     "type": [
      "string",
      "null"
     ]
    },
    "outlierLogPath": {
     "type": [
      "string",
      "null"
     ]
    },
    "privileged": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "readinessInitialDelaySeconds": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "readinessPeriodSeconds": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "readinessFailureThreshold": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "seccompProfile": {
     "type": [
      "object",
      "null"
     ]
    },
    "startupProbe": {
     "anyOf": [
      {
       "$ref": "#/definitions/StartupProbe"
      },
      {
       "type": "null"
      }
     ]
    },
    "statusPort": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    },
    "tracer": {
     "anyOf": [
      {
       "enum": [
        "zipkin",
        "lightstep",
        "datadog",
        "stackdriver",
        "openCensusAgent",
        "none"
       ]
      },
      {
       "type": "integer"
      },
      {
       "type": "null"
      }
     ]
    },
    "excludeOutboundPorts": {
     "type": [
      "string",
      "null"
     ]
    },
    "lifecycle": {
     "type": [
      "object",
      "null"
     ]
    },
    "holdApplicationUntilProxyStarts": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "includeInboundPorts": {
     "type": [
      "string",
      "null"
     ]
    },
    "includeOutboundPorts": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "ProxyInitConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "image": {
     "type": [
      "string",
      "null"
     ]
    },
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "ResourceQuotas": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "pods": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "Resources": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "limits": {
     "type": [
      "object",
      "null"
     ],
     "additionalProperties": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "requests": {
     "type": [
      "object",
      "null"
     ],
     "additionalProperties": {
      "type": [
       "string",
       "null"
      ]
     }
    }
   }
  },
  "ResourcesRequestsConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "cpu": {
     "type": [
      "string",
      "null"
     ]
    },
    "memory": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "SDSConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "token": {
     "type": [
      "object",
      "null"
     ]
    }
   }
  },
  "SecretVolume": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "mountPath": {
     "type": [
      "string",
      "null"
     ]
    },
    "name": {
     "type": [
      "string",
      "null"
     ]
    },
    "secretName": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "ServiceAccount": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "annotations": {
     "type": [
      "object",
      "null"
     ]
    }
   }
  },
  "SidecarInjectorConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enableNamespacesByDefault": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "reinvocationPolicy": {
     "type": [
      "string",
      "null"
     ]
    },
    "neverInjectSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "alwaysInjectSelector": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "rewriteAppHTTPProbe": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "injectedAnnotations": {
     "type": [
      "object",
      "null"
     ]
    },
    "injectionURL": {
     "type": [
      "string",
      "null"
     ]
    },
    "templates": {
     "type": [
      "object",
      "null"
     ]
    },
    "defaultTemplates": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    }
   }
  },
  "StartupProbe": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "failureThreshold": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "STSConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "servicePort": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "TargetUtilizationConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "targetAverageUtilization": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "TelemetryConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "v2": {
     "anyOf": [
      {
       "$ref": "#/definitions/TelemetryV2Config"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "TelemetryV2Config": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "prometheus": {
     "anyOf": [
      {
       "$ref": "#/definitions/TelemetryV2PrometheusConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "stackdriver": {
     "anyOf": [
      {
       "$ref": "#/definitions/TelemetryV2StackDriverConfig"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "TelemetryV2PrometheusConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "TelemetryV2StackDriverConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": [
      "boolean",
      "null"
     ]
    }
   }
  },
  "TracerConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "datadog": {
     "anyOf": [
      {
       "$ref": "#/definitions/TracerDatadogConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "lightstep": {
     "anyOf": [
      {
       "$ref": "#/definitions/TracerLightStepConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "zipkin": {
     "anyOf": [
      {
       "$ref": "#/definitions/TracerZipkinConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "stackdriver": {
     "anyOf": [
      {
       "$ref": "#/definitions/TracerStackdriverConfig"
      },
      {
       "type": "null"
      }
     ]
    }
   }
  },
  "TracerDatadogConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "address": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "TracerLightStepConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "address": {
     "type": [
      "string",
      "null"
     ]
    },
    "accessToken": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "TracerStackdriverConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "debug": {
     "type": [
      "boolean",
      "null"
     ]
    },
    "maxNumberOfAttributes": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "maxNumberOfAnnotations": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    },
    "maxNumberOfMessageEvents": {
     "type": [
      "integer",
      "string",
      "null"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  },
  "TracerZipkinConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "address": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "Values": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "cni": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "gateways": {
     "anyOf": [
      {
       "$ref": "#/definitions/GatewaysConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "global": {
     "anyOf": [
      {
       "$ref": "#/definitions/GlobalConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "pilot": {
     "anyOf": [
      {
       "$ref": "#/definitions/PilotConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "ztunnel": {},
    "telemetry": {
     "anyOf": [
      {
       "$ref": "#/definitions/TelemetryConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "sidecarInjectorWebhook": {
     "anyOf": [
      {
       "$ref": "#/definitions/SidecarInjectorConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "istioCni": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIUsageConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "istio_cni": {
     "anyOf": [
      {
       "$ref": "#/definitions/CNIUsageConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "revision": {
     "type": [
      "string",
      "null"
     ]
    },
    "ownerName": {
     "type": [
      "string",
      "null"
     ]
    },
    "meshConfig": {},
    "base": {
     "anyOf": [
      {
       "$ref": "#/definitions/BaseConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "istiodRemote": {
     "anyOf": [
      {
       "$ref": "#/definitions/IstiodRemoteConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "revisionTags": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "defaultRevision": {
     "type": [
      "string",
      "null"
     ]
    },
    "profile": {
     "type": [
      "string",
      "null"
     ]
    },
    "compatibilityVersion": {
     "type": [
      "string",
      "null"
     ]
    },
    "experimental": {
     "anyOf": [
      {
       "$ref": "#/definitions/ExperimentalConfig"
      },
      {
       "type": "null"
      }
     ]
    },
    "gatewayClasses": {}
   }
  },
  "WaypointConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "resources": {
     "anyOf": [
      {
       "$ref": "#/definitions/Resources"
      },
      {
       "type": "null"
      }
     ]
    },
    "affinity": {
     "type": [
      "object",
      "null"
     ]
    },
    "topologySpreadConstraints": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "nodeSelector": {
     "type": [
      "object",
      "null"
     ]
    },
    "toleration": {
     "type": [
      "array",
      "null"
     ],
     "items": {
      "type": [
       "object",
       "null"
      ]
     }
    }
   }
  }
 }
};
