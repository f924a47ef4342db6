import { join } from 'node:path';
import { type Env, print, REPO_ROOT } from '../env';
import { describeDatabase } from '../open-database';
import { type Child, startChild, waitUntilUp } from '../start/child-process';
import { assertPortFree } from '../start/ports';
import { ensureWebBuild, NEXT_BIN, WEB_DIR } from '../start/web-build';
import { seedDemoCommand } from './seed-demo';

/**
 * Starts the whole platform: prepares the database (migrations, demo data on first start), builds
 * the web app when its sources changed, then runs the API, the worker and the web server, and
 * stops them all on Ctrl-C.
 */
export async function startCommand(env: Env): Promise<number> {
  await assertPortFree(env.API_PORT, env.HOST, 'API_PORT');
  await assertPortFree(env.WEB_PORT, env.HOST, 'WEB_PORT');
  const separateWorker = Boolean(env.REDIS_URL && env.DATABASE_URL);
  print(
    `Digitallz starting: database ${describeDatabase(env)}; cache ${env.REDIS_URL ? 'Redis' : 'in-process'}`,
  );

  await seedDemoCommand(env, { keywords: 5_000, force: false });
  await ensureWebBuild(print);

  const children: Child[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((child) => child.stop()));
  };
  const shutdown = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        print(`\n${signal}: stopping web, API and worker ...`);
        void stopAll().then(() => resolve(0));
      });
    }
  });
  const watch = (child: Child) =>
    child.exited.then(async (code) => {
      if (stopping) return 0;
      print(`${child.name} exited unexpectedly (code ${code}); stopping the others`);
      await stopAll();
      return 1;
    });

  const serviceEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: env.DATA_DIR };
  const tsx = ['--import', 'tsx'];
  const api = startChild(
    'api',
    process.execPath,
    [...tsx, join(REPO_ROOT, 'apps/api/src/server.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...serviceEnv,
        API_PORT: String(env.API_PORT),
        API_HOST: env.HOST,
        LOG_PRETTY: 'true',
      },
    },
  );
  children.push(api);
  const failures = [watch(api)];
  try {
    await waitUntilUp(`http://${env.HOST}:${env.API_PORT}/ready`, api);
    if (separateWorker) {
      const worker = startChild(
        'worker',
        process.execPath,
        [...tsx, join(REPO_ROOT, 'apps/worker/src/main.ts')],
        {
          cwd: REPO_ROOT,
          env: serviceEnv,
        },
      );
      children.push(worker);
      failures.push(watch(worker));
    }
    const web = startChild(
      'web',
      process.execPath,
      [NEXT_BIN, 'start', '-p', String(env.WEB_PORT), '-H', env.HOST],
      {
        cwd: WEB_DIR,
        env: {
          ...serviceEnv,
          NEXT_TELEMETRY_DISABLED: '1',
          API_URL: `http://${env.HOST}:${env.API_PORT}`,
        },
      },
    );
    children.push(web);
    failures.push(watch(web));
    await waitUntilUp(`http://${env.HOST}:${env.WEB_PORT}/`, web);
  } catch (error) {
    print(`Start-up failed: ${(error as Error).message}`);
    await stopAll();
    return 1;
  }

  const host = env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
  print('');
  print(`  Digitallz is running: http://${host}:${env.WEB_PORT}`);
  print(
    `  API:      http://${host}:${env.API_PORT}/api/v1/keywords/search?q=wedding&platform=etsy`,
  );
  print(`  API docs: http://${host}:${env.API_PORT}/api/docs`);
  print(
    `  Worker:   ${separateWorker ? 'separate process on BullMQ' : 'in the API process (embedded mode)'}`,
  );
  print('  Press Ctrl-C to stop.');
  print('');
  return Promise.race([
    shutdown,
    ...failures.map((f) => f.then((code) => (code === 0 ? shutdown : code))),
  ]);
}
