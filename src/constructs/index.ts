export * from './common/errors';
