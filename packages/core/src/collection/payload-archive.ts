import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

export type ArchivedPayload = {
  platform: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
  receivedAt: Date;
};

/**
 * Where raw marketplace payloads are kept: an S3-compatible bucket or a local folder. `put` keeps
 * one payload as a JSON document; `putMany` keeps several of one platform as one NDJSON document
 * (a job's calls: one write instead of one per call).
 */
export type PayloadArchive = {
  put(payload: ArchivedPayload): Promise<string>;
  putMany(payloads: ArchivedPayload[]): Promise<string>;
};

function keyOf(payloads: ArchivedPayload[], extension: 'json' | 'ndjson'): string {
  const first = payloads[0] as ArchivedPayload;
  const day = first.receivedAt.toISOString().slice(0, 10);
  const hash = createHash('sha256');
  for (const p of payloads) hash.update(`${p.url}\n${p.receivedAt.toISOString()}\n${p.body}\n`);
  return `${first.platform}/${day}/${hash.digest('hex').slice(0, 24)}.${extension}`;
}

function document(payload: ArchivedPayload): string {
  return JSON.stringify({ ...payload, receivedAt: payload.receivedAt.toISOString() });
}

function lines(payloads: ArchivedPayload[]): string {
  return `${payloads.map(document).join('\n')}\n`;
}

function platformOf(payloads: ArchivedPayload[]): void {
  if (payloads.length === 0) throw new Error('Nothing to archive');
  if (new Set(payloads.map((p) => p.platform)).size > 1)
    throw new Error('One archive document holds one platform');
}

export function createLocalArchive(dir: string): PayloadArchive {
  const made = new Set<string>();
  const write = async (key: string, body: string) => {
    const folder = dirname(join(dir, key));
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(join(dir, key), body);
    return key;
  };
  return {
    put: (payload) => write(keyOf([payload], 'json'), document(payload)),
    putMany: async (payloads) => {
      platformOf(payloads);
      return write(keyOf(payloads, 'ndjson'), lines(payloads));
    },
  };
}

/**
 * Payloads written to an S3 bucket (or any S3-compatible store). The SDK is loaded, and its
 * client made, on the first write: a process that never archives (the API without embedded jobs)
 * does not hold it.
 */
export function createS3Archive(
  config: S3ClientConfig,
  bucket: string,
  prefix = 'raw/',
): PayloadArchive {
  type Send = (key: string, body: string, contentType: string) => Promise<unknown>;
  let send: Promise<Send> | undefined;
  const write = async (key: string, body: string, contentType: string) => {
    send ??= import('@aws-sdk/client-s3').then(({ S3Client, PutObjectCommand }) => {
      const s3 = new S3Client(config);
      return (Key, Body, ContentType) =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType }));
    });
    await (await send)(key, body, contentType);
    return key;
  };
  return {
    put: (payload) =>
      write(`${prefix}${keyOf([payload], 'json')}`, document(payload), 'application/json'),
    putMany: async (payloads) => {
      platformOf(payloads);
      return write(
        `${prefix}${keyOf(payloads, 'ndjson')}`,
        lines(payloads),
        'application/x-ndjson',
      );
    },
  };
}
