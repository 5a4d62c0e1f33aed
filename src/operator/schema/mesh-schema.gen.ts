// Generated from istio/api mesh/v1alpha1/config.proto and its imports (field names and types only) by
// test/operator/values-schema-gen.test.ts (SAILCTL_WRITE_SCHEMA=1). Do not edit.
export const MESH_ROOT = "istio.mesh.v1alpha1.MeshConfig";
export const MESH_DEFINITIONS: Record<string, Record<string, unknown>> = {
 "istio.mesh.v1alpha1.Certificate": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "secretName": {
    "type": "string"
   },
   "secret_name": {
    "type": "string"
   },
   "dnsNames": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "dns_names": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.ConfigSource": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   },
   "tlsSettings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "tls_settings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "subscribedResources": {
    "type": "array",
    "items": {
     "anyOf": [
      {
       "enum": [
        "SERVICE_REGISTRY"
       ]
      },
      {
       "type": "integer"
      }
     ]
    }
   },
   "subscribed_resources": {
    "type": "array",
    "items": {
     "anyOf": [
      {
       "enum": [
        "SERVICE_REGISTRY"
       ]
      },
      {
       "type": "integer"
      }
     ]
    }
   }
  }
 },
 "istio.mesh.v1alpha1.LabelSelector": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "matchLabels": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "matchExpressions": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelectorRequirement"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.LabelSelectorRequirement": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "key": {
    "type": "string"
   },
   "operator": {
    "type": "string"
   },
   "values": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "proxyListenPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxy_listen_port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxyInboundListenPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxy_inbound_listen_port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxyHttpPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxy_http_port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "connectTimeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "connect_timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "hboneIdleTimeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "hbone_idle_timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "protocolDetectionTimeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "protocol_detection_timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "tcpKeepalive": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive"
   },
   "tcp_keepalive": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive"
   },
   "ingressClass": {
    "type": "string"
   },
   "ingress_class": {
    "type": "string"
   },
   "ingressService": {
    "type": "string"
   },
   "ingress_service": {
    "type": "string"
   },
   "ingressControllerMode": {
    "anyOf": [
     {
      "enum": [
       "UNSPECIFIED",
       "OFF",
       "DEFAULT",
       "STRICT"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "ingress_controller_mode": {
    "anyOf": [
     {
      "enum": [
       "UNSPECIFIED",
       "OFF",
       "DEFAULT",
       "STRICT"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "ingressSelector": {
    "type": "string"
   },
   "ingress_selector": {
    "type": "string"
   },
   "enableTracing": {
    "type": "boolean"
   },
   "enable_tracing": {
    "type": "boolean"
   },
   "accessLogFile": {
    "type": "string"
   },
   "access_log_file": {
    "type": "string"
   },
   "accessLogFormat": {
    "type": "string"
   },
   "access_log_format": {
    "type": "string"
   },
   "accessLogEncoding": {
    "anyOf": [
     {
      "enum": [
       "TEXT",
       "JSON"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "access_log_encoding": {
    "anyOf": [
     {
      "enum": [
       "TEXT",
       "JSON"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "enableEnvoyAccessLogService": {
    "type": "boolean"
   },
   "enable_envoy_access_log_service": {
    "type": "boolean"
   },
   "disableEnvoyListenerLog": {
    "type": "boolean"
   },
   "disable_envoy_listener_log": {
    "type": "boolean"
   },
   "defaultConfig": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig"
   },
   "default_config": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig"
   },
   "outboundTrafficPolicy": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.OutboundTrafficPolicy"
   },
   "outbound_traffic_policy": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.OutboundTrafficPolicy"
   },
   "inboundTrafficPolicy": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.InboundTrafficPolicy"
   },
   "inbound_traffic_policy": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.InboundTrafficPolicy"
   },
   "configSources": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.ConfigSource"
    }
   },
   "config_sources": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.ConfigSource"
    }
   },
   "enableAutoMtls": {
    "type": "boolean"
   },
   "enable_auto_mtls": {
    "type": "boolean"
   },
   "trustDomain": {
    "type": "string"
   },
   "trust_domain": {
    "type": "string"
   },
   "trustDomainAliases": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "trust_domain_aliases": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "caCertificates": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.CertificateData"
    }
   },
   "ca_certificates": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.CertificateData"
    }
   },
   "defaultServiceExportTo": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "default_service_export_to": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "defaultVirtualServiceExportTo": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "default_virtual_service_export_to": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "defaultDestinationRuleExportTo": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "default_destination_rule_export_to": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "rootNamespace": {
    "type": "string"
   },
   "root_namespace": {
    "type": "string"
   },
   "localityLbSetting": {
    "$ref": "#/definitions/istio.networking.v1alpha3.LocalityLoadBalancerSetting"
   },
   "locality_lb_setting": {
    "$ref": "#/definitions/istio.networking.v1alpha3.LocalityLoadBalancerSetting"
   },
   "dnsRefreshRate": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "dns_refresh_rate": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "h2UpgradePolicy": {
    "anyOf": [
     {
      "enum": [
       "DO_NOT_UPGRADE",
       "UPGRADE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "h2_upgrade_policy": {
    "anyOf": [
     {
      "enum": [
       "DO_NOT_UPGRADE",
       "UPGRADE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "inboundClusterStatName": {
    "type": "string"
   },
   "inbound_cluster_stat_name": {
    "type": "string"
   },
   "outboundClusterStatName": {
    "type": "string"
   },
   "outbound_cluster_stat_name": {
    "type": "string"
   },
   "certificates": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.Certificate"
    }
   },
   "serviceSettings": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ServiceSettings"
    }
   },
   "service_settings": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ServiceSettings"
    }
   },
   "serviceScopeConfigs": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ServiceScopeConfigs"
    }
   },
   "service_scope_configs": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ServiceScopeConfigs"
    }
   },
   "enablePrometheusMerge": {
    "type": "boolean"
   },
   "enable_prometheus_merge": {
    "type": "boolean"
   },
   "verifyCertificateAtClient": {
    "type": "boolean"
   },
   "verify_certificate_at_client": {
    "type": "boolean"
   },
   "ca": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.CA"
   },
   "extensionProviders": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider"
    }
   },
   "extension_providers": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider"
    }
   },
   "defaultProviders": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.DefaultProviders"
   },
   "default_providers": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.DefaultProviders"
   },
   "discoverySelectors": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
    }
   },
   "discovery_selectors": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
    }
   },
   "pathNormalization": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ProxyPathNormalization"
   },
   "path_normalization": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ProxyPathNormalization"
   },
   "defaultHttpRetryPolicy": {
    "$ref": "#/definitions/istio.networking.v1alpha3.HTTPRetry"
   },
   "default_http_retry_policy": {
    "$ref": "#/definitions/istio.networking.v1alpha3.HTTPRetry"
   },
   "meshMTLS": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.TLSConfig"
   },
   "mesh_mTLS": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.TLSConfig"
   },
   "tlsDefaults": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.TLSConfig"
   },
   "tls_defaults": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.TLSConfig"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.CA": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   },
   "tlsSettings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "tls_settings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "requestTimeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "request_timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "istiodSide": {
    "type": "boolean"
   },
   "istiod_side": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.CertificateData": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "pem": {
    "type": "string"
   },
   "spiffeBundleUrl": {
    "type": "string"
   },
   "spiffe_bundle_url": {
    "type": "string"
   },
   "certSigners": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "cert_signers": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "trustDomains": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "trust_domains": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.DefaultProviders": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "tracing": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "metrics": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "accessLogging": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "access_logging": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "envoyExtAuthzHttp": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider"
   },
   "envoy_ext_authz_http": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider"
   },
   "envoyExtAuthzGrpc": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider"
   },
   "envoy_ext_authz_grpc": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider"
   },
   "zipkin": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ZipkinTracingProvider"
   },
   "lightstep": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.LightstepTracingProvider"
   },
   "datadog": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.DatadogTracingProvider"
   },
   "stackdriver": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.StackdriverProvider"
   },
   "opencensus": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider"
   },
   "skywalking": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.SkyWalkingTracingProvider"
   },
   "opentelemetry": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider"
   },
   "prometheus": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.PrometheusMetricsProvider"
   },
   "envoyFileAccessLog": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider"
   },
   "envoy_file_access_log": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider"
   },
   "envoyHttpAls": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyHttpGrpcV3LogProvider"
   },
   "envoy_http_als": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyHttpGrpcV3LogProvider"
   },
   "envoyTcpAls": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyTcpGrpcV3LogProvider"
   },
   "envoy_tcp_als": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyTcpGrpcV3LogProvider"
   },
   "envoyOtelAls": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider"
   },
   "envoy_otel_als": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider"
   },
   "sds": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.SDSProvider"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.DatadogTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "failOpen": {
    "type": "boolean"
   },
   "fail_open": {
    "type": "boolean"
   },
   "clearRouteCache": {
    "type": "boolean"
   },
   "clear_route_cache": {
    "type": "boolean"
   },
   "statusOnError": {
    "type": "string"
   },
   "status_on_error": {
    "type": "string"
   },
   "includeRequestBodyInCheck": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody"
   },
   "include_request_body_in_check": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "pathPrefix": {
    "type": "string"
   },
   "path_prefix": {
    "type": "string"
   },
   "failOpen": {
    "type": "boolean"
   },
   "fail_open": {
    "type": "boolean"
   },
   "clearRouteCache": {
    "type": "boolean"
   },
   "clear_route_cache": {
    "type": "boolean"
   },
   "statusOnError": {
    "type": "string"
   },
   "status_on_error": {
    "type": "string"
   },
   "includeHeadersInCheck": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "include_headers_in_check": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "includeRequestHeadersInCheck": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "include_request_headers_in_check": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "includeAdditionalHeadersInCheck": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "include_additional_headers_in_check": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "includeRequestBodyInCheck": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody"
   },
   "include_request_body_in_check": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody"
   },
   "headersToUpstreamOnAllow": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "headers_to_upstream_on_allow": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "headersToDownstreamOnDeny": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "headers_to_downstream_on_deny": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "headersToDownstreamOnAllow": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "headers_to_downstream_on_allow": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "maxRequestBytes": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_request_bytes": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "allowPartialMessage": {
    "type": "boolean"
   },
   "allow_partial_message": {
    "type": "boolean"
   },
   "packAsBytes": {
    "type": "boolean"
   },
   "pack_as_bytes": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "path": {
    "type": "string"
   },
   "logFormat": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider.LogFormat"
   },
   "log_format": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider.LogFormat"
   },
   "omitEmptyValues": {
    "type": "boolean"
   },
   "omit_empty_values": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider.LogFormat": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "text": {
    "type": "string"
   },
   "labels": {
    "type": "object"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyHttpGrpcV3LogProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "logName": {
    "type": "string"
   },
   "log_name": {
    "type": "string"
   },
   "filterStateObjectsToLog": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "filter_state_objects_to_log": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additionalRequestHeadersToLog": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additional_request_headers_to_log": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additionalResponseHeadersToLog": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additional_response_headers_to_log": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additionalResponseTrailersToLog": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "additional_response_trailers_to_log": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "logName": {
    "type": "string"
   },
   "log_name": {
    "type": "string"
   },
   "logFormat": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider.LogFormat"
   },
   "log_format": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider.LogFormat"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider.LogFormat": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "text": {
    "type": "string"
   },
   "labels": {
    "type": "object"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.EnvoyTcpGrpcV3LogProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "logName": {
    "type": "string"
   },
   "log_name": {
    "type": "string"
   },
   "filterStateObjectsToLog": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "filter_state_objects_to_log": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.GrpcService": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "initialMetadata": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpHeader"
    }
   },
   "initial_metadata": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpHeader"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpHeader": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "value": {
    "type": "string"
   },
   "envName": {
    "type": "string"
   },
   "env_name": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpService": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "path": {
    "type": "string"
   },
   "timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "headers": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpHeader"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.LightstepTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "accessToken": {
    "type": "string"
   },
   "access_token": {
    "type": "string"
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "context": {
    "type": "array",
    "items": {
     "anyOf": [
      {
       "enum": [
        "UNSPECIFIED",
        "W3C_TRACE_CONTEXT",
        "GRPC_BIN",
        "CLOUD_TRACE_CONTEXT",
        "B3"
       ]
      },
      {
       "type": "integer"
      }
     ]
    }
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "http": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpService"
   },
   "grpc": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.GrpcService"
   },
   "resourceDetectors": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors"
   },
   "resource_detectors": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors"
   },
   "serviceAttributeEnrichment": {
    "anyOf": [
     {
      "enum": [
       "ISTIO_CANONICAL",
       "OTEL_SEMANTIC_CONVENTIONS"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "service_attribute_enrichment": {
    "anyOf": [
     {
      "enum": [
       "ISTIO_CANONICAL",
       "OTEL_SEMANTIC_CONVENTIONS"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "dynatraceSampler": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler"
   },
   "dynatrace_sampler": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "tenant": {
    "type": "string"
   },
   "clusterId": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "cluster_id": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "rootSpansPerMinute": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "root_spans_per_minute": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "httpService": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi"
   },
   "http_service": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "http": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpService"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.PrometheusMetricsProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {}
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "environment": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors.EnvironmentResourceDetector"
   },
   "dynatrace": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors.DynatraceResourceDetector"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors.DynatraceResourceDetector": {
  "type": "object",
  "additionalProperties": false,
  "properties": {}
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ResourceDetectors.EnvironmentResourceDetector": {
  "type": "object",
  "additionalProperties": false,
  "properties": {}
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.SDSProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.SkyWalkingTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "accessToken": {
    "type": "string"
   },
   "access_token": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.StackdriverProvider": {
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
   "max_number_of_attributes": {
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
   "max_number_of_annotations": {
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
   },
   "max_number_of_message_events": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "logging": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.StackdriverProvider.Logging"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.StackdriverProvider.Logging": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "labels": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.ZipkinTracingProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "service": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "maxTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "enable64bitTraceId": {
    "type": "boolean"
   },
   "enable_64bit_trace_id": {
    "type": "boolean"
   },
   "path": {
    "type": "string"
   },
   "traceContextOption": {
    "anyOf": [
     {
      "enum": [
       "USE_B3",
       "USE_B3_WITH_W3C_PROPAGATION"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "trace_context_option": {
    "anyOf": [
     {
      "enum": [
       "USE_B3",
       "USE_B3_WITH_W3C_PROPAGATION"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "headers": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ExtensionProvider.HttpHeader"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.InboundTrafficPolicy": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "mode": {
    "anyOf": [
     {
      "enum": [
       "PASSTHROUGH",
       "LOCALHOST"
      ]
     },
     {
      "type": "integer"
     }
    ]
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.OutboundTrafficPolicy": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "mode": {
    "anyOf": [
     {
      "enum": [
       "REGISTRY_ONLY",
       "ALLOW_ANY",
       "ALLOW_ANY_DYNAMIC_DNS"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "tls": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ProxyPathNormalization": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "normalization": {
    "anyOf": [
     {
      "enum": [
       "DEFAULT",
       "NONE",
       "BASE",
       "MERGE_SLASHES",
       "DECODE_AND_MERGE_SLASHES"
      ]
     },
     {
      "type": "integer"
     }
    ]
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ServiceScopeConfigs": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "namespaceSelector": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
   },
   "namespace_selector": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
   },
   "servicesSelector": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
   },
   "services_selector": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.LabelSelector"
   },
   "scope": {
    "anyOf": [
     {
      "enum": [
       "LOCAL",
       "GLOBAL"
      ]
     },
     {
      "type": "integer"
     }
    ]
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ServiceSettings": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "settings": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.MeshConfig.ServiceSettings.Settings"
   },
   "hosts": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.ServiceSettings.Settings": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "clusterLocal": {
    "type": "boolean"
   },
   "cluster_local": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.MeshConfig.TLSConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "minProtocolVersion": {
    "anyOf": [
     {
      "enum": [
       "TLS_AUTO",
       "TLSV1_2",
       "TLSV1_3"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "min_protocol_version": {
    "anyOf": [
     {
      "enum": [
       "TLS_AUTO",
       "TLSV1_2",
       "TLSV1_3"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "ecdhCurves": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "ecdh_curves": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "cipherSuites": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "cipher_suites": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.PrivateKeyProvider": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "cryptomb": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.PrivateKeyProvider.CryptoMb"
   },
   "qat": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.PrivateKeyProvider.QAT"
   }
  }
 },
 "istio.mesh.v1alpha1.PrivateKeyProvider.CryptoMb": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "pollDelay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "poll_delay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "fallback": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.PrivateKeyProvider.QAT": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "pollDelay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "poll_delay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "fallback": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "configPath": {
    "type": "string"
   },
   "config_path": {
    "type": "string"
   },
   "binaryPath": {
    "type": "string"
   },
   "binary_path": {
    "type": "string"
   },
   "serviceCluster": {
    "type": "string"
   },
   "service_cluster": {
    "type": "string"
   },
   "tracingServiceName": {
    "anyOf": [
     {
      "enum": [
       "APP_LABEL_AND_NAMESPACE",
       "CANONICAL_NAME_ONLY",
       "CANONICAL_NAME_AND_NAMESPACE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "tracing_service_name": {
    "anyOf": [
     {
      "enum": [
       "APP_LABEL_AND_NAMESPACE",
       "CANONICAL_NAME_ONLY",
       "CANONICAL_NAME_AND_NAMESPACE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "drainDuration": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "drain_duration": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "discoveryAddress": {
    "type": "string"
   },
   "discovery_address": {
    "type": "string"
   },
   "discoveryRefreshDelay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "discovery_refresh_delay": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "zipkinAddress": {
    "type": "string"
   },
   "zipkin_address": {
    "type": "string"
   },
   "statsdUdpAddress": {
    "type": "string"
   },
   "statsd_udp_address": {
    "type": "string"
   },
   "envoyMetricsServiceAddress": {
    "type": "string"
   },
   "envoy_metrics_service_address": {
    "type": "string"
   },
   "proxyAdminPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxy_admin_port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "availabilityZone": {
    "type": "string"
   },
   "availability_zone": {
    "type": "string"
   },
   "controlPlaneAuthPolicy": {
    "anyOf": [
     {
      "enum": [
       "NONE",
       "MUTUAL_TLS",
       "INHERIT"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "control_plane_auth_policy": {
    "anyOf": [
     {
      "enum": [
       "NONE",
       "MUTUAL_TLS",
       "INHERIT"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "customConfigFile": {
    "type": "string"
   },
   "custom_config_file": {
    "type": "string"
   },
   "statNameLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "stat_name_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "concurrency": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "proxyBootstrapTemplatePath": {
    "type": "string"
   },
   "proxy_bootstrap_template_path": {
    "type": "string"
   },
   "interceptionMode": {
    "anyOf": [
     {
      "enum": [
       "REDIRECT",
       "TPROXY",
       "NONE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "interception_mode": {
    "anyOf": [
     {
      "enum": [
       "REDIRECT",
       "TPROXY",
       "NONE"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "tracing": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing"
   },
   "sds": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.SDS"
   },
   "envoyAccessLogService": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.RemoteService"
   },
   "envoy_access_log_service": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.RemoteService"
   },
   "envoyMetricsService": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.RemoteService"
   },
   "envoy_metrics_service": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.RemoteService"
   },
   "proxyMetadata": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "proxy_metadata": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "runtimeValues": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "runtime_values": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "statusPort": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "status_port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "extraStatTags": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "extra_stat_tags": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "gatewayTopology": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Topology"
   },
   "gateway_topology": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Topology"
   },
   "terminationDrainDuration": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "termination_drain_duration": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "meshId": {
    "type": "string"
   },
   "mesh_id": {
    "type": "string"
   },
   "readinessProbe": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ReadinessProbe"
   },
   "readiness_probe": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ReadinessProbe"
   },
   "proxyStatsMatcher": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyStatsMatcher"
   },
   "proxy_stats_matcher": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyStatsMatcher"
   },
   "holdApplicationUntilProxyStarts": {
    "type": "boolean"
   },
   "hold_application_until_proxy_starts": {
    "type": "boolean"
   },
   "caCertificatesPem": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "ca_certificates_pem": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "image": {
    "$ref": "#/definitions/istio.networking.v1beta1.ProxyImage"
   },
   "privateKeyProvider": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.PrivateKeyProvider"
   },
   "private_key_provider": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.PrivateKeyProvider"
   },
   "proxyHeaders": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders"
   },
   "proxy_headers": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders"
   },
   "fileFlushInterval": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "file_flush_interval": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "fileFlushMinSizeKb": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "file_flush_min_size_kb": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "statsCompression": {
    "type": "boolean"
   },
   "stats_compression": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "forwardedClientCert": {
    "anyOf": [
     {
      "enum": [
       "UNDEFINED",
       "SANITIZE",
       "FORWARD_ONLY",
       "APPEND_FORWARD",
       "SANITIZE_SET",
       "ALWAYS_FORWARD_ONLY"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "forwarded_client_cert": {
    "anyOf": [
     {
      "enum": [
       "UNDEFINED",
       "SANITIZE",
       "FORWARD_ONLY",
       "APPEND_FORWARD",
       "SANITIZE_SET",
       "ALWAYS_FORWARD_ONLY"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "setCurrentClientCertDetails": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.SetCurrentClientCertDetails"
   },
   "set_current_client_cert_details": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.SetCurrentClientCertDetails"
   },
   "requestId": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.RequestId"
   },
   "request_id": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.RequestId"
   },
   "server": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.Server"
   },
   "attemptCount": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.AttemptCount"
   },
   "attempt_count": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.AttemptCount"
   },
   "envoyDebugHeaders": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.EnvoyDebugHeaders"
   },
   "envoy_debug_headers": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.EnvoyDebugHeaders"
   },
   "metadataExchangeHeaders": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.MetadataExchangeHeaders"
   },
   "metadata_exchange_headers": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.MetadataExchangeHeaders"
   },
   "preserveHttp1HeaderCase": {
    "type": "boolean"
   },
   "preserve_http1_header_case": {
    "type": "boolean"
   },
   "xForwardedHost": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedHost"
   },
   "x_forwarded_host": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedHost"
   },
   "xForwardedPort": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedPort"
   },
   "x_forwarded_port": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedPort"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.AttemptCount": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "disabled": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.EnvoyDebugHeaders": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "disabled": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.MetadataExchangeHeaders": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "mode": {
    "anyOf": [
     {
      "enum": [
       "UNDEFINED",
       "IN_MESH"
      ]
     },
     {
      "type": "integer"
     }
    ]
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.RequestId": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "disabled": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.Server": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "disabled": {
    "type": "boolean"
   },
   "value": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.SetCurrentClientCertDetails": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "subject": {
    "type": "boolean"
   },
   "cert": {
    "type": "boolean"
   },
   "chain": {
    "type": "boolean"
   },
   "dns": {
    "type": "boolean"
   },
   "uri": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedHost": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyHeaders.XForwardedPort": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.ProxyConfig.ProxyStatsMatcher": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "inclusionPrefixes": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "inclusion_prefixes": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "inclusionSuffixes": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "inclusion_suffixes": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "inclusionRegexps": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "inclusion_regexps": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.mesh.v1alpha1.RemoteService": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   },
   "tlsSettings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "tls_settings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "tcpKeepalive": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive"
   },
   "tcp_keepalive": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive"
   }
  }
 },
 "istio.mesh.v1alpha1.SDS": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "enabled": {
    "type": "boolean"
   },
   "k8sSaJwtPath": {
    "type": "string"
   },
   "k8s_sa_jwt_path": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Topology": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "numTrustedProxies": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "num_trusted_proxies": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "forwardClientCertDetails": {
    "anyOf": [
     {
      "enum": [
       "UNDEFINED",
       "SANITIZE",
       "FORWARD_ONLY",
       "APPEND_FORWARD",
       "SANITIZE_SET",
       "ALWAYS_FORWARD_ONLY"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "forward_client_cert_details": {
    "anyOf": [
     {
      "enum": [
       "UNDEFINED",
       "SANITIZE",
       "FORWARD_ONLY",
       "APPEND_FORWARD",
       "SANITIZE_SET",
       "ALWAYS_FORWARD_ONLY"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "proxyProtocol": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Topology.ProxyProtocolConfiguration"
   },
   "proxy_protocol": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Topology.ProxyProtocolConfiguration"
   }
  }
 },
 "istio.mesh.v1alpha1.Topology.ProxyProtocolConfiguration": {
  "type": "object",
  "additionalProperties": false,
  "properties": {}
 },
 "istio.mesh.v1alpha1.Tracing": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "zipkin": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Zipkin"
   },
   "lightstep": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Lightstep"
   },
   "datadog": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Datadog"
   },
   "stackdriver": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Stackdriver"
   },
   "openCensusAgent": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.OpenCensusAgent"
   },
   "open_census_agent": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.OpenCensusAgent"
   },
   "customTags": {
    "type": "object",
    "additionalProperties": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.CustomTag"
    }
   },
   "custom_tags": {
    "type": "object",
    "additionalProperties": {
     "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.CustomTag"
    }
   },
   "maxPathTagLength": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "max_path_tag_length": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "sampling": {
    "type": [
     "number",
     "string"
    ]
   },
   "tlsSettings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "tls_settings": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ClientTLSSettings"
   },
   "enableIstioTags": {
    "type": "boolean"
   },
   "enable_istio_tags": {
    "type": "boolean"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.CustomTag": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "literal": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Literal"
   },
   "environment": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.Environment"
   },
   "header": {
    "$ref": "#/definitions/istio.mesh.v1alpha1.Tracing.RequestHeader"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Datadog": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Environment": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "defaultValue": {
    "type": "string"
   },
   "default_value": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Lightstep": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   },
   "accessToken": {
    "type": "string"
   },
   "access_token": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Literal": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "value": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.OpenCensusAgent": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   },
   "context": {
    "type": "array",
    "items": {
     "anyOf": [
      {
       "enum": [
        "UNSPECIFIED",
        "W3C_TRACE_CONTEXT",
        "GRPC_BIN",
        "CLOUD_TRACE_CONTEXT",
        "B3"
       ]
      },
      {
       "type": "integer"
      }
     ]
    }
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.RequestHeader": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "defaultValue": {
    "type": "string"
   },
   "default_value": {
    "type": "string"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Stackdriver": {
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
   "max_number_of_attributes": {
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
   "max_number_of_annotations": {
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
   },
   "max_number_of_message_events": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.mesh.v1alpha1.Tracing.Zipkin": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "address": {
    "type": "string"
   }
  }
 },
 "istio.networking.v1alpha3.ClientTLSSettings": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "mode": {
    "anyOf": [
     {
      "enum": [
       "DISABLE",
       "SIMPLE",
       "MUTUAL",
       "ISTIO_MUTUAL"
      ]
     },
     {
      "type": "integer"
     }
    ]
   },
   "clientCertificate": {
    "type": "string"
   },
   "client_certificate": {
    "type": "string"
   },
   "privateKey": {
    "type": "string"
   },
   "private_key": {
    "type": "string"
   },
   "caCertificates": {
    "type": "string"
   },
   "ca_certificates": {
    "type": "string"
   },
   "credentialName": {
    "type": "string"
   },
   "credential_name": {
    "type": "string"
   },
   "subjectAltNames": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "subject_alt_names": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "sni": {
    "type": "string"
   },
   "insecureSkipVerify": {
    "type": "boolean"
   },
   "insecure_skip_verify": {
    "type": "boolean"
   },
   "caCrl": {
    "type": "string"
   },
   "ca_crl": {
    "type": "string"
   }
  }
 },
 "istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "probes": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "time": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "interval": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   }
  }
 },
 "istio.networking.v1alpha3.ExecHealthCheckConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "command": {
    "type": "array",
    "items": {
     "type": "string"
    }
   }
  }
 },
 "istio.networking.v1alpha3.GrpcHealthCheckConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "service": {
    "type": "string"
   }
  }
 },
 "istio.networking.v1alpha3.HTTPHeader": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "name": {
    "type": "string"
   },
   "value": {
    "type": "string"
   }
  }
 },
 "istio.networking.v1alpha3.HTTPHealthCheckConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "path": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "host": {
    "type": "string"
   },
   "scheme": {
    "type": "string"
   },
   "httpHeaders": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.networking.v1alpha3.HTTPHeader"
    }
   },
   "http_headers": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.networking.v1alpha3.HTTPHeader"
    }
   }
  }
 },
 "istio.networking.v1alpha3.HTTPRetry": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "attempts": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "perTryTimeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "per_try_timeout": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   },
   "retryOn": {
    "type": "string"
   },
   "retry_on": {
    "type": "string"
   },
   "retryRemoteLocalities": {
    "type": "boolean"
   },
   "retry_remote_localities": {
    "type": "boolean"
   },
   "retryIgnorePreviousHosts": {
    "type": "boolean"
   },
   "retry_ignore_previous_hosts": {
    "type": "boolean"
   },
   "backoff": {
    "type": "string",
    "pattern": "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
   }
  }
 },
 "istio.networking.v1alpha3.LocalityLoadBalancerSetting": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "distribute": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute"
    }
   },
   "failover": {
    "type": "array",
    "items": {
     "$ref": "#/definitions/istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover"
    }
   },
   "failoverPriority": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "failover_priority": {
    "type": "array",
    "items": {
     "type": "string"
    }
   },
   "enabled": {
    "type": "boolean"
   }
  }
 },
 "istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "from": {
    "type": "string"
   },
   "to": {
    "type": "object",
    "additionalProperties": {
     "type": [
      "integer",
      "string"
     ],
     "pattern": "^-?\\d+$"
    }
   }
  }
 },
 "istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "from": {
    "type": "string"
   },
   "to": {
    "type": "string"
   }
  }
 },
 "istio.networking.v1alpha3.ReadinessProbe": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "initialDelaySeconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "initial_delay_seconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "timeoutSeconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "timeout_seconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "periodSeconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "period_seconds": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "successThreshold": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "success_threshold": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "failureThreshold": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "failure_threshold": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   },
   "httpGet": {
    "$ref": "#/definitions/istio.networking.v1alpha3.HTTPHealthCheckConfig"
   },
   "http_get": {
    "$ref": "#/definitions/istio.networking.v1alpha3.HTTPHealthCheckConfig"
   },
   "tcpSocket": {
    "$ref": "#/definitions/istio.networking.v1alpha3.TCPHealthCheckConfig"
   },
   "tcp_socket": {
    "$ref": "#/definitions/istio.networking.v1alpha3.TCPHealthCheckConfig"
   },
   "exec": {
    "$ref": "#/definitions/istio.networking.v1alpha3.ExecHealthCheckConfig"
   },
   "grpc": {
    "$ref": "#/definitions/istio.networking.v1alpha3.GrpcHealthCheckConfig"
   }
  }
 },
 "istio.networking.v1alpha3.TCPHealthCheckConfig": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "host": {
    "type": "string"
   },
   "port": {
    "type": [
     "integer",
     "string"
    ],
    "pattern": "^-?\\d+$"
   }
  }
 },
 "istio.networking.v1beta1.ProxyImage": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "imageType": {
    "type": "string"
   },
   "image_type": {
    "type": "string"
   }
  }
 }
};
