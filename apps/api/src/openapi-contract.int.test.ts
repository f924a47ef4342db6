import { createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import type { DbHandle } from '@digitallz/db';
import { createTestDb } from '@digitallz/db/testing';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';

const asOf = new Date('2026-11-24T12:00:00Z');
/** A wrong value per parameter (a blank text is trimmed to nothing); ids and tokens get 'x'. */
const BAD: Record<string, string> = { platform: 'walmart', limit: '-1', q: '%20', keyword: '%20' };

type Operation = {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Write = { url: string; payload?: string | object; headers?: Record<string, string> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object> };
};

/**
 * The contract: every GET route of the OpenAPI document, called with good and bad values, answers
 * with a status it documents and a body its schema for that status accepts.
 */
describe('OpenAPI contract', () => {
  let database: DbHandle;
  let app: App;
  let document: Document;
  let samples: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDb('pglite');
    await seedDemo({ db: database.db, asOf, keywords: 300 });
    const cache = createTestCache('memory');
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    app = await buildApp({ database, cache, jobs, clock: () => asOf });
    document = (await app.inject({ url: '/api/openapi.json' })).json();
    const top = (await app.inject({ url: '/api/v1/keywords/popular?platform=etsy&limit=1' })).json()
      .data[0];
    const list = (
      await app.inject({ method: 'POST', url: '/api/v1/lists', payload: { name: 'contract' } })
    ).json();
    const shared = (
      await app.inject({ method: 'POST', url: `/api/v1/lists/${list.id}/share` })
    ).json();
    const batch = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/batches',
        payload: { platform: 'etsy', keywords: [top.keyword], collectMissing: false },
      })
    ).json();
    await jobs.idle();
    // Its job fails without marketplace access and waits for a retry: only its status is needed.
    const collection = (
      await app.inject({ url: '/api/v1/keywords/search?q=zz%20contract%20unknown&platform=etsy' })
    ).json().collection;
    samples = {
      platform: 'etsy',
      keyword: encodeURIComponent(top.keyword),
      q: encodeURIComponent(top.keyword.slice(0, 4)),
      id: list.id,
      token: shared.sharePath.split('/').at(-1),
    };
    samples.batch = batch.id;
    samples.collection = collection.id;
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  /** OpenAPI 3.0's `nullable: true` as the JSON Schema that Ajv reads. */
  function jsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(jsonSchema);
    if (!node || typeof node !== 'object') return node;
    const { nullable, ...rest } = node as Record<string, unknown>;
    const converted = Object.fromEntries(
      Object.entries(rest).map(([key, value]) => [key, jsonSchema(value)]),
    );
    return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
  }

  function urlFor(path: string, operation: Operation, bad: string | null) {
    const value = (name: string) => {
      if (name === bad) return BAD[name] ?? 'x';
      if (name === 'id' && path.includes('/batches/')) return samples.batch as string;
      if (name === 'id' && path.includes('/collections/')) return samples.collection as string;
      return samples[name] ?? '';
    };
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
    const query = (operation.parameters ?? [])
      .filter((p) => p.in === 'query' && (p.required || p.name === bad))
      .map((p) => `${p.name}=${value(p.name)}`);
    return query.length ? `${filled}?${query.join('&')}` : filled;
  }

  it('answers every GET route, good and bad, as documented', async () => {
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      const operation = operations.get;
      if (!operation || path.includes('/export')) continue;
      const params = (operation.parameters ?? []).filter((p) => p.required);
      const cases = [null, ...params.map((p) => p.name)];
      if (path.endsWith('/popular')) cases.push('limit');
      for (const bad of cases) {
        const url = urlFor(path, operation, bad);
        const res = await app.inject({ url });
        const documented = operation.responses[String(res.statusCode)];
        expect(documented, `${url} answered ${res.statusCode}, not documented`).toBeDefined();
        const schema = documented?.content?.['application/json']?.schema;
        if (schema) {
          const validate = ajv.compile(
            jsonSchema({ ...schema, components: document.components }) as object,
          );
          const valid = validate(res.json());
          expect(valid, `${url} ${res.statusCode}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
        if (bad === null) expect(res.statusCode, url).toBe(200);
        else expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        checked.push(`${res.statusCode} ${url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  /** A good and a bad request per write route; a route missing here fails the test. */
  const writes = (): Record<string, { good: Write; bad: Write }> => {
    const list = `/api/v1/lists/${samples.id}`;
    const keywords = {
      keywords: [{ platform: 'etsy', keyword: decodeURIComponent(samples.keyword as string) }],
    };
    const csv = (body: string) => ({
      payload: body,
      headers: { 'content-type': 'text/csv' },
    });
    return {
      'post /api/v1/lists/': {
        good: { url: '/api/v1/lists', payload: { name: 'another' } },
        bad: { url: '/api/v1/lists', payload: { name: '' } },
      },
      'patch /api/v1/lists/{id}': {
        good: { url: list, payload: { name: 'renamed' } },
        bad: { url: list, payload: { name: 'x'.repeat(101) } },
      },
      'post /api/v1/lists/{id}/keywords': {
        good: { url: `${list}/keywords`, payload: keywords },
        bad: { url: `${list}/keywords`, payload: { keywords: [] } },
      },
      'delete /api/v1/lists/{id}/keywords': {
        good: { url: `${list}/keywords`, payload: keywords },
        bad: { url: `${list}/keywords`, payload: { keywords: 'all' } },
      },
      'post /api/v1/lists/{id}/share': {
        good: { url: `${list}/share` },
        bad: { url: '/api/v1/lists/00000000-0000-4000-8000-000000000000/share' },
      },
      'delete /api/v1/lists/{id}/share': {
        good: { url: `${list}/share` },
        bad: { url: '/api/v1/lists/nope/share' },
      },
      'delete /api/v1/lists/{id}': {
        good: { url: list },
        bad: { url: list }, // already deleted by the good request: 404
      },
      'post /api/v1/batches/': {
        good: {
          url: '/api/v1/batches',
          payload: { platform: 'etsy', keywords: ['wedding'], collectMissing: false },
        },
        bad: { url: '/api/v1/batches', payload: { platform: 'etsy', keywords: [] } },
      },
      'post /api/v1/imports/': {
        good: {
          url: '/api/v1/imports?kind=csv',
          ...csv('keyword,platform,volume\nwedding,etsy,100\n'),
        },
        bad: { url: '/api/v1/imports?kind=csv', ...csv('not,a,report\n') },
      },
    };
  };

  it('answers every write route, good and bad, as documented', async () => {
    const table = writes();
    const seen: string[] = [];
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (method === 'get') continue;
        const key = `${method} ${path}`;
        const sample = table[key];
        expect(sample, `no contract sample for ${key}`).toBeDefined();
        if (!sample) continue;
        seen.push(key);
        // The list's own deletion goes last: the other list routes need it.
        if (key === 'delete /api/v1/lists/{id}') continue;
        await check(method, operation, sample);
      }
    await check(
      'delete',
      document.paths['/api/v1/lists/{id}']?.delete as Operation,
      table['delete /api/v1/lists/{id}'] as { good: Write; bad: Write },
    );
    expect(seen.sort()).toEqual(Object.keys(table).sort());
  });

  async function check(method: string, operation: Operation, sample: { good: Write; bad: Write }) {
    for (const [kind, request] of [
      ['good', sample.good],
      ['bad', sample.bad],
    ] as const) {
      const res = await app.inject({
        method: method.toUpperCase() as 'POST',
        url: request.url,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
        ...(request.headers ? { headers: request.headers } : {}),
      });
      const label = `${method.toUpperCase()} ${request.url} (${kind}) answered ${res.statusCode}`;
      const documented = operation.responses[String(res.statusCode)];
      expect(documented, `${label}, not documented`).toBeDefined();
      if (kind === 'good') expect(res.statusCode, label).toBeLessThan(300);
      else expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      const schema = documented?.content?.['application/json']?.schema;
      if (schema && res.body) {
        const validate = ajv.compile(
          jsonSchema({ ...schema, components: document.components }) as object,
        );
        expect(validate(res.json()), `${label}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  }

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Route GET /api/v1/nothing-here not found' },
    });
  });
});
