import { describe, expect, it } from 'vitest';
import { withArchiveBatch } from './archive-batch';
import type { CollectionDeps } from './collection-deps';
import type { ArchivedPayload, PayloadArchive } from './payload-archive';

const payload = (platform: string, i: number): ArchivedPayload => ({
  platform,
  url: `https://example.test/${i}`,
  status: 200,
  contentType: 'application/json',
  body: `{"i":${i}}`,
  receivedAt: new Date('2026-12-01T00:00:00Z'),
});

function recording(fail = false) {
  const documents: ArchivedPayload[][] = [];
  const errors: unknown[] = [];
  const archive: PayloadArchive = {
    put: async () => {
      throw new Error('one document per call is what the batch avoids');
    },
    putMany: async (payloads) => {
      if (fail) throw new Error('disk full');
      documents.push(payloads);
      return 'key';
    },
  };
  const deps = {
    archive,
    onArchiveError: (e: unknown) => errors.push(e),
  } as unknown as CollectionDeps;
  return { deps, documents, errors };
}

describe('withArchiveBatch', () => {
  it('writes a run’s payloads as one document per platform when it ends', async () => {
    const { deps, documents } = recording();
    await withArchiveBatch(deps, async (batched) => {
      await batched.archive.put(payload('etsy', 1));
      await batched.archive.put(payload('ebay', 2));
      await batched.archive.put(payload('etsy', 3));
      expect(documents).toHaveLength(0);
    });
    expect(documents.map((d) => d.map((p) => p.url.slice(-1)))).toEqual([['1', '3'], ['2']]);
  });

  it('archives what a failed run fetched, and still throws its error', async () => {
    const { deps, documents } = recording();
    await expect(
      withArchiveBatch(deps, async (batched) => {
        await batched.archive.put(payload('etsy', 1));
        throw new Error('marketplace down');
      }),
    ).rejects.toThrow('marketplace down');
    expect(documents).toHaveLength(1);
  });

  it('writes a long run in documents of 200 payloads', async () => {
    const { deps, documents } = recording();
    await withArchiveBatch(deps, async (batched) => {
      for (let i = 0; i < 450; i++) await batched.archive.put(payload('amazon', i));
    });
    expect(documents.map((d) => d.length)).toEqual([200, 200, 50]);
  });

  it('reports an archive error instead of failing a run whose data is stored', async () => {
    const { deps, errors } = recording(true);
    await expect(
      withArchiveBatch(deps, async (batched) => {
        await batched.archive.put(payload('etsy', 1));
        return 'stored';
      }),
    ).resolves.toBe('stored');
    expect(errors).toHaveLength(1);
  });
});
