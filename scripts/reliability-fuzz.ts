/**
 * npm run reliability:fuzz -- [--requests 10000] [--seed 1] [--database-url postgres://...]
 *
 * Property-based fuzzing (fast-check) of every route of the API's OpenAPI document, in process,
 * on a fresh PostgreSQL database with demo data: wrong types, huge and negative values, unicode,
 * injection strings, deep and malformed JSON, CSV and multipart bodies. Prints the answers by
 * status and every defect: a 5xx, a 4xx not in the error shape, a rejected write that changed
 * the database. Exits 1 when there is one.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { seedDemo } from '@digitallz/core';
import { createDb } from '@digitallz/db';
import pg from 'pg';
import { createFuzzApp, fuzzRoutes } from '../apps/api/src/testing/fuzz-routes';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const out = (line: string) => process.stdout.write(`${line}\n`);
const admin = new pg.Client({ connectionString: values['database-url'] });
await admin.connect();
await admin.query('drop database if exists dz_reliability_fuzz with (force)');
await admin.query('create database dz_reliability_fuzz');
const url = new URL(values['database-url'] as string);
url.pathname = '/dz_reliability_fuzz';
const database = await createDb({ url: url.toString() });
await database.migrate();
await seedDemo({ db: database.db, asOf: new Date(), keywords: 300 });
const { app, headers, fingerprint } = await createFuzzApp(database);
const started = Date.now();
const report = await fuzzRoutes(app, {
  requests: Number(values.requests),
  seed: Number(values.seed),
  headers,
  fingerprint,
});
const seconds = (Date.now() - started) / 1000;
await app.close();
await database.close();
await admin.query('drop database if exists dz_reliability_fuzz with (force)');
await admin.end();

out(
  `reliability:fuzz — ${report.requests} requests (seed ${values.seed}) in ${seconds.toFixed(0)} s, ${cpus().length} cores, Node ${process.version}`,
);
out(
  `answers by status: ${Object.entries(report.byStatus)
    .sort()
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ')}`,
);
out(
  `503 SERVICE_UNAVAILABLE (a feature not configured here, as documented): ${report.unavailable}`,
);
out(`5xx: ${report.serverErrors.length}`);
out(`4xx not in the error shape: ${report.badShapes.length}`);
out(`rejected writes that changed the database: ${report.changedByRejected.length}`);
for (const line of [...report.serverErrors, ...report.badShapes, ...report.changedByRejected].slice(
  0,
  20,
))
  out(`  ${line}`);
process.exitCode =
  report.serverErrors.length + report.badShapes.length + report.changedByRejected.length > 0
    ? 1
    : 0;
