import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A report as large as the API takes (50 MB) is read a batch at a time: in a process whose V8
 * heap is capped well under what the report's rows take as objects (about 1.5 GB for 50 MB read
 * whole), reading every line of a 40 MB report completes.
 */
describe('a large report', () => {
  it('is read line by line within a small heap', () => {
    const reader = fileURLToPath(new URL('./parse-import.ts', import.meta.url));
    const script = `
      const { readImport } = await import(${JSON.stringify(reader)});
      // 40 MB of keyword,platform,volume lines, built as bytes (not as one string of lines).
      const lines = [];
      let size = 0;
      for (let i = 0; size < 40 * 1024 * 1024; i++) {
        const line = Buffer.from('printable wedding planner template ' + i + ',etsy,' + (i % 5000) + '\\n');
        lines.push(line);
        size += line.length;
      }
      const bytes = new Uint8Array(Buffer.concat([Buffer.from('keyword,platform,volume\\n'), ...lines]));
      lines.length = 0;
      let rows = 0;
      let skipped = 0;
      for await (const line of readImport('csv', bytes)) 'row' in line ? rows++ : skipped++;
      process.stdout.write(JSON.stringify({ rows, skipped }));`;
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=128', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const { rows, skipped } = JSON.parse(out) as { rows: number; skipped: number };
    expect(skipped).toBe(0);
    expect(rows).toBeGreaterThan(700_000);
  }, 120_000);
});
