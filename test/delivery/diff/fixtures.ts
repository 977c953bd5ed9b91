/**
 * Small manifests for the diff tests, built as plain objects with targeted overrides.
 */
import { KubeObject, SourcedObject } from '../../../src/validation/types';

/** A Deployment `web` in namespace `prod` with 2 replicas of nginx:1.25. */
export function deployment(patch: (spec: any) => void = () => undefined, name = 'web'): KubeObject {
  const object: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'prod', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'web',
            image: 'nginx:1.25',
            args: ['--port', '8080'],
            env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'MODE', value: 'a' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
          }],
        },
      },
    },
  };
  patch(object);
  return object;
}

/** A StatefulSet `db` with one volume claim template `data` of 10Gi. */
export function statefulSet(patch: (o: any) => void = () => undefined): KubeObject {
  const object: any = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'prod' },
    spec: {
      serviceName: 'db',
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
    },
  };
  patch(object);
  return object;
}

/** A ClusterIP Service `web` selecting `app: web`. */
export function service(patch: (o: any) => void = () => undefined, name = 'web'): KubeObject {
  const object: any = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'prod', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
  patch(object);
  return object;
}

/** A PersistentVolumeClaim `data` of 10Gi. */
export function claim(patch: (o: any) => void = () => undefined): KubeObject {
  const object: any = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'prod' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
  };
  patch(object);
  return object;
}

/** A Job `migrate`. */
export function job(patch: (o: any) => void = () => undefined): KubeObject {
  const object: any = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'prod' },
    spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'app:1' }] } } },
  };
  patch(object);
  return object;
}

/** A ConfigMap or Secret named `name`. */
export function config(kind: 'ConfigMap' | 'Secret', name: string, data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, namespace: 'prod', labels: { app: 'web' } }, data, ...extra };
}

/** A Namespace. */
export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** Wraps objects as sourced objects (as a synthesized app gives them). */
export function sourced(...objects: KubeObject[]): SourcedObject[] {
  return objects.map((object) => ({ object, source: { constructPath: `app/${String((object.metadata as any).name)}` } }));
}
