export * from './billing';
export * from './collection';
export * from './imports';
export * from './keywords';
export * from './operations';
export * from './users';
