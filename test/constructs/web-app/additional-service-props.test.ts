/**
 * Untyped `additionalServices` entries and `addService` options: an unknown prop is a
 * ValidationError with the construct path, the entry and a "did you mean" suggestion, like the
 * other option lists (`ports[1].port`).
 */
import { Testing } from 'cdk8s';
import { Image, WebApp } from '../../../src';
import { validationError } from '../validation-error';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');

function webApp(props: Record<string, unknown>): () => WebApp {
  return () => new WebApp(Testing.chart(), 'Web', { image: IMAGE, ...props } as any);
}

describe('unknown props of additional Services', () => {
  test.each([
    ['an entry with nme', webApp({ additionalServices: { External: { nme: 'x' } } }),
      '[test/Web] unknown prop \'additionalServices.External.nme\': did you mean \'additionalServices.External.name\'?'],
    ['an entry with typ', webApp({ additionalServices: { External: { typ: 'LoadBalancer' } } }),
      '[test/Web] unknown prop \'additionalServices.External.typ\': did you mean \'additionalServices.External.type\'?'],
    ['a port with target', webApp({ additionalServices: { External: { ports: [{ port: 80 }, { port: 81, targetport: 'http' }] } } }),
      '[test/Web] unknown prop \'additionalServices.External.ports[1].targetport\': did you mean \'additionalServices.External.ports[1].targetPort\'?'],
    ['nothing close', webApp({ additionalServices: { External: { loadBalancerIP: '10.0.0.1' } } }),
      '[test/Web] unknown prop \'additionalServices.External.loadBalancerIP\': AdditionalServiceOptions has no such prop '
      + '(props: type, ports, name, annotations)'],
    ['an array of entries with nme', webApp({ additionalServices: [{ nme: 'x' }] }),
      '[test/Web] unknown prop \'additionalServices[0].nme\': did you mean \'additionalServices[0].name\'?'],
    ['an array of valid entries', webApp({ additionalServices: [{ name: 'x' }] }),
      '[test/Web] \'additionalServices\' must be an object of Services by construct id '
      + '(e.g. { External: { type: ServiceType.LOAD_BALANCER } }), not an array'],
    ['addService with nme', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).addService('Metrics', { nme: 'metrics' } as any),
      '[test/Web] unknown prop \'addService("Metrics").nme\': did you mean \'addService("Metrics").name\'?'],
  ])('%s is a ValidationError', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });

  test('known props pass', () => {
    const web = webApp({ additionalServices: { External: { name: 'web-external', ports: [{ port: 80, targetPort: 'http' }] } } })();
    expect(Object.keys(web.additionalServices)).toStrictEqual(['External']);
  });
});
