import { PLATFORMS, type Platform } from '@digitallz/contracts';
import { ConfigError } from '@digitallz/core';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type CollectOptions, collectCommand } from './commands/collect';
import { migrateCommand } from './commands/migrate';
import { quarantineCommand } from './commands/quarantine';
import { seedDemoCommand } from './commands/seed-demo';
import { startCommand } from './commands/start';
import { CliError, loadEnv } from './env';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
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
    process.exitCode = await startCommand(loadEnv());
  });

program
  .command('migrate')
  .description('apply the committed SQL migrations to DATABASE_URL or the embedded database')
  .action(async () => migrateCommand(loadEnv()));

program
  .command('seed-demo')
  .description('load the deterministic demo world (skipped when keywords exist, unless --force)')
  .option('--keywords <n>', 'distinct keywords to generate', positiveInt, 5_000)
  .option('--force', 'replace existing demo data', false)
  .action(async (options: { keywords: number; force: boolean }) => {
    await seedDemoCommand(loadEnv(), options);
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
    process.exitCode = await collectCommand(loadEnv(), options);
  });

program
  .command('quarantine')
  .description('list marketplace payloads that failed validation (kept out of the data)')
  .addOption(new Option('--platform <platform>', 'only this marketplace').choices(PLATFORMS))
  .option('--limit <n>', 'latest entries to show', positiveInt, 20)
  .option('--json', 'print JSON', false)
  .action(async (options: { platform?: Platform; limit: number; json: boolean }) => {
    await quarantineCommand(loadEnv(), options);
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
