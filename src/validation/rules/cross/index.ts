/**
 * L4 cross-object checks: runtime wiring that no single object shows (Service to pods, Ingress to
 * Services, config references, autoscaling, disruption budgets, identities, namespaces).
 */
import { Rule } from '../../rule';
import { hpaReplicasRule, hpaRequestsRule, hpaTargetRule } from './autoscaling';
import { configKeyRule, configRefRule } from './config-refs';
import { pdbBlocksEvictionRule, pdbSelectorRule } from './disruption-budget';
import { derivedNameLengthRule, duplicateObjectRule } from './identity';
import {
  gatewayAllowedRoutesRule, gatewayDuplicateRouteRule, gatewayRouteBackendRule, gatewayRouteHostnameRule, gatewayRouteParentRule,
} from './gateway-routes';
import { gatewayTlsSecretRule } from './gateway-listeners';
import { gatewayExternalReferenceRule, gatewayReferenceGrantRule } from './gateway-reference-grant';
import { ingressBackendRule, ingressDuplicatePathRule, ingressTlsSecretRule } from './ingress';
import { clusterScopedNamespaceRule, namespaceExistsRule, namespaceOutsideBundleRule } from './namespace';
import { probePortRule, probePortUndeclaredRule, serviceAccountRule } from './pod-references';
import { selectorOverlapRule } from './selector-overlap';
import { serviceSelectorRule, serviceTargetPortRule, serviceTargetPortUndeclaredRule } from './service';
import { serviceMonitorTargetRule } from './service-monitor';

/** Every cross-object rule, layer `cross`, ids `cross/<name>`. */
export const CROSS_RULES: Rule[] = [
  duplicateObjectRule,
  namespaceExistsRule,
  namespaceOutsideBundleRule,
  clusterScopedNamespaceRule,
  derivedNameLengthRule,
  serviceSelectorRule,
  serviceTargetPortRule,
  serviceTargetPortUndeclaredRule,
  ingressBackendRule,
  ingressTlsSecretRule,
  ingressDuplicatePathRule,
  gatewayRouteBackendRule,
  gatewayRouteParentRule,
  gatewayAllowedRoutesRule,
  gatewayRouteHostnameRule,
  gatewayDuplicateRouteRule,
  gatewayTlsSecretRule,
  gatewayReferenceGrantRule,
  gatewayExternalReferenceRule,
  configRefRule,
  configKeyRule,
  serviceAccountRule,
  probePortRule,
  probePortUndeclaredRule,
  hpaTargetRule,
  hpaRequestsRule,
  hpaReplicasRule,
  pdbSelectorRule,
  pdbBlocksEvictionRule,
  selectorOverlapRule,
  serviceMonitorTargetRule,
];

