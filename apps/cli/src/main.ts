import { Command, InvalidArgumentError } from 'commander';
import { migrateCommand } from './commands/migrate';
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

try {
  await program.parseAsync();
} catch (error) {
  const message = error instanceof CliError ? error.message : `Error: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}
