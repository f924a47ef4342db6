import { seedDemo } from '@digitallz/core';
import { createTestDb } from '@digitallz/db/testing';
import { describe, expect, it } from 'vitest';
import { createFuzzApp, fuzzRoutes } from './testing/fuzz-routes';

// A short run on every test; `npm run reliability:fuzz` runs 10,000 requests.
describe('API under fuzzed input', () => {
  it('never answers 5xx, answers every 4xx in the error shape, and rejected writes change nothing', {
    timeout: 120_000,
  }, async () => {
    const database = await createTestDb('pglite');
    await seedDemo({ db: database.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 60 });
    const { app, headers, fingerprint } = await createFuzzApp(database);
    const report = await fuzzRoutes(app, { requests: 400, seed: 7, headers, fingerprint });
    await app.close();
    await database.close();
    expect(report.requests).toBe(400);
    expect(report.serverErrors).toEqual([]);
    expect(report.badShapes).toEqual([]);
    expect(report.changedByRejected).toEqual([]);
    // The generated requests reach the routes: most are refused, some get through.
    expect(Object.keys(report.byStatus).some((s) => s.startsWith('4'))).toBe(true);
  });
});
