export * from './gateway';
export * from './http-route';
export * from './grpc-route';
export * from './reference-grant';
export {
  AppRouteBackendOptions, ExternalRouteParentOptions, IRouteTarget, NamedRouteParentOptions, RouteBackend, RouteBackendOptions,
  RouteParent, RouteParentOptions, ServiceNameRouteBackendOptions,
} from './route-refs';
export { RouteBaseProps } from './route-base';
