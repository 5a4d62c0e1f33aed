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
     "type": "string"
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
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "ppc64le": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "s390x": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "arm64": {
     "type": [
      "integer",
      "string"
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
     "type": "boolean"
    },
    "excludedCRDs": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "validationURL": {
     "type": "string"
    },
    "enableIstioConfigCRDs": {
     "type": "boolean"
    },
    "validateGateway": {
     "type": "boolean"
    },
    "validationCABundle": {
     "type": "string"
    }
   }
  },
  "CNIAmbientConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "configDir": {
     "type": "string"
    },
    "dnsCapture": {
     "type": "boolean"
    },
    "ipv6": {
     "type": "boolean"
    },
    "reconcileIptablesOnStartup": {
     "type": "boolean"
    }
   }
  },
  "CNIConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "hub": {
     "type": "string"
    },
    "tag": {},
    "variant": {
     "type": "string"
    },
    "image": {
     "type": "string"
    },
    "pullPolicy": {
     "type": "string"
    },
    "cniBinDir": {
     "type": "string"
    },
    "cniConfDir": {
     "type": "string"
    },
    "cniConfFileName": {
     "type": "string"
    },
    "cniNetnsDir": {
     "type": "string"
    },
    "excludeNamespaces": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "affinity": {
     "type": "object"
    },
    "env": {
     "type": "object"
    },
    "daemonSetLabels": {
     "type": "object"
    },
    "podAnnotations": {
     "type": "object"
    },
    "podLabels": {
     "type": "object"
    },
    "pspClusterRole": {
     "type": "string"
    },
    "psp_cluster_role": {
     "type": "string"
    },
    "logLevel": {
     "type": "string"
    },
    "logging": {
     "$ref": "#/definitions/GlobalLoggingConfig"
    },
    "repair": {
     "$ref": "#/definitions/CNIRepairConfig"
    },
    "chained": {
     "type": "boolean"
    },
    "resourceQuotas": {
     "$ref": "#/definitions/ResourceQuotas"
    },
    "resource_quotas": {
     "$ref": "#/definitions/ResourceQuotas"
    },
    "resources": {
     "$ref": "#/definitions/Resources"
    },
    "privileged": {
     "type": "boolean"
    },
    "seccompProfile": {
     "type": "object"
    },
    "ambient": {
     "$ref": "#/definitions/CNIAmbientConfig"
    },
    "provider": {
     "type": "string"
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string"
     ]
    },
    "istioOwnedCNIConfig": {
     "type": "boolean"
    },
    "istioOwnedCNIConfigFileName": {
     "type": "string"
    },
    "useAppArmorAnnotation": {
     "type": "boolean"
    }
   }
  },
  "CNIRepairConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "hub": {
     "type": "string"
    },
    "tag": {},
    "image": {
     "type": "string"
    },
    "labelPods": {
     "type": "boolean"
    },
    "repairPods": {
     "type": "boolean"
    },
    "createEvents": {
     "type": "string"
    },
    "deletePods": {
     "type": "boolean"
    },
    "brokenPodLabelKey": {
     "type": "string"
    },
    "brokenPodLabelValue": {
     "type": "string"
    },
    "initContainerName": {
     "type": "string"
    }
   }
  },
  "CNIUsageConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "chained": {
     "type": "boolean"
    },
    "provider": {
     "type": "string"
    }
   }
  },
  "DefaultPodDisruptionBudgetConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    }
   }
  },
  "DefaultResourcesConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "requests": {
     "$ref": "#/definitions/ResourcesRequestsConfig"
    }
   }
  },
  "EgressGatewayConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoscaleEnabled": {
     "type": "boolean"
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "memory": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "cpu": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "customService": {
     "type": "boolean"
    },
    "enabled": {
     "type": "boolean"
    },
    "env": {
     "type": "object"
    },
    "labels": {
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    },
    "name": {
     "type": "string"
    },
    "nodeSelector": {
     "type": "object"
    },
    "podAnnotations": {
     "type": "object"
    },
    "podAntiAffinityLabelSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "podAntiAffinityTermLabelSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "ports": {
     "type": "array",
     "items": {
      "$ref": "#/definitions/PortsConfig"
     }
    },
    "resources": {
     "$ref": "#/definitions/Resources"
    },
    "secretVolumes": {
     "type": "array",
     "items": {
      "$ref": "#/definitions/SecretVolume"
     }
    },
    "serviceAnnotations": {
     "type": "object"
    },
    "type": {
     "type": "string"
    },
    "tolerations": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string"
     ]
    },
    "configVolumes": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "additionalContainers": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "runAsRoot": {
     "type": "boolean"
    },
    "injectionTemplate": {
     "type": "string"
    },
    "serviceAccount": {
     "$ref": "#/definitions/ServiceAccount"
    },
    "ipFamilies": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "ipFamilyPolicy": {
     "type": "string"
    }
   }
  },
  "ExperimentalConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "stableValidationPolicy": {
     "type": "boolean"
    }
   }
  },
  "GatewaysConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "istio-egressgateway": {
     "$ref": "#/definitions/EgressGatewayConfig"
    },
    "istio_egressgateway": {
     "$ref": "#/definitions/EgressGatewayConfig"
    },
    "enabled": {
     "type": "boolean"
    },
    "istio-ingressgateway": {
     "$ref": "#/definitions/IngressGatewayConfig"
    },
    "istio_ingressgateway": {
     "$ref": "#/definitions/IngressGatewayConfig"
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
     "$ref": "#/definitions/ArchConfig"
    },
    "certSigners": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "configValidation": {
     "type": "boolean"
    },
    "defaultNodeSelector": {
     "type": "object"
    },
    "defaultPodDisruptionBudget": {
     "$ref": "#/definitions/DefaultPodDisruptionBudgetConfig"
    },
    "defaultResources": {
     "$ref": "#/definitions/DefaultResourcesConfig"
    },
    "defaultTolerations": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "hub": {
     "type": "string"
    },
    "imagePullPolicy": {
     "type": "string"
    },
    "imagePullSecrets": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "istioNamespace": {
     "type": "string"
    },
    "logAsJson": {
     "type": "boolean"
    },
    "logging": {
     "$ref": "#/definitions/GlobalLoggingConfig"
    },
    "meshID": {
     "type": "string"
    },
    "meshNetworks": {
     "type": "object"
    },
    "multiCluster": {
     "$ref": "#/definitions/MultiClusterConfig"
    },
    "network": {
     "type": "string"
    },
    "podDNSSearchNamespaces": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "omitSidecarInjectorConfigMap": {
     "type": "boolean"
    },
    "operatorManageWebhooks": {
     "type": "boolean"
    },
    "priorityClassName": {
     "type": "string"
    },
    "proxy": {
     "$ref": "#/definitions/ProxyConfig"
    },
    "proxy_init": {
     "$ref": "#/definitions/ProxyInitConfig"
    },
    "sds": {
     "$ref": "#/definitions/SDSConfig"
    },
    "tag": {},
    "variant": {
     "type": "string"
    },
    "tracer": {
     "$ref": "#/definitions/TracerConfig"
    },
    "remotePilotAddress": {
     "type": "string"
    },
    "istiod": {
     "$ref": "#/definitions/IstiodConfig"
    },
    "pilotCertProvider": {
     "type": "string"
    },
    "jwtPolicy": {
     "type": "string"
    },
    "sts": {
     "$ref": "#/definitions/STSConfig"
    },
    "revision": {
     "type": "string"
    },
    "mountMtlsCerts": {
     "type": "boolean"
    },
    "caAddress": {
     "type": "string"
    },
    "externalIstiod": {
     "type": "boolean"
    },
    "configCluster": {
     "type": "boolean"
    },
    "caName": {
     "type": "string"
    },
    "platform": {
     "type": "string"
    },
    "ipFamilies": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "ipFamilyPolicy": {
     "type": "string"
    },
    "waypoint": {
     "$ref": "#/definitions/WaypointConfig"
    },
    "trustBundleName": {
     "type": "string"
    },
    "nativeNftables": {
     "type": "boolean"
    },
    "networkPolicy": {
     "$ref": "#/definitions/NetworkPolicyConfig"
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
      }
     ]
    },
    "agentgateway": {
     "$ref": "#/definitions/Agentgateway"
    },
    "enableReaderRBAC": {
     "type": "boolean"
    }
   }
  },
  "GlobalLoggingConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "level": {
     "type": "string"
    }
   }
  },
  "IngressGatewayConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoscaleEnabled": {
     "type": "boolean"
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "memory": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "cpu": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "customService": {
     "type": "boolean"
    },
    "enabled": {
     "type": "boolean"
    },
    "env": {
     "type": "object"
    },
    "labels": {
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    },
    "loadBalancerIP": {
     "type": "string"
    },
    "loadBalancerSourceRanges": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "name": {
     "type": "string"
    },
    "nodeSelector": {
     "type": "object"
    },
    "podAnnotations": {
     "type": "object"
    },
    "podAntiAffinityLabelSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "podAntiAffinityTermLabelSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "ports": {
     "type": "array",
     "items": {
      "$ref": "#/definitions/PortsConfig"
     }
    },
    "replicaCount": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "resources": {
     "type": "object"
    },
    "secretVolumes": {
     "type": "array",
     "items": {
      "$ref": "#/definitions/SecretVolume"
     }
    },
    "serviceAnnotations": {
     "type": "object"
    },
    "type": {
     "type": "string"
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string"
     ]
    },
    "externalTrafficPolicy": {
     "type": "string"
    },
    "tolerations": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "ingressPorts": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "additionalContainers": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "configVolumes": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "runAsRoot": {
     "type": "boolean"
    },
    "injectionTemplate": {
     "type": "string"
    },
    "serviceAccount": {
     "$ref": "#/definitions/ServiceAccount"
    },
    "ipFamilies": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "ipFamilyPolicy": {
     "type": "string"
    }
   }
  },
  "IstiodConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enableAnalysis": {
     "type": "boolean"
    }
   }
  },
  "IstiodRemoteConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "injectionURL": {
     "type": "string"
    },
    "injectionPath": {
     "type": "string"
    },
    "injectionCABundle": {
     "type": "string"
    },
    "enabled": {
     "type": "boolean"
    },
    "enabledLocalInjectorIstiod": {
     "type": "boolean"
    }
   }
  },
  "MultiClusterConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "clusterName": {
     "type": "string"
    },
    "globalDomainSuffix": {
     "type": "string"
    },
    "includeEnvoyFilter": {
     "type": "boolean"
    }
   }
  },
  "NetworkPolicyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
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
     "type": "boolean"
    },
    "autoscaleEnabled": {
     "type": "boolean"
    },
    "autoscaleMin": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleMax": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "autoscaleBehavior": {
     "type": "object"
    },
    "replicaCount": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "image": {
     "type": "string"
    },
    "traceSampling": {
     "type": [
      "number",
      "string"
     ]
    },
    "resources": {
     "$ref": "#/definitions/Resources"
    },
    "cpu": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "nodeSelector": {
     "type": "object"
    },
    "keepaliveMaxServerConnectionAge": {
     "type": "string",
     "pattern": "^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))*$|^[-+]?0$"
    },
    "deploymentLabels": {
     "type": "object"
    },
    "podLabels": {
     "type": "object"
    },
    "configMap": {
     "type": "boolean"
    },
    "env": {
     "type": "object"
    },
    "affinity": {
     "type": "object"
    },
    "rollingMaxSurge": {
     "type": [
      "integer",
      "string"
     ]
    },
    "rollingMaxUnavailable": {
     "type": [
      "integer",
      "string"
     ]
    },
    "tolerations": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "podAnnotations": {
     "type": "object"
    },
    "serviceAnnotations": {
     "type": "object"
    },
    "serviceAccountAnnotations": {
     "type": "object"
    },
    "jwksResolverExtraRootCA": {
     "type": "string"
    },
    "hub": {
     "type": "string"
    },
    "tag": {},
    "variant": {
     "type": "string"
    },
    "seccompProfile": {
     "type": "object"
    },
    "topologySpreadConstraints": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "extraContainerArgs": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "volumeMounts": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "volumes": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "ipFamilies": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "ipFamilyPolicy": {
     "type": "string"
    },
    "memory": {
     "$ref": "#/definitions/TargetUtilizationConfig"
    },
    "cni": {
     "$ref": "#/definitions/CNIUsageConfig"
    },
    "taint": {
     "$ref": "#/definitions/PilotTaintControllerConfig"
    },
    "trustedZtunnelNamespace": {
     "type": "string"
    },
    "istiodRemote": {
     "$ref": "#/definitions/IstiodRemoteConfig"
    },
    "envVarFrom": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "crlConfigMapName": {
     "type": "string"
    }
   }
  },
  "PilotIngressConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "ingressService": {
     "type": "string"
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
      }
     ]
    },
    "ingressClass": {
     "type": "string"
    }
   }
  },
  "PilotPolicyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    }
   }
  },
  "PilotTaintControllerConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "namespace": {
     "type": "string"
    },
    "name": {
     "type": "string"
    }
   }
  },
  "PortsConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "name": {
     "type": "string"
    },
    "port": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "nodePort": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "targetPort": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "protocol": {
     "type": "string"
    }
   }
  },
  "ProxyConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "autoInject": {
     "type": "string"
    },
    "clusterDomain": {
     "type": "string"
    },
    "componentLogLevel": {
     "type": "string"
    },
    "enableCoreDump": {
     "type": "boolean"
    },
    "excludeInboundPorts": {
     "type": "string"
    },
    "excludeIPRanges": {
     "type": "string"
    },
    "image": {
     "type": "string"
    },
    "includeIPRanges": {
     "type": "string"
    },
    "logLevel": {
     "type": "string"
    },
    "outlierLogPath": {
     "type": "string"
    },
    "privileged": {
     "type": "boolean"
    },
    "readinessInitialDelaySeconds": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "readinessPeriodSeconds": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "readinessFailureThreshold": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "seccompProfile": {
     "type": "object"
    },
    "startupProbe": {
     "$ref": "#/definitions/StartupProbe"
    },
    "statusPort": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "resources": {
     "$ref": "#/definitions/Resources"
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
      }
     ]
    },
    "excludeOutboundPorts": {
     "type": "string"
    },
    "lifecycle": {
     "type": "object"
    },
    "holdApplicationUntilProxyStarts": {
     "type": "boolean"
    },
    "includeInboundPorts": {
     "type": "string"
    },
    "includeOutboundPorts": {
     "type": "string"
    }
   }
  },
  "ProxyInitConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "image": {
     "type": "string"
    },
    "resources": {
     "$ref": "#/definitions/Resources"
    }
   }
  },
  "ResourceQuotas": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "pods": {
     "type": [
      "integer",
      "string"
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
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    },
    "requests": {
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    }
   }
  },
  "ResourcesRequestsConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "cpu": {
     "type": "string"
    },
    "memory": {
     "type": "string"
    }
   }
  },
  "SDSConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "token": {
     "type": "object"
    }
   }
  },
  "SecretVolume": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "mountPath": {
     "type": "string"
    },
    "name": {
     "type": "string"
    },
    "secretName": {
     "type": "string"
    }
   }
  },
  "ServiceAccount": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "annotations": {
     "type": "object"
    }
   }
  },
  "SidecarInjectorConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enableNamespacesByDefault": {
     "type": "boolean"
    },
    "reinvocationPolicy": {
     "type": "string"
    },
    "neverInjectSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "alwaysInjectSelector": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "rewriteAppHTTPProbe": {
     "type": "boolean"
    },
    "injectedAnnotations": {
     "type": "object"
    },
    "injectionURL": {
     "type": "string"
    },
    "templates": {
     "type": "object"
    },
    "defaultTemplates": {
     "type": "array",
     "items": {
      "type": "string"
     }
    }
   }
  },
  "StartupProbe": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "failureThreshold": {
     "type": [
      "integer",
      "string"
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
      "string"
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
      "string"
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
     "type": "boolean"
    },
    "v2": {
     "$ref": "#/definitions/TelemetryV2Config"
    }
   }
  },
  "TelemetryV2Config": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    },
    "prometheus": {
     "$ref": "#/definitions/TelemetryV2PrometheusConfig"
    },
    "stackdriver": {
     "$ref": "#/definitions/TelemetryV2StackDriverConfig"
    }
   }
  },
  "TelemetryV2PrometheusConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    }
   }
  },
  "TelemetryV2StackDriverConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "enabled": {
     "type": "boolean"
    }
   }
  },
  "TracerConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "datadog": {
     "$ref": "#/definitions/TracerDatadogConfig"
    },
    "lightstep": {
     "$ref": "#/definitions/TracerLightStepConfig"
    },
    "zipkin": {
     "$ref": "#/definitions/TracerZipkinConfig"
    },
    "stackdriver": {
     "$ref": "#/definitions/TracerStackdriverConfig"
    }
   }
  },
  "TracerDatadogConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "address": {
     "type": "string"
    }
   }
  },
  "TracerLightStepConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "address": {
     "type": "string"
    },
    "accessToken": {
     "type": "string"
    }
   }
  },
  "TracerStackdriverConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "debug": {
     "type": "boolean"
    },
    "maxNumberOfAttributes": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "maxNumberOfAnnotations": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    },
    "maxNumberOfMessageEvents": {
     "type": [
      "integer",
      "string"
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
     "type": "string"
    }
   }
  },
  "Values": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "cni": {
     "$ref": "#/definitions/CNIConfig"
    },
    "gateways": {
     "$ref": "#/definitions/GatewaysConfig"
    },
    "global": {
     "$ref": "#/definitions/GlobalConfig"
    },
    "pilot": {
     "$ref": "#/definitions/PilotConfig"
    },
    "ztunnel": {},
    "telemetry": {
     "$ref": "#/definitions/TelemetryConfig"
    },
    "sidecarInjectorWebhook": {
     "$ref": "#/definitions/SidecarInjectorConfig"
    },
    "istioCni": {
     "$ref": "#/definitions/CNIUsageConfig"
    },
    "istio_cni": {
     "$ref": "#/definitions/CNIUsageConfig"
    },
    "revision": {
     "type": "string"
    },
    "ownerName": {
     "type": "string"
    },
    "meshConfig": {},
    "base": {
     "$ref": "#/definitions/BaseConfig"
    },
    "istiodRemote": {
     "$ref": "#/definitions/IstiodRemoteConfig"
    },
    "revisionTags": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "defaultRevision": {
     "type": "string"
    },
    "profile": {
     "type": "string"
    },
    "compatibilityVersion": {
     "type": "string"
    },
    "experimental": {
     "$ref": "#/definitions/ExperimentalConfig"
    },
    "gatewayClasses": {}
   }
  },
  "WaypointConfig": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "resources": {
     "$ref": "#/definitions/Resources"
    },
    "affinity": {
     "type": "object"
    },
    "topologySpreadConstraints": {
     "type": "array",
     "items": {
      "type": "object"
     }
    },
    "nodeSelector": {
     "type": "object"
    },
    "toleration": {
     "type": "array",
     "items": {
      "type": "object"
     }
    }
   }
  }
 }
};
