import { ConfigError } from './parse-env';

/**
 * Runs a process's start-up. A bad configuration exits with its message alone; anything else
 * exits with the stack, since no logger may exist yet.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const text =
      error instanceof ConfigError ? error.message : String((error as Error).stack ?? error);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  }
}
