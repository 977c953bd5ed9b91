import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { ExternalObjects } from '../external-objects/external-objects';
import { plus } from '../core/plus';
import { checkAnnotations, checkDns1123Subdomain, isIngressHost } from '../core/validators';
import { withGeneratedName } from '../core/object-names';
import { IngressOptions, PathType } from './web-app-props';

/**
 * Creates the Ingress of a WebApp (id `Ingress`) routing `options.hosts` × `options.paths` to
 * `servicePort` of `service`, with TLS and the cert-manager annotation.
 *
 * @internal
 */
export function createIngress(scope: Construct, options: IngressOptions, service: plus.Service, servicePort: number,
  metadata: ApiObjectMetadata): plus.Ingress {
  const hosts = options.hosts ?? [];
  if (hosts.length === 0) {
    throw new ValidationError(scope, '\'ingress.hosts\' must contain at least one host name');
  }
  for (const host of hosts) {
    if (typeof host !== 'string' || !isIngressHost(host)) {
      throw new ValidationError(scope, `'ingress.hosts' entry (${JSON.stringify(host)}) must be a lower-case DNS name `
        + '(e.g. \'app.example.com\') or a \'*.\' wildcard, not an IP address');
    }
  }
  if (new Set(hosts).size !== hosts.length) {
    throw new ValidationError(scope, `'ingress.hosts' (${JSON.stringify(hosts)}) must not contain duplicates`);
  }
  const paths = options.paths ?? ['/'];
  if (paths.length === 0) {
    throw new ValidationError(scope, '\'ingress.paths\' must not be empty: leave it out to route every path (\'/\')');
  }
  for (const path of paths) {
    if (!path.startsWith('/')) {
      throw new ValidationError(scope, `'ingress.paths' entry (${JSON.stringify(path)}) must start with '/'`);
    }
  }
  checkAnnotations(scope, 'ingress.annotations', options.annotations);
  if (options.className !== undefined) {
    checkDns1123Subdomain(scope, 'ingress.className', options.className);
  }
  const pathType = options.pathType ?? PathType.PREFIX;
  if (!Object.values(PathType).includes(pathType)) {
    throw new ValidationError(scope, `'ingress.pathType' (${JSON.stringify(pathType)}) is unknown: use PathType.PREFIX, EXACT or IMPLEMENTATION_SPECIFIC`);
  }
  const ingress = new plus.Ingress(scope, 'Ingress', {
    metadata: withGeneratedName({ ...metadata, annotations: { ...metadata.annotations, ...options.annotations } }, scope, 'Ingress', 'Resource'),
    className: options.className,
  });
  const backend = plus.IngressBackend.fromService(service, { port: servicePort });
  for (const host of hosts) {
    for (const path of paths) {
      ingress.addHostRule(host, path, backend, pathType as unknown as plus.HttpIngressPathType);
    }
  }
  const tls = options.tls;
  if (tls) {
    const secretName = tls.secretName ?? `${ingress.name}-tls`;
    checkDns1123Subdomain(scope, 'ingress.tls.secretName', secretName);
    // The TLS Secret exists already, or cert-manager issues it from the annotation: either way the app does not create it.
    ExternalObjects.of(scope).declare({ kind: 'Secret', name: secretName });
    if (tls._annotation && tls._issuer) {
      ingress.metadata.addAnnotation(tls._annotation, tls._issuer);
    }
    ingress.addTls([{ hosts: [...hosts], secret: plus.Secret.fromSecretName(scope, 'TlsSecret', secretName) }]);
  }
  return ingress;
}
