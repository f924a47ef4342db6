import cluster from 'node:cluster';
import { runMain } from '@digitallz/core/config';
import { runPrimary } from './cluster';
import { createLogger, loadProcessEnv } from './process-env';

// The API's entry. With API_WORKERS over 1 this process is the primary: it only forks and watches
// the workers, so it loads none of the API (about 60 MB instead of 145 MB); each worker, like a
// single process, loads the API (main.ts) and validates the whole config there.
await runMain(async () => {
  const env = loadProcessEnv(process.env);
  if (env.API_WORKERS > 1 && cluster.isPrimary)
    runPrimary({ workers: env.API_WORKERS, logger: createLogger(env) });
  else await (await import('./main')).startApi();
});
