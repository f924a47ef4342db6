import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The CommonJS packages a fresh process holds once it has imported the core, and after `then`. */
function loadedPackages(then = ''): string[] {
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const script = `
    const core = await import(${JSON.stringify(index)});
    ${then}
    const { createRequire } = await import('node:module');
    const cache = createRequire(import.meta.url).cache;
    const names = Object.keys(cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]);
    console.log(JSON.stringify([...new Set(names.filter(Boolean))]));`;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as string[];
}

// Every API and worker process imports the whole core: the SDKs that only billing, payload
// archiving to S3 and XLSX exports use are loaded when first used, not by the import.
describe('SDKs loaded on first use', () => {
  it('importing the core loads neither Stripe, the S3 client nor ExcelJS', () => {
    const loaded = loadedPackages();
    expect(loaded).toContain('bullmq');
    expect(loaded).not.toContain('stripe');
    expect(loaded).not.toContain('@aws-sdk/client-s3');
    expect(loaded).not.toContain('exceljs');
  });

  it('making a Stripe client loads Stripe', () => {
    expect(loadedPackages(`core.createStripe('sk_test_x');`)).toContain('stripe');
  });
});
