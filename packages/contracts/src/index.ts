export * from './collections';
export * from './errors';
export * from './health';
export * from './imports';
export * from './keywords';
export * from './platforms';
