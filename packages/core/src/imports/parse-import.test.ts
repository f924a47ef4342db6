import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from './parse-import';
import { readTable } from './parse-table';
import { readText } from './read-text';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test-fixtures/imports/${name}`, import.meta.url)));

describe('parseImport brand-analytics', () => {
  it('reads the real Brand Analytics export: rank and term, after the title line', async () => {
    const { rows, skipped } = await parseImport(
      'brand-analytics',
      fixture('US_Top_Search_Terms_Simple_Week_2026_04_11_sample.csv'),
    );
    expect(skipped).toEqual([]);
    expect(rows).toHaveLength(100);
    expect(rows[0]).toMatchObject({
      line: 3,
      keyword: 'needoh',
      platform: 'amazon',
      searchFrequencyRank: 1,
    });
    expect(rows[1]).toMatchObject({
      keyword: 'tinnitus relief for ringing ears',
      searchFrequencyRank: 2,
    });
  });

  it('refuses a file that is not one', async () => {
    await expect(
      parseImport('brand-analytics', fixture('keyword_platform_volume.csv')),
    ).rejects.toThrow(/not an Amazon Brand Analytics search terms report/);
  });
});

describe.each([
  ['UTF-16 tab-separated', 'keyword_planner_keyword_stats_utf16.tsv'],
  ['UTF-8 CSV', 'keyword_planner_keyword_stats_utf8.csv'],
])('parseImport keyword-planner (%s)', (_label, file) => {
  const parsed = parseImport('keyword-planner', fixture(file));

  it('reads volumes, ranges, competition, bids and the monthly columns', async () => {
    const { rows } = await parsed;
    expect(rows.map((r) => r.keyword)).toEqual([
      'wedding invitation template',
      'printable planner',
      'christmas svg',
      'digital stickers goodnotes',
    ]);
    expect(rows[0]).toMatchObject({
      line: 4,
      platform: 'google',
      volume: 14_800,
      competition: 0.18,
      bidLow: 0.62,
      bidHigh: 2.35,
    });
    expect(rows[0]?.monthly).toMatchObject({ '2025-11': 12_100, '2026-10': 14_800 });
    expect(Object.keys(rows[0]?.monthly ?? {})).toHaveLength(12);
    expect(rows[2]).toMatchObject({
      volumeLow: 1_000,
      volumeHigh: 10_000,
      volume: 3_162,
      monthly: null,
    });
  });

  it('skips bad rows with their line numbers', async () => {
    const { skipped } = await parsed;
    expect(skipped).toEqual([
      { line: 7, message: 'empty keyword' },
      { line: 8, message: 'avg. monthly searches "lots" is not a number or range' },
    ]);
  });
});

describe('parseImport csv', () => {
  it('imports good rows and reports the bad ones by line', async () => {
    const { rows, skipped } = await parseImport('csv', fixture('keyword_platform_volume.csv'));
    expect(rows.map((r) => [r.line, r.keyword, r.platform, r.volume])).toEqual([
      [2, 'wedding invitation template', 'etsy', 5_400],
      [3, 'boho planner', 'amazon', 880],
      [6, 'teacher planner', 'ebay', 320],
    ]);
    expect(skipped).toEqual([
      { line: 4, message: 'platform "walmart" is not one of amazon, etsy, ebay' },
      { line: 5, message: 'volume "-3" is not a whole number from 0' },
      { line: 7, message: 'empty keyword' },
    ]);
  });

  it('refuses binary files and files where nothing reads', async () => {
    await expect(
      parseImport('csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])),
    ).rejects.toThrow(/binary/);
    await expect(
      parseImport('csv', new TextEncoder().encode('keyword,platform,volume\nx,mars,1\n')),
    ).rejects.toThrow(/No row of this file could be read; first problem: line 2/);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('readText', () => {
  it('decodes a report piece by piece, characters cut between pieces included', async () => {
    // Over 64 KB, the size of a piece, of two-, three- and four-byte characters.
    const text = 'café 日本 🎉 svg\n'.repeat(10_000);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const utf8 = new TextEncoder().encode(`\uFEFF${text}`);
    for (const bytes of [utf8, utf16]) {
      const pieces = await collect(readText(bytes));
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join('')).toBe(text);
    }
  });

  it('decodes bytes that arrive in pieces of any size, the byte-order mark cut included', async () => {
    const text = 'keyword,platform,volume\ncafé 日本 🎉,etsy,1\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) >> 8;
      utf16[3 + 2 * i] = text.charCodeAt(i) & 0xff;
    }
    const utf8 = new TextEncoder().encode(`\uFEFF${text}`);
    async function* cut(bytes: Uint8Array, size: number) {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    }
    for (const bytes of [utf8, utf16])
      for (const size of [1, 2, 3, 5, 7])
        expect((await collect(readText(cut(bytes, size)))).join('')).toBe(text);
    expect(await collect(readText(cut(new Uint8Array([0x41]), 1)))).toEqual(['A']);
    expect(await collect(readText([]))).toEqual([]);
  });
});

describe('readTable', () => {
  it('looks for the header in the first megabyte, not in a whole file of one endless line', async () => {
    let pulled = 0;
    function* endless() {
      for (let i = 0; i < 1_000; i++) {
        pulled++;
        yield 'x'.repeat(64 * 1024);
      }
    }
    await expect(
      readTable(endless(), {
        isHeader: (cells) => cells.includes('keyword'),
        what: 'a test table',
      }).next(),
    ).rejects.toThrow(/its header was not found/);
    // Sixteen pieces of 64 KB: the first megabyte, no more.
    expect(pulled).toBe(16);
  });

  it('fails with the error of a piece that could not be read, not as a bad file', async () => {
    const down = new Error('connection terminated');
    async function* pieces() {
      yield 'keyword,platform,volume\n';
      for (let i = 0; i < 100; i++) yield `planner ${i},etsy,${i}\n`;
      throw down;
    }
    const read = async () => {
      for await (const _ of readTable(pieces(), {
        isHeader: (cells) => cells.includes('keyword'),
        what: 'a test table',
      }));
    };
    await expect(read()).rejects.toBe(down);
  });
});
