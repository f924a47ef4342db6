export * from './create-db';
export { migrationsFingerprint } from './migrate';
export * as schema from './schema';
export * from './schema';
