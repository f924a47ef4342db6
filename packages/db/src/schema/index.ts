export * from './billing';
export * from './collection';
export * from './keywords';
export * from './operations';
export * from './users';
