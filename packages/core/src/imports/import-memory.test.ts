import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A report as large as the API takes (50 MB) is read a piece at a time: in a process whose V8
 * heap is capped under the size of the report itself (its rows took about 1.5 GB for 50 MB read
 * whole, and its text alone is a string as large as the file), every line of a 40 MB report is
 * read.
 */
describe('a large report', () => {
  it('is read line by line within a small heap', () => {
    const reader = fileURLToPath(new URL('./parse-import.ts', import.meta.url));
    const script = `
      const { readImport } = await import(${JSON.stringify(reader)});
      // 40 MB of keyword,platform,volume lines, written into one buffer (no string of them all).
      const bytes = Buffer.allocUnsafeSlow(40 * 1024 * 1024);
      let size = bytes.write('keyword,platform,volume\\n');
      for (let i = 0; size < bytes.length - 100; i++)
        size += bytes.write('printable wedding planner template ' + i + ',etsy,' + (i % 5000) + '\\n', size);
      let rows = 0;
      let skipped = 0;
      for await (const lines of readImport('csv', bytes.subarray(0, size)))
        for (const line of lines) 'row' in line ? rows++ : skipped++;
      process.stdout.write(JSON.stringify({ rows, skipped }));`;
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=32', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const { rows, skipped } = JSON.parse(out) as { rows: number; skipped: number };
    expect(skipped).toBe(0);
    expect(rows).toBeGreaterThan(700_000);
  }, 120_000);
});
