import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export type ArchivedPayload = {
  platform: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
  receivedAt: Date;
};

/** Where raw marketplace payloads are kept: an S3-compatible bucket or a local folder. */
export type PayloadArchive = { put(payload: ArchivedPayload): Promise<string> };

function keyOf(payload: ArchivedPayload): string {
  const day = payload.receivedAt.toISOString().slice(0, 10);
  const digest = createHash('sha256')
    .update(`${payload.url}\n${payload.receivedAt.toISOString()}\n${payload.body}`)
    .digest('hex')
    .slice(0, 24);
  return `${payload.platform}/${day}/${digest}.json`;
}

function document(payload: ArchivedPayload): string {
  return JSON.stringify({ ...payload, receivedAt: payload.receivedAt.toISOString() });
}

export function createLocalArchive(dir: string): PayloadArchive {
  return {
    put: async (payload) => {
      const key = keyOf(payload);
      await mkdir(join(dir, key, '..'), { recursive: true });
      await writeFile(join(dir, key), document(payload));
      return key;
    },
  };
}

export function createS3Archive(client: S3Client, bucket: string, prefix = 'raw/'): PayloadArchive {
  return {
    put: async (payload) => {
      const key = `${prefix}${keyOf(payload)}`;
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: document(payload),
          ContentType: 'application/json',
        }),
      );
      return key;
    },
  };
}
