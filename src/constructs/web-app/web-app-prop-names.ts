import { PropNames, propNamesOf } from '../core/prop-names';
import {
  AUTOSCALING_OPTIONS_NAMES, ROLLING_UPDATE_OPTIONS_NAMES, WORKLOAD_ITEM_NAMES, WORKLOAD_NESTED_NAMES, WORKLOAD_PROPS,
} from '../workload/workload-prop-names';
import { IngressOptions, WebAppProps } from './web-app-props';

/**
 * The prop names of `WebApp` (typed `Record<keyof WebAppProps, true>`: a new prop breaks the build
 * until it is listed), for the run-time checks of untyped props and overrides.
 *
 * @internal
 */
export const WEB_APP_PROP_NAMES: PropNames = propNamesOf<WebAppProps>('WebAppProps', {
  ...WORKLOAD_PROPS, replicas: true, serviceType: true, servicePort: true, ingress: true, autoscaling: true,
  disruptionBudget: true, rollingUpdate: true, rolloutStrategy: true, additionalServices: true,
}, {
  ...WORKLOAD_NESTED_NAMES,
  ingress: propNamesOf<IngressOptions>('IngressOptions', {
    hosts: true, paths: true, pathType: true, className: true, tls: true, port: true, annotations: true,
  }),
  autoscaling: AUTOSCALING_OPTIONS_NAMES,
  rollingUpdate: ROLLING_UPDATE_OPTIONS_NAMES,
}, WORKLOAD_ITEM_NAMES);
