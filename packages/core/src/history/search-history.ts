import type { Platform } from '@digitallz/contracts';
import { type Db, sql } from '@digitallz/db';

export type SearchEntry = {
  userId: string | null;
  keyword: string;
  platform: Platform;
  marketplace: string;
  resultCount: number;
  at: Date;
};

export type SearchHistory = {
  record(entry: SearchEntry): void;
  /** Writes what is buffered; resolves when it is stored. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Records searches without a database write per request: entries are buffered and written as
 * one insert every `intervalMs` (or at `maxBuffered`). A write that fails (the database down)
 * puts its entries back, to be written with the next ones, up to `maxKept` entries (the oldest go
 * first beyond that). A crash loses at most what was buffered, never a user's data.
 */
export function createSearchHistory(
  db: Db,
  options: {
    intervalMs?: number;
    maxBuffered?: number;
    maxKept?: number;
    onError?: (error: unknown) => void;
  } = {},
): SearchHistory {
  const maxBuffered = options.maxBuffered ?? 1_000;
  const maxKept = options.maxKept ?? 100_000;
  let buffer: SearchEntry[] = [];
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    const rows = batch.map((e) => ({
      user_id: e.userId,
      keyword: e.keyword,
      platform: e.platform,
      marketplace: e.marketplace,
      result_count: e.resultCount,
      created_at: e.at.toISOString(),
    }));
    writing = writing.then(() =>
      db
        .execute(sql`
          insert into keyword_searches (user_id, keyword, platform, marketplace, result_count, created_at)
          select r.user_id, r.keyword, r.platform, r.marketplace, r.result_count, r.created_at
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
            user_id uuid, keyword text, platform text, marketplace text, result_count int, created_at timestamptz)`)
        .then(
          () => {},
          (error) => {
            // Kept for the next write, oldest first; past maxKept the oldest are dropped.
            buffer = [...batch, ...buffer].slice(-maxKept);
            options.onError?.(error);
          },
        ),
    );
    return writing;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 1_000);
  timer.unref();

  return {
    record(entry) {
      buffer.push(entry);
      if (buffer.length % maxBuffered === 0) void flush();
    },
    flush,
    close: async () => {
      clearInterval(timer);
      await flush();
    },
  };
}
