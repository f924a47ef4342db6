// What a process needs before anything else (its start-up and its config), without the rest of
// core: an entry that only forks workers loads this alone.

export { defaultDataDir, workspaceRoot } from './data-dir';
export { ConfigError, parseEnv } from './parse-env';
export { runMain } from './run-main';
