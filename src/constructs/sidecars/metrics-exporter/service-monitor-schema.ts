import { getSchemaFor, JsonSchema, registerSchema } from '../../../validation/schema';

/**
 * The validation schema of the prometheus-operator ServiceMonitor (monitoring.coreos.com/v1).
 *
 * `SERVICE_MONITOR_OPENAPI_SCHEMA` is the `openAPIV3Schema` of the CRD subset kept in
 * `crds/monitoring.coreos.com_servicemonitors.yaml` (the input of `cdk8s import`; a test checks
 * that both are equal). `serviceMonitorJsonSchema()` turns it into the strict JSON Schema the
 * validation engine applies, the way the API server treats a structural schema: unknown fields are
 * errors, `null` is accepted (it is pruned), int-or-string fields take either type.
 */

/** The ServiceMonitor apiVersion. */
export const SERVICE_MONITOR_API_VERSION = 'monitoring.coreos.com/v1';
/** The ServiceMonitor kind. */
export const SERVICE_MONITOR_KIND = 'ServiceMonitor';

/** The `openAPIV3Schema` of the ServiceMonitor CRD subset. */
export const SERVICE_MONITOR_OPENAPI_SCHEMA: JsonSchema = {
  "description": "ServiceMonitor defines how Prometheus scrapes the metrics of a set of Services.",
  "type": "object",
  "required": [
    "spec"
  ],
  "properties": {
    "apiVersion": {
      "type": "string"
    },
    "kind": {
      "type": "string"
    },
    "metadata": {
      "type": "object"
    },
    "spec": {
      "description": "Specification of desired Service selection for target discovery by Prometheus.",
      "type": "object",
      "required": [
        "endpoints",
        "selector"
      ],
      "properties": {
        "endpoints": {
          "description": "The endpoints to scrape on the selected Services.",
          "type": "array",
          "items": {
            "description": "An endpoint serving Prometheus metrics.",
            "type": "object",
            "properties": {
              "port": {
                "description": "Name of the Service port this endpoint refers to. Mutually exclusive with targetPort.",
                "type": "string"
              },
              "targetPort": {
                "description": "Name or number of the target port of the Pod behind the Service.",
                "anyOf": [
                  {
                    "type": "integer"
                  },
                  {
                    "type": "string"
                  }
                ],
                "x-kubernetes-int-or-string": true
              },
              "path": {
                "description": "HTTP path to scrape for metrics (Prometheus uses /metrics when empty).",
                "type": "string"
              },
              "scheme": {
                "description": "HTTP scheme to use for scraping.",
                "type": "string",
                "enum": [
                  "http",
                  "https"
                ]
              },
              "interval": {
                "description": "Interval at which Prometheus scrapes the target.",
                "type": "string",
                "pattern": "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"
              },
              "scrapeTimeout": {
                "description": "Timeout after which the scrape is failed; not greater than the interval.",
                "type": "string",
                "pattern": "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"
              },
              "honorLabels": {
                "description": "Keep the metric's labels when they collide with the target's labels.",
                "type": "boolean"
              }
            }
          }
        },
        "jobLabel": {
          "description": "The label of the Service whose value becomes the job label.",
          "type": "string"
        },
        "namespaceSelector": {
          "description": "The namespaces the Services are discovered in (by default the ServiceMonitor's own).",
          "type": "object",
          "properties": {
            "any": {
              "description": "Select all namespaces.",
              "type": "boolean"
            },
            "matchNames": {
              "description": "Namespace names to select from.",
              "type": "array",
              "items": {
                "type": "string"
              }
            }
          }
        },
        "podTargetLabels": {
          "description": "Pod labels transferred onto the ingested metrics.",
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "sampleLimit": {
          "description": "Per-scrape limit on the number of scraped samples that are accepted.",
          "type": "integer",
          "format": "int64"
        },
        "selector": {
          "description": "Label selector of the Services to scrape.",
          "type": "object",
          "properties": {
            "matchExpressions": {
              "description": "Label selector requirements, ANDed.",
              "type": "array",
              "items": {
                "type": "object",
                "required": [
                  "key",
                  "operator"
                ],
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
              }
            },
            "matchLabels": {
              "description": "Labels that must all match.",
              "type": "object",
              "additionalProperties": {
                "type": "string"
              }
            }
          }
        },
        "targetLabels": {
          "description": "Service labels transferred onto the ingested metrics.",
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    }
  }
}
;

/** Converts a structural (OpenAPI v3) schema into strict JSON Schema for ajv. */
export function structuralToJsonSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'description':
      case 'format':
      case 'x-kubernetes-int-or-string':
        break;
      case 'type':
        out.type = [value as string, 'null'];
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>)
          .map(([name, sub]) => [name, structuralToJsonSchema(sub)]));
        break;
      case 'items':
      case 'additionalProperties':
        out[key] = typeof value === 'object' ? structuralToJsonSchema(value as JsonSchema) : value;
        break;
      case 'anyOf':
        out.anyOf = [...(value as JsonSchema[]).map(structuralToJsonSchema), { type: 'null' }];
        break;
      default:
        out[key] = value;
    }
  }
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

let strictSchema: JsonSchema | undefined;

/** The strict JSON Schema of a ServiceMonitor. */
export function serviceMonitorJsonSchema(): JsonSchema {
  strictSchema ??= structuralToJsonSchema(SERVICE_MONITOR_OPENAPI_SCHEMA);
  return strictSchema;
}

/**
 * Registers the ServiceMonitor schema with the validation engine (once; again after the registry
 * was reset), so emitted ServiceMonitors are checked like built-in kinds.
 */
export function registerServiceMonitorSchema(): void {
  const schema = serviceMonitorJsonSchema();
  if (getSchemaFor(SERVICE_MONITOR_API_VERSION, SERVICE_MONITOR_KIND) !== schema) {
    registerSchema(SERVICE_MONITOR_API_VERSION, SERVICE_MONITOR_KIND, schema);
  }
}
