export * from './collections';
export * from './errors';
export * from './health';
export * from './imports';
export * from './keyword-detail';
export * from './keyword-explore';
export * from './keywords';
export * from './platforms';
