import { PLATFORMS, type Platform } from '@digitallz/contracts';
import { ConfigError } from '@digitallz/core/config';
import { type Faults, FaultsSchema, MAX_WORLD_KEYWORDS } from '@digitallz/sandbox';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CollectOptions } from './commands/collect';
import type { ImportOptions } from './commands/import';
import { CliError, loadEnv } from './env';

/**
 * The commands, each loaded when it runs: most of them load the whole of core (about 1,100
 * modules, seconds through tsx), which `--help` or `forecast` need not wait for.
 */
const commands = {
  backup: () => import('./commands/backup'),
  collect: () => import('./commands/collect'),
  forecast: () => import('./commands/forecast'),
  import: () => import('./commands/import'),
  jobs: () => import('./commands/jobs'),
  migrate: () => import('./commands/migrate'),
  quarantine: () => import('./commands/quarantine'),
  resealSecrets: () => import('./commands/reseal-secrets'),
  sandbox: () => import('./commands/sandbox'),
  seedDemo: () => import('./commands/seed-demo'),
  setRole: () => import('./commands/set-role'),
  start: () => import('./commands/start'),
};

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
};

const worldSize = (value: string) => {
  const n = positiveInt(value);
  if (n > MAX_WORLD_KEYWORDS)
    throw new InvalidArgumentError(`at most ${MAX_WORLD_KEYWORDS.toLocaleString('en-US')}`);
  return n;
};

const faultsJson = (value: string): Faults => {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be a JSON object');
  }
  const parsed = FaultsSchema.safeParse(json);
  if (!parsed.success)
    throw new InvalidArgumentError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
};

const program = new Command()
  .name('digitallz')
  .description('Digitallz: keyword research for Amazon, Etsy and eBay sellers')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'start web (WEB_PORT, 3000), API (API_PORT, 4000) and worker on the configured or embedded services',
  )
  .action(async () => {
    process.exitCode = await (await commands.start()).startCommand(loadEnv());
  });

program
  .command('migrate')
  .description('apply the committed SQL migrations to DATABASE_URL or the embedded database')
  .action(async () => (await commands.migrate()).migrateCommand(loadEnv()));

program
  .command('reseal-secrets')
  .description(
    're-encrypt stored secrets (2FA secrets) with the first key of ENCRYPTION_KEYS after a key rotation',
  )
  .action(async () => (await commands.resealSecrets()).resealSecretsCommand(loadEnv()));

program
  .command('set-role')
  .description('make an account an administrator, or a user again')
  .requiredOption('--email <email>', 'the account')
  .addOption(new Option('--role <role>', 'the role').choices(['user', 'admin']).default('admin'))
  .action(async (options: { email: string; role: 'user' | 'admin' }) =>
    (await commands.setRole()).setRoleCommand(loadEnv(), options),
  );

program
  .command('seed-demo')
  .description(
    'collect the demo data from a sandbox marketplace (skipped when keyword history exists, unless --force)',
  )
  .option('--keywords <n>', 'distinct keywords to collect, most searched first', positiveInt, 1_000)
  .option('--force', 'replace existing demo data', false)
  .action(async (options: { keywords: number; force: boolean }) => {
    await (await commands.seedDemo()).seedDemoCommand(loadEnv(), options);
  });

program
  .command('collect')
  .description('collect suggestions and search statistics for one keyword from a marketplace')
  .addOption(
    new Option('--platform <platform>', 'marketplace').choices(PLATFORMS).makeOptionMandatory(),
  )
  .requiredOption('--keyword <keyword>', 'seed keyword')
  .option('--marketplace <code>', 'country marketplace (US, UK, DE, FR, ...)', 'US')
  .option('--base-url <url>', 'endpoint base URL instead of the real marketplace')
  .option('--sandbox', 'start the sandbox marketplace and collect from it', false)
  .option('--expand', 'walk the autocomplete tree from the keyword', false)
  .option('--budget <n>', 'maximum suggestion requests when expanding', positiveInt, 200)
  .option('--json', 'print JSON', false)
  .action(async (options: CollectOptions) => {
    process.exitCode = await (await commands.collect()).collectCommand(loadEnv(), options);
  });

program
  .command('backup')
  .description('back up the PostgreSQL database of DATABASE_URL (pg_dump, custom format)')
  .requiredOption('--out <file>', 'the archive to write')
  .action(async (options: { out: string }) =>
    (await commands.backup()).backupCommand(loadEnv(), options),
  );

program
  .command('restore')
  .description('restore a backup into an empty PostgreSQL database')
  .requiredOption('--from <file>', 'the archive written by backup')
  .option('--database-url <url>', 'the empty database (default: DATABASE_URL)')
  .action(async (options: { from: string; databaseUrl?: string }) =>
    (await commands.backup()).restoreCommand(loadEnv(), options),
  );

program
  .command('quarantine')
  .description('list marketplace payloads that failed validation (kept out of the data)')
  .addOption(new Option('--platform <platform>', 'only this marketplace').choices(PLATFORMS))
  .option('--limit <n>', 'latest entries to show', positiveInt, 20)
  .option('--json', 'print JSON', false)
  .action(async (options: { platform?: Platform; limit: number; json: boolean }) => {
    await (await commands.quarantine()).quarantineCommand(loadEnv(), options);
  });

const jobs = program.command('jobs').description('failed jobs on REDIS_URL (BullMQ)');
jobs
  .command('failed')
  .description('list the jobs that ran out of attempts, newest first')
  .option('--limit <n>', 'how many', positiveInt, 50)
  .option('--json', 'print JSON', false)
  .action(async (options: { limit: number; json: boolean }) =>
    (await commands.jobs()).failedJobsCommand(loadEnv(), options),
  );
jobs
  .command('retry')
  .description('replay failed jobs, each with all its attempts again')
  .option('--id <id...>', 'these jobs (queue:id, as `jobs failed` shows them, or an id)')
  .option('--all', 'every failed job (1,000 at most per call)', false)
  .action(async (options: { id?: string[]; all: boolean }) =>
    (await commands.jobs()).retryJobsCommand(loadEnv(), options),
  );

program
  .command('import')
  .description(
    'import keyword figures: Amazon Brand Analytics, Google Keyword Planner, or keyword,platform,volume CSV',
  )
  .argument('<file>', 'the report file')
  .addOption(
    new Option('--kind <kind>', 'what the file is')
      .choices(['brand-analytics', 'keyword-planner', 'csv'])
      .makeOptionMandatory(),
  )
  .option('--marketplace <code>', 'country marketplace of the report', 'US')
  .option('--json', 'print JSON', false)
  .action(async (file: string, options: ImportOptions) => {
    await (await commands.import()).importCommand(loadEnv(), file, options);
  });

program
  .command('forecast')
  .description(
    'forecast weekly series: CSV id,date,value in; id,date,forecast,lo80,hi80,lo95,hi95 out',
  )
  .requiredOption('--input <file>', 'long-format CSV: id,date,value (one row per week)')
  .option('--horizon <weeks>', 'weeks ahead (1-104)', positiveInt, 13)
  .option('--output <file>', 'where to write the forecast (default: standard output)')
  .action(async (options: { input: string; horizon: number; output?: string }) => {
    await (await commands.forecast()).forecastCommand(options);
  });

program
  .command('sandbox')
  .description('run the sandbox marketplace alone (Amazon, Etsy and eBay wire formats)')
  .option(
    '--keywords <n>',
    `distinct keywords, 1 to ${MAX_WORLD_KEYWORDS.toLocaleString('en-US')}`,
    worldSize,
    5_000,
  )
  .option('--port <n>', 'port (SANDBOX_PORT by default)', positiveInt)
  .option('--seed <n>', 'world seed', positiveInt)
  .option('--faults <json>', 'fault knobs, e.g. \'{"rate429":0.2,"latencyMs":50}\'', faultsJson)
  .action(async (options: { keywords: number; port?: number; seed?: number; faults?: Faults }) => {
    const env = loadEnv();
    process.exitCode = await (await commands.sandbox()).sandboxCommand(env, {
      ...options,
      port: options.port ?? env.SANDBOX_PORT,
    });
  });

try {
  await program.parseAsync();
} catch (error) {
  const code = (error as { code?: unknown }).code;
  const message =
    error instanceof CliError || error instanceof ConfigError
      ? error.message
      : `Error${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` [${code}]` : ''}: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}
