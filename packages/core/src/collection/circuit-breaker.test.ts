import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createCircuitBreaker } from './circuit-breaker';

const down = () => Promise.reject(new AppError('MARKETPLACE_UNAVAILABLE', 'down'));
const fine = () => Promise.resolve('ok');

describe('createCircuitBreaker', () => {
  it('opens after repeated transient failures and fails fast without calling', async () => {
    let t = 0;
    const breaker = createCircuitBreaker({
      name: 'etsy',
      threshold: 3,
      cooldownMs: 1_000,
      now: () => t,
    });
    for (let i = 0; i < 3; i++) await expect(breaker.run(down)).rejects.toThrow('down');
    expect(await breaker.state()).toBe('open');
    let called = false;
    await expect(
      breaker.run(async () => {
        called = true;
      }),
    ).rejects.toThrow(/circuit is open/);
    expect(called).toBe(false);
    t = 500;
    await expect(breaker.run(fine)).rejects.toMatchObject({ code: 'MARKETPLACE_UNAVAILABLE' });
  });

  it('probes once after the cool-down: success closes, failure re-opens', async () => {
    let t = 0;
    const breaker = createCircuitBreaker({
      name: 'ebay',
      threshold: 1,
      cooldownMs: 1_000,
      now: () => t,
    });
    await expect(breaker.run(down)).rejects.toThrow();
    t = 1_000;
    expect(await breaker.state()).toBe('half-open');
    await expect(breaker.run(down)).rejects.toThrow('down');
    expect(await breaker.state()).toBe('open');
    t = 2_000;
    expect(await breaker.run(fine)).toBe('ok');
    expect(await breaker.state()).toBe('closed');
  });

  it('does not count permanent errors (bad credentials, bad payloads)', async () => {
    const breaker = createCircuitBreaker({ name: 'amazon', threshold: 1 });
    await expect(
      breaker.run(() => Promise.reject(new AppError('MARKETPLACE_AUTH_FAILED', 'no'))),
    ).rejects.toThrow();
    expect(await breaker.state()).toBe('closed');
  });
});
