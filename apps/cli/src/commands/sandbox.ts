import { type Faults, startSandboxServer } from '@digitallz/sandbox';
import { type Env, print } from '../env';

export type SandboxOptions = { keywords: number; port: number; seed?: number; faults?: Faults };

/**
 * Runs the sandbox marketplace on its own (benchmarks, reliability runs, development against a
 * large world) until Ctrl-C. Faults can be set at start or later through POST /__faults.
 */
export async function sandboxCommand(env: Env, options: SandboxOptions): Promise<number> {
  const started = Date.now();
  print(`sandbox: generating a world of ${options.keywords.toLocaleString('en-US')} keywords ...`);
  const sandbox = await startSandboxServer({
    host: env.HOST,
    port: options.port,
    asOf: new Date(),
    keywords: options.keywords,
    seed: options.seed,
    faults: options.faults,
  });
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  print(
    `sandbox: ${sandbox.market.size.toLocaleString('en-US')} records (keyword x platform) ready in ${((Date.now() - started) / 1000).toFixed(1)} s, ${rssMb} MB resident`,
  );
  print(`sandbox marketplace at ${sandbox.url} (truth: ${sandbox.url}/__truth.ndjson)`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await sandbox.close();
  return 0;
}
