import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveFrom, CollectionEnvSchema } from './collection-env';

const payload = {
  platform: 'etsy',
  url: 'https://openapi.etsy.com/v3/application/listings/active?keywords=planner',
  status: 200,
  contentType: 'application/json',
  body: '{"count":0,"results":[]}',
  receivedAt: new Date('2026-11-24T10:00:00Z'),
};

describe('payload archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digitallz-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes to a local folder by default, by platform and day', async () => {
    const archive = archiveFrom(CollectionEnvSchema.parse({}), dir);
    const key = await archive.put(payload);
    expect(key).toMatch(/^etsy\/2026-11-24\/[0-9a-f]{24}\.json$/);
    expect(JSON.parse(readFileSync(join(dir, 'archive', key), 'utf8'))).toMatchObject({
      body: payload.body,
      status: 200,
    });
  });

  it('keeps several payloads of one platform as one NDJSON document', async () => {
    const archive = archiveFrom(CollectionEnvSchema.parse({}), dir);
    const second = { ...payload, body: '{"count":1,"results":[]}' };
    const key = await archive.putMany([payload, second]);
    expect(key).toMatch(/^etsy\/2026-11-24\/[0-9a-f]{24}\.ndjson$/);
    const lines = readFileSync(join(dir, 'archive', key), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l).body)).toEqual([payload.body, second.body]);
    await expect(archive.putMany([payload, { ...payload, platform: 'ebay' }])).rejects.toThrow(
      /one platform/,
    );
  });

  it('puts objects to an S3-compatible store when S3_BUCKET is set', async () => {
    const received: { method?: string; url?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body });
        res.writeHead(200, { etag: '"abc"' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = CollectionEnvSchema.parse({
      S3_BUCKET: 'raw-payloads',
      S3_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test',
    });
    const key = await archiveFrom(env, dir).put(payload);
    server.close();
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('PUT');
    expect(received[0]?.url?.split('?')[0]).toBe(`/raw-payloads/${key}`);
    expect(received[0]?.body).toContain('"count\\":0');
  });
});
