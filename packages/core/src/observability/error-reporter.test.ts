import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createErrorReporter } from './error-reporter';

describe('error reporter', () => {
  it('does nothing without a DSN', async () => {
    const reporter = await createErrorReporter({});
    expect(reporter.enabled).toBe(false);
    reporter.report(new Error('nowhere'), { service: 'api' });
    await reporter.close();
  });

  it('sends an error to Sentry with its tags, and nothing of the request', async () => {
    const envelopes: { url: string; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body =
          req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
        envelopes.push({ url: req.url ?? '', body });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reporter = await createErrorReporter({
      dsn: `http://publickey@127.0.0.1:${port}/7`,
      environment: 'test',
    });
    expect(reporter.enabled).toBe(true);
    reporter.report(new Error('job exploded'), {
      service: 'worker',
      job: 'collect.keyword',
      requestId: 'req-1',
    });
    await reporter.close();
    server.close();
    const event = envelopes.find((e) => e.body.includes('job exploded'));
    expect(event?.url).toMatch(/^\/api\/7\/envelope\//);
    expect(event?.body).toContain('"service":"worker"');
    expect(event?.body).toContain('"job":"collect.keyword"');
    expect(event?.body).toContain('"request_id":"req-1"');
    expect(event?.body).toContain('"environment":"test"');
  });
});
