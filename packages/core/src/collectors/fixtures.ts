import { readFileSync } from 'node:fs';

/** Reads a recorded marketplace payload from packages/core/test-fixtures/marketplaces (tests only). */
export function fixture(path: string): string {
  return readFileSync(new URL(`../../test-fixtures/marketplaces/${path}`, import.meta.url), 'utf8');
}

export function jsonFixture(path: string): unknown {
  return JSON.parse(fixture(path));
}
