import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };

const SRC = join(import.meta.dirname, '..');

/** Every source file of the web app but the tests. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });

const messageAt = (path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);

/**
 * The messages each file asks for by a literal key: `const t = await getTranslations('ns')` (or
 * `useTranslations`), then `t('key')`, as the keys under each namespace that name is bound to in
 * the file (one name may serve several functions). Keys built at run time
 * (`t(\`levels.${level}\`)`) are not read here.
 */
function askedFor(file: string): { key: string; namespaces: string[] }[] {
  const text = readFileSync(file, 'utf8');
  const bound = new Map<string, string[]>();
  for (const [, name, namespace] of text.matchAll(
    /\b(\w+)\s*=\s*(?:await\s+)?(?:getTranslations|useTranslations)\('([\w.]+)'\)/g,
  ))
    bound.set(name as string, [...(bound.get(name as string) ?? []), namespace as string]);
  return [...bound].flatMap(([name, namespaces]) =>
    [...text.matchAll(new RegExp(`\\b${name}\\('([\\w.]+)'`, 'g'))].map(([, key]) => ({
      key: key as string,
      namespaces,
    })),
  );
}

describe('the messages the web app asks for', () => {
  it('are all in the catalogue (the French one holds the same keys: explain.test.ts)', () => {
    const asked = sources(SRC).flatMap((file) =>
      askedFor(file).map((ask) => ({ file: file.slice(SRC.length + 1), ...ask })),
    );
    expect(asked.length).toBeGreaterThan(200);
    const missing = asked.filter(
      ({ key, namespaces }) =>
        !namespaces.some((ns) => typeof messageAt(`${ns}.${key}`) === 'string'),
    );
    expect(missing).toEqual([]);
  });
});
