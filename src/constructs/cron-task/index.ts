export * from './cron-task';
export * from './cron-task-props';
export { CronOptions, Schedule } from './schedule';
