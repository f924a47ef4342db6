import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxServer, startSandboxServer } from './start-sandbox-server';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf: new Date('2026-11-24T12:00:00Z'), keywords: 200 });
});
afterAll(() => sandbox.close());

describe('sandbox fault counts', () => {
  it('counts a malformed answer only when one was served, not an error reply left as it was', async () => {
    sandbox.setFaults({ malformedRate: 1 });
    const before = sandbox.stats();
    const served = await fetch(`${sandbox.url}/api/2017/suggestions?prefix=wed&mid=1`);
    expect(served.status).toBe(200);
    const text = await served.text();
    expect(() => JSON.parse(text)).toThrow();
    // An empty result is short (24 characters): it is cut short too.
    const empty = await fetch(
      `${sandbox.url}/v3/application/listings/active?keywords=zzzqqq&limit=1`,
      { headers: { 'x-api-key': 'k' } },
    );
    expect(empty.status).toBe(200);
    const emptyText = await empty.text();
    expect(() => JSON.parse(emptyText)).toThrow();
    const missing = await fetch(`${sandbox.url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain('No route');
    const after = sandbox.stats();
    expect(after.requests - before.requests).toBe(3);
    expect(after.malformed - before.malformed).toBe(2);
    expect(after.ok - before.ok).toBe(1);
    sandbox.setFaults({ malformedRate: 0 });
  });
});
