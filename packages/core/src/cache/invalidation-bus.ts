import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Tells every process that shares a Redis which cache keys another one has just written, so that
 * their in-process copies go at once instead of at the end of a short TTL.
 */
export type InvalidationBus = {
  /** True while every invalidation published reaches this process (its subscription is up). */
  live(): boolean;
  /** Tells the other processes that `key` changed; resolves once the message is sent. */
  publish(key: string): Promise<void>;
  /**
   * `onKeys`: keys another process wrote. `onReset`: the subscription went down or came back up;
   * messages may have been missed, so nothing learnt before can be trusted.
   */
  listen(onKeys: (keys: string[]) => void, onReset: () => void): void;
  close(): Promise<void>;
};

/**
 * Redis pub/sub on one channel per key prefix. Keys written in the same tick leave in one
 * message (newline-separated) through `send`, the connection the writes went through: a write
 * that succeeded is announced on a connection known to be up. A process ignores its own
 * messages. Pub/sub delivers at most once, so the bus is `live` only while its subscriber is
 * connected and subscribed: a dropped connection resets the listener, which then falls back to
 * short TTLs until it is back.
 */
export function createInvalidationBus(
  url: string,
  keyPrefix: string,
  send: (channel: string, message: string) => Promise<void>,
): InvalidationBus {
  const channel = `${keyPrefix}invalidate`;
  const sender = randomBytes(6).toString('hex');
  const options = {
    maxRetriesPerRequest: 1,
    retryStrategy: (n: number) => Math.min(n * 200, 2_000),
  };
  // Named after its channel, so that CLIENT LIST tells whose subscriber it is.
  const subscriber = new Redis(url, {
    ...options,
    autoResubscribe: false,
    connectionName: channel.replace(/\s/g, '_'),
  });
  // Failures show as `live` false; without a listener ioredis logs them.
  subscriber.on('error', () => {});

  let subscribed = false;
  let onKeys: (keys: string[]) => void = () => {};
  let onReset: () => void = () => {};
  const setSubscribed = (value: boolean) => {
    if (!value && !subscribed) return;
    subscribed = value;
    onReset();
  };
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => setSubscribed(true),
      () => setSubscribed(false),
    );
  });
  subscriber.on('close', () => setSubscribed(false));
  subscriber.on('message', (_channel: string, message: string) => {
    const newline = message.indexOf('\n');
    if (newline < 0 || message.slice(0, newline) === sender) return;
    onKeys(message.slice(newline + 1).split('\n'));
  });

  let pending: string[] = [];
  let sent: Promise<void> | null = null;
  const flush = () => {
    const keys = pending;
    pending = [];
    sent = null;
    return send(channel, `${sender}\n${keys.join('\n')}`).catch(
      () => {}, // Redis down: the write failed too, and every subscriber resets when it is back.
    );
  };

  return {
    live: () => subscribed,
    publish(key) {
      pending.push(key);
      sent ??= new Promise<void>((resolve) => setImmediate(() => flush().then(resolve)));
      return sent;
    },
    listen(keys, reset) {
      onKeys = keys;
      onReset = reset;
    },
    async close() {
      if (pending.length) await sent;
      subscriber.disconnect();
    },
  };
}
