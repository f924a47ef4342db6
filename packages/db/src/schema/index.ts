export * from './billing';
export * from './keywords';
export * from './operations';
export * from './users';
