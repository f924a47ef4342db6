import { join } from 'node:path';
import { ensureLocalSecrets } from '@digitallz/core';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { type Env, print, REPO_ROOT } from '../env';
import { describeDatabase } from '../open-database';
import { type Child, startChild, waitUntilUp } from '../start/child-process';
import { assertPortFree } from '../start/ports';
import { ensureWebBuild, NEXT_BIN, WEB_DIR } from '../start/web-build';
import { DEMO_WEEKS, seedDemoCommand } from './seed-demo';

/**
 * Starts the whole platform: prepares the database (migrations, demo data on first start), builds
 * the web app when its sources changed, then runs the API, the worker and the web server, and
 * stops them all on Ctrl-C.
 */
/** Distinct keywords the first start collects from the sandbox (about 2 records each). */
const DEMO_KEYWORDS = 1_000;

export async function startCommand(env: Env): Promise<number> {
  await assertPortFree(env.API_PORT, env.HOST, 'API_PORT');
  await assertPortFree(env.WEB_PORT, env.HOST, 'WEB_PORT');
  const useSandbox = !marketplaceConfigured(env);
  if (useSandbox) await assertPortFree(env.SANDBOX_PORT, env.HOST, 'SANDBOX_PORT');
  const separateWorker = Boolean(env.REDIS_URL && env.DATABASE_URL);
  print(
    `Digitallz starting: database ${describeDatabase(env)}; cache ${env.REDIS_URL ? 'Redis' : 'in-process'}`,
  );

  const sandbox: SandboxServer | null = useSandbox
    ? await startSandboxServer({
        port: env.SANDBOX_PORT,
        host: env.HOST,
        asOf: new Date(),
        keywords: env.SANDBOX_KEYWORDS,
        weeks: DEMO_WEEKS,
      })
    : null;
  // The demo data is collected from the sandbox marketplace (a private one when real ones are set).
  await seedDemoCommand(env, {
    keywords: DEMO_KEYWORDS,
    force: false,
    sandbox: sandbox ?? undefined,
  });
  await ensureWebBuild(print);
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((child) => child.stop()));
    await sandbox?.close();
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

  // An embedded install keeps its own secrets under DATA_DIR; deployments set them in the environment.
  const local = ensureLocalSecrets(env.DATA_DIR);
  const serviceEnv = {
    AUTH_SECRET: local.AUTH_SECRET,
    ENCRYPTION_KEYS: local.ENCRYPTION_KEYS,
    APP_URL: `http://localhost:${env.WEB_PORT}`,
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: env.DATA_DIR,
    ...(sandbox ? sandboxEnv(sandbox) : {}),
  };
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
        // The web server on this host forwards its visitors' addresses.
        TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
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
          env: { WORKER_METRICS_HOST: env.HOST, ...serviceEnv },
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
  print(
    `  Marketplace: ${sandbox ? `sandbox at ${sandbox.url} (simulated, for the demo)` : 'the configured endpoints'}`,
  );
  print('  Press Ctrl-C to stop.');
  print('');
  return Promise.race([
    shutdown,
    ...failures.map((f) => f.then((code) => (code === 0 ? shutdown : code))),
  ]);
}

/** Real marketplaces are used as soon as any endpoint or credential is configured. */
function marketplaceConfigured(env: Env): boolean {
  return Boolean(
    env.MARKETPLACE_BASE_URL ||
      env.AMAZON_BASE_URL ||
      env.ETSY_BASE_URL ||
      env.EBAY_BASE_URL ||
      env.ETSY_API_KEY ||
      env.EBAY_CLIENT_ID ||
      env.AMAZON_SP_API_ACCESS_TOKEN,
  );
}

function sandboxEnv(sandbox: SandboxServer): Record<string, string> {
  return {
    MARKETPLACE_BASE_URL: sandbox.url,
    COLLECT_SOURCE: 'sandbox',
    // The sandbox has no quota: collect at a brisk but bounded pace.
    COLLECT_RATE_LIMITS: JSON.stringify({
      amazon: { perSecond: 50, burst: 50 },
      etsy: { perSecond: 50, burst: 50 },
      ebay: { perSecond: 50, burst: 50 },
    }),
    ETSY_API_KEY: 'sandbox',
    EBAY_CLIENT_ID: 'sandbox',
    EBAY_CLIENT_SECRET: 'sandbox',
    AMAZON_SP_API_ACCESS_TOKEN: 'sandbox',
    AMAZON_ADS_CLIENT_ID: 'sandbox',
    AMAZON_ADS_ACCESS_TOKEN: 'sandbox',
    AMAZON_ADS_PROFILE_ID: 'sandbox',
    AMAZON_ADS_ASIN: 'B0SANDBOX1',
  };
}
