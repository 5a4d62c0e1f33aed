// Generated from istio/istio operator/pkg/apis/values_types.proto (field names and types only) by
// test/operator/values-schema-gen.test.ts (SAILCTL_WRITE_SCHEMA=1). Do not edit.
export const VALUES_ROOT = "istio.operator.v1alpha1.Values";
export const VALUES_DEFINITIONS: Record<string, Record<string, unknown>> = {
 "istio.operator.v1alpha1.Agentgateway": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "image": {
    "type": "string"
   }
  }
 },
 "istio.operator.v1alpha1.ArchConfig": {
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
 "istio.operator.v1alpha1.BaseConfig": {
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
 "istio.operator.v1alpha1.CNIAmbientConfig": {
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
 "istio.operator.v1alpha1.CNIConfig": {
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
    "$ref": "#/definitions/istio.operator.v1alpha1.GlobalLoggingConfig"
   },
   "repair": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIRepairConfig"
   },
   "chained": {
    "type": "boolean"
   },
   "resourceQuotas": {
    "$ref": "#/definitions/istio.operator.v1alpha1.ResourceQuotas"
   },
   "resource_quotas": {
    "$ref": "#/definitions/istio.operator.v1alpha1.ResourceQuotas"
   },
   "resources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
   },
   "privileged": {
    "type": "boolean"
   },
   "seccompProfile": {
    "type": "object"
   },
   "ambient": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIAmbientConfig"
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
 "istio.operator.v1alpha1.CNIRepairConfig": {
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
 "istio.operator.v1alpha1.CNIUsageConfig": {
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
 "istio.operator.v1alpha1.DefaultPodDisruptionBudgetConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.DefaultResourcesConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "requests": {
    "$ref": "#/definitions/istio.operator.v1alpha1.ResourcesRequestsConfig"
   }
  }
 },
 "istio.operator.v1alpha1.EgressGatewayConfig": {
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
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
   },
   "cpu": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
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
     "$ref": "#/definitions/istio.operator.v1alpha1.PortsConfig"
    }
   },
   "resources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
   },
   "secretVolumes": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.operator.v1alpha1.SecretVolume"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.ServiceAccount"
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
 "istio.operator.v1alpha1.ExperimentalConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "stableValidationPolicy": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.GatewaysConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "istio-egressgateway": {
    "$ref": "#/definitions/istio.operator.v1alpha1.EgressGatewayConfig"
   },
   "istio_egressgateway": {
    "$ref": "#/definitions/istio.operator.v1alpha1.EgressGatewayConfig"
   },
   "enabled": {
    "type": "boolean"
   },
   "istio-ingressgateway": {
    "$ref": "#/definitions/istio.operator.v1alpha1.IngressGatewayConfig"
   },
   "istio_ingressgateway": {
    "$ref": "#/definitions/istio.operator.v1alpha1.IngressGatewayConfig"
   },
   "securityContext": {},
   "seccompProfile": {}
  }
 },
 "istio.operator.v1alpha1.GlobalConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "arch": {
    "$ref": "#/definitions/istio.operator.v1alpha1.ArchConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.DefaultPodDisruptionBudgetConfig"
   },
   "defaultResources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.DefaultResourcesConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.GlobalLoggingConfig"
   },
   "meshID": {
    "type": "string"
   },
   "meshNetworks": {
    "type": "object"
   },
   "multiCluster": {
    "$ref": "#/definitions/istio.operator.v1alpha1.MultiClusterConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.ProxyConfig"
   },
   "proxy_init": {
    "$ref": "#/definitions/istio.operator.v1alpha1.ProxyInitConfig"
   },
   "sds": {
    "$ref": "#/definitions/istio.operator.v1alpha1.SDSConfig"
   },
   "tag": {},
   "variant": {
    "type": "string"
   },
   "tracer": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TracerConfig"
   },
   "remotePilotAddress": {
    "type": "string"
   },
   "istiod": {
    "$ref": "#/definitions/istio.operator.v1alpha1.IstiodConfig"
   },
   "pilotCertProvider": {
    "type": "string"
   },
   "jwtPolicy": {
    "type": "string"
   },
   "sts": {
    "$ref": "#/definitions/istio.operator.v1alpha1.STSConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.WaypointConfig"
   },
   "trustBundleName": {
    "type": "string"
   },
   "nativeNftables": {
    "type": "boolean"
   },
   "networkPolicy": {
    "$ref": "#/definitions/istio.operator.v1alpha1.NetworkPolicyConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.Agentgateway"
   },
   "enableReaderRBAC": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.GlobalLoggingConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "level": {
    "type": "string"
   }
  }
 },
 "istio.operator.v1alpha1.IngressGatewayConfig": {
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
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
   },
   "cpu": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
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
     "$ref": "#/definitions/istio.operator.v1alpha1.PortsConfig"
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
     "$ref": "#/definitions/istio.operator.v1alpha1.SecretVolume"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.ServiceAccount"
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
 "istio.operator.v1alpha1.IstiodConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enableAnalysis": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.IstiodRemoteConfig": {
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
 "istio.operator.v1alpha1.MultiClusterConfig": {
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
 "istio.operator.v1alpha1.NetworkPolicyConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.PilotConfig": {
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
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
   },
   "cpu": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
   },
   "nodeSelector": {
    "type": "object"
   },
   "keepaliveMaxServerConnectionAge": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.TargetUtilizationConfig"
   },
   "cni": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIUsageConfig"
   },
   "taint": {
    "$ref": "#/definitions/istio.operator.v1alpha1.PilotTaintControllerConfig"
   },
   "trustedZtunnelNamespace": {
    "type": "string"
   },
   "istiodRemote": {
    "$ref": "#/definitions/istio.operator.v1alpha1.IstiodRemoteConfig"
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
 "istio.operator.v1alpha1.PilotTaintControllerConfig": {
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
 "istio.operator.v1alpha1.PortsConfig": {
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
 "istio.operator.v1alpha1.ProxyConfig": {
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
    "$ref": "#/definitions/istio.operator.v1alpha1.StartupProbe"
   },
   "statusPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "resources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
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
 "istio.operator.v1alpha1.ProxyInitConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "image": {
    "type": "string"
   },
   "resources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
   }
  }
 },
 "istio.operator.v1alpha1.ResourceQuotas": {
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
 "istio.operator.v1alpha1.Resources": {
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
 "istio.operator.v1alpha1.ResourcesRequestsConfig": {
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
 "istio.operator.v1alpha1.SDSConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "token": {
    "type": "object"
   }
  }
 },
 "istio.operator.v1alpha1.SecretVolume": {
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
 "istio.operator.v1alpha1.ServiceAccount": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "annotations": {
    "type": "object"
   }
  }
 },
 "istio.operator.v1alpha1.SidecarInjectorConfig": {
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
 "istio.operator.v1alpha1.StartupProbe": {
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
 "istio.operator.v1alpha1.STSConfig": {
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
 "istio.operator.v1alpha1.TargetUtilizationConfig": {
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
 "istio.operator.v1alpha1.TelemetryConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   },
   "v2": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TelemetryV2Config"
   }
  }
 },
 "istio.operator.v1alpha1.TelemetryV2Config": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   },
   "prometheus": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TelemetryV2PrometheusConfig"
   },
   "stackdriver": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TelemetryV2StackDriverConfig"
   }
  }
 },
 "istio.operator.v1alpha1.TelemetryV2PrometheusConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.TelemetryV2StackDriverConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.operator.v1alpha1.TracerConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "datadog": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TracerDatadogConfig"
   },
   "lightstep": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TracerLightStepConfig"
   },
   "zipkin": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TracerZipkinConfig"
   },
   "stackdriver": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TracerStackdriverConfig"
   }
  }
 },
 "istio.operator.v1alpha1.TracerDatadogConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   }
  }
 },
 "istio.operator.v1alpha1.TracerLightStepConfig": {
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
 "istio.operator.v1alpha1.TracerStackdriverConfig": {
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
 "istio.operator.v1alpha1.TracerZipkinConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   }
  }
 },
 "istio.operator.v1alpha1.Values": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "cni": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIConfig"
   },
   "gateways": {
    "$ref": "#/definitions/istio.operator.v1alpha1.GatewaysConfig"
   },
   "global": {
    "$ref": "#/definitions/istio.operator.v1alpha1.GlobalConfig"
   },
   "pilot": {
    "$ref": "#/definitions/istio.operator.v1alpha1.PilotConfig"
   },
   "ztunnel": {},
   "telemetry": {
    "$ref": "#/definitions/istio.operator.v1alpha1.TelemetryConfig"
   },
   "sidecarInjectorWebhook": {
    "$ref": "#/definitions/istio.operator.v1alpha1.SidecarInjectorConfig"
   },
   "istioCni": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIUsageConfig"
   },
   "istio_cni": {
    "$ref": "#/definitions/istio.operator.v1alpha1.CNIUsageConfig"
   },
   "revision": {
    "type": "string"
   },
   "ownerName": {
    "type": "string"
   },
   "meshConfig": {},
   "base": {
    "$ref": "#/definitions/istio.operator.v1alpha1.BaseConfig"
   },
   "istiodRemote": {
    "$ref": "#/definitions/istio.operator.v1alpha1.IstiodRemoteConfig"
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
    "$ref": "#/definitions/istio.operator.v1alpha1.ExperimentalConfig"
   },
   "gatewayClasses": {}
  }
 },
 "istio.operator.v1alpha1.WaypointConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "resources": {
    "$ref": "#/definitions/istio.operator.v1alpha1.Resources"
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
};
