import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'digitallz-lazy-sdks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const packageOf = (file: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1];
let runs = 0;

/**
 * The npm packages a fresh process has loaded once it has imported the core, and run `then`:
 * every module the ES loader resolves (a resolve hook writes it to a file: packages imported as
 * ES modules never reach require's cache), then every file in require's cache.
 */
function loadedPackages(then = ''): Set<string> {
  const run = ++runs;
  const log = join(dir, `loaded-${run}.txt`);
  const hooks = join(dir, `hooks-${run}.mjs`);
  const register = join(dir, `register-${run}.mjs`);
  writeFileSync(log, '');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`,
  );
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});`,
  );
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const script = `
    const core = await import(${JSON.stringify(index)});
    ${then}
    const { createRequire } = await import('node:module');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join('\\n'));`;
  execFileSync(process.execPath, [
    '--import',
    register,
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    script,
  ]);
  const files = readFileSync(log, 'utf8').split('\n');
  return new Set(files.map(packageOf).filter((p) => p !== undefined));
}

// Every API and worker process imports the whole core: the SDKs that only billing, payload
// archiving to S3 and XLSX exports use are loaded when first used, not by the import.
describe('SDKs loaded on first use', () => {
  it('importing the core loads neither Stripe, the S3 client nor ExcelJS', () => {
    const loaded = loadedPackages();
    // Both ways of loading are seen: bullmq is required, zod imported.
    expect(loaded).toContain('bullmq');
    expect(loaded).toContain('zod');
    expect(loaded).not.toContain('stripe');
    expect(loaded).not.toContain('@aws-sdk/client-s3');
    expect(loaded).not.toContain('exceljs');
  });

  it('making a Stripe client loads Stripe', () => {
    expect(loadedPackages(`core.createStripe('sk_test_x');`)).toContain('stripe');
  });
});
