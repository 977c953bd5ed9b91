/**
 * monitoring.coreos.com: the `openAPIV3Schema` of the prometheus-operator ServiceMonitor CRD
 * subset kept in `crds/monitoring.coreos.com_servicemonitors.yaml`, without descriptions (a test
 * keeps both equal).
 */
import { OpenApiSchema } from './structural';

/** The ServiceMonitor apiVersion. */
export const SERVICE_MONITOR_API_VERSION = 'monitoring.coreos.com/v1';
/** The ServiceMonitor kind. */
export const SERVICE_MONITOR_KIND = 'ServiceMonitor';

/** A Prometheus duration (`30s`, `1m30s`), as the upstream CRD restricts it. */
const PROMETHEUS_DURATION_PATTERN = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';

/** The `openAPIV3Schema` of `monitoring.coreos.com/v1` ServiceMonitor (built on each call). */
export function serviceMonitorV1(): OpenApiSchema {
  const string = { type: 'string' };
  const stringList = { type: 'array', items: string };
  const duration = { type: 'string', pattern: PROMETHEUS_DURATION_PATTERN };
  return {
    type: 'object',
    required: ['spec'],
    properties: {
      apiVersion: string,
      kind: string,
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['endpoints', 'selector'],
        properties: {
          endpoints: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                port: string,
                targetPort: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
                path: string,
                scheme: { type: 'string', enum: ['http', 'https'] },
                interval: duration,
                scrapeTimeout: duration,
                honorLabels: { type: 'boolean' },
              },
            },
          },
          jobLabel: string,
          namespaceSelector: {
            type: 'object',
            properties: { any: { type: 'boolean' }, matchNames: stringList },
          },
          podTargetLabels: stringList,
          sampleLimit: { type: 'integer', format: 'int64' },
          selector: {
            type: 'object',
            properties: {
              matchExpressions: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['key', 'operator'],
                  properties: { key: string, operator: string, values: stringList },
                },
              },
              matchLabels: { type: 'object', additionalProperties: string },
            },
          },
          targetLabels: stringList,
        },
      },
    },
  };
}
