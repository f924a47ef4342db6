import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseImport } from './parse-import';
import type { ImportKind, ParsedImport } from './types';

/**
 * Property-based fuzzing of the report importers (issue 10): for any upload, the parser returns
 * rows it could read and the lines it skipped, or refuses the file with a 400
 * (VALIDATION_FAILED); it never throws anything else, and every row it returns is sound.
 * Inputs: arbitrary bytes, CSV built from hostile cells (quotes, separators, line breaks, BOMs,
 * formulas, unicode, huge numbers), and the real sample reports with bytes inserted, removed
 * or cut anywhere.
 */
const FIXTURES: Record<ImportKind, string> = {
  'brand-analytics': 'US_Top_Search_Terms_Simple_Week_2026_04_11_sample.csv',
  'keyword-planner': 'keyword_planner_keyword_stats_utf8.csv',
  csv: 'keyword_platform_volume.csv',
};
const read = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test-fixtures/imports/${name}`, import.meta.url)));

async function outcome(kind: ImportKind, bytes: Uint8Array): Promise<ParsedImport | 'refused'> {
  try {
    return await parseImport(kind, bytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return 'refused';
    throw error;
  }
}

const finiteOrNull = (n: number | null) => n === null || Number.isFinite(n);

function expectSound(result: ParsedImport | 'refused') {
  if (result === 'refused') return;
  for (const row of result.rows) {
    expect(row.keyword.trim().length).toBeGreaterThan(0);
    expect(row.keyword.length).toBeLessThanOrEqual(200);
    for (const n of [
      row.volume,
      row.volumeLow,
      row.volumeHigh,
      row.searchFrequencyRank,
      row.competition,
      row.bidLow,
      row.bidHigh,
    ])
      expect(finiteOrNull(n)).toBe(true);
    if (row.volume !== null) expect(row.volume).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(row.monthly ?? {})) expect(Number.isFinite(v)).toBe(true);
  }
  for (const skipped of result.skipped) expect(skipped.message.length).toBeGreaterThan(0);
}

const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '"',
    '""',
    ',',
    ';',
    '\t',
    '\r\n',
    '\n',
    '\uFEFF',
    '=HYPERLINK("x")',
    '1e309',
    '-5',
    'NaN',
    '12,345',
    '1.000.000',
    '99999999999999999999',
    '',
    ' ',
    'x'.repeat(300),
  ),
  fc.integer().map(String),
  fc.double().map(String),
);
const csvText = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 })
  .map((rows) => rows.map((r) => r.join(',')).join('\n'));

describe.each(Object.keys(FIXTURES) as ImportKind[])('the %s importer under fuzzing', (kind) => {
  const sample = read(FIXTURES[kind]);

  it('reads its sample report', async () => {
    const result = await outcome(kind, sample);
    expect(result).not.toBe('refused');
    expect((result as ParsedImport).rows.length).toBeGreaterThan(0);
  });

  it('reads or refuses arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) =>
        expectSound(await outcome(kind, bytes)),
      ),
      { numRuns: 500, seed: 42 },
    );
  });

  it('reads or refuses CSV made of hostile cells, under its own header or none', async () => {
    const header = new TextDecoder().decode(sample).split(/\r?\n/)[0] ?? '';
    await fc.assert(
      fc.asyncProperty(fc.boolean(), csvText, async (withHeader, body) =>
        expectSound(
          await outcome(kind, new TextEncoder().encode(withHeader ? `${header}\n${body}` : body)),
        ),
      ),
      { numRuns: 500, seed: 42 },
    );
  });

  it('reads or refuses its sample report with bytes inserted, removed or cut anywhere', async () => {
    const edit = fc.record({
      at: fc.integer({ min: 0, max: sample.length }),
      remove: fc.integer({ min: 0, max: 40 }),
      insert: fc.uint8Array({ maxLength: 20 }),
      cut: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let bytes = sample;
        for (const e of edits) {
          const at = Math.min(e.at, bytes.length);
          bytes = e.cut
            ? bytes.slice(0, at)
            : new Uint8Array([...bytes.slice(0, at), ...e.insert, ...bytes.slice(at + e.remove)]);
        }
        expectSound(await outcome(kind, bytes));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
