import { describe, expect, it } from 'vitest';
import { startOtlpCollector } from '../testing';
import { startTracing, tracingActive } from './tracing';

describe('tracingActive', () => {
  it('is true from a started tracing to its shutdown, and never without an endpoint', async () => {
    expect(tracingActive()).toBe(false);
    const off = await startTracing({ serviceName: 'test' });
    expect(tracingActive()).toBe(false);
    await off.shutdown();
    const collector = await startOtlpCollector();
    const on = await startTracing({ serviceName: 'test', endpoint: collector.endpoint });
    expect(tracingActive()).toBe(true);
    const other = await startTracing({ serviceName: 'test', endpoint: collector.endpoint });
    await on.shutdown();
    await on.shutdown(); // twice: still one tracing running
    expect(tracingActive()).toBe(true);
    await other.shutdown();
    expect(tracingActive()).toBe(false);
    await collector.close();
  });
});
