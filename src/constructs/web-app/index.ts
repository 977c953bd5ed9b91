export * from './web-app';
export * from './web-app-props';
