export * from './batches';
export * from './billing';
export * from './collection';
export * from './imports';
export * from './keywords';
export * from './lists';
export * from './operations';
export * from './users';
