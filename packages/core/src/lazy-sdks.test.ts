import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'digitallz-lazy-sdks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every module the ES loader resolves, written to a file: packages imported as ES modules never
// reach require's cache.
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.RESOLVED_LOG, resolved.url + '\\n');
  return resolved;
}`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});`,
);

const packageOf = (file: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1];

/** The npm packages a fresh process has loaded once it has imported the core, and run `then`. */
function loadedPackages(then = ''): Set<string> {
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const log = join(dir, `resolved-${Date.now()}-${Math.random()}.txt`);
  writeFileSync(log, '');
  const script = `
    const core = await import(${JSON.stringify(index)});
    ${then}
    const { createRequire } = await import('node:module');
    console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const out = execFileSync(
    process.execPath,
    ['--import', register, '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, RESOLVED_LOG: log } },
  );
  const required = JSON.parse(out.trim().split('\n').at(-1) as string) as string[];
  const imported = readFileSync(log, 'utf8').split('\n');
  return new Set([...required, ...imported].map(packageOf).filter((p) => p !== undefined));
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
