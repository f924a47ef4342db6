import { describe, expect, it } from 'vitest';
import { AppError, isServiceUnavailable } from './errors';

describe('AppError', () => {
  it('maps its code to one HTTP status', () => {
    expect(new AppError('NOT_FOUND', 'no such keyword').status).toBe(404);
    expect(new AppError('SERVICE_UNAVAILABLE', 'database down').status).toBe(503);
  });
});

describe('isServiceUnavailable', () => {
  it('recognises refused connections, also when wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(isServiceUnavailable(refused)).toBe(true);
    expect(isServiceUnavailable(new Error('Failed query', { cause: refused }))).toBe(true);
    expect(isServiceUnavailable(new AggregateError([refused]))).toBe(true);
  });

  it('recognises PostgreSQL connection-class SQLSTATEs and pool timeouts', () => {
    expect(isServiceUnavailable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(isServiceUnavailable({ code: '08006', message: 'connection failure' })).toBe(true);
    expect(isServiceUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves bugs and bad SQL alone', () => {
    expect(isServiceUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isServiceUnavailable({ code: '42601', message: 'syntax error' })).toBe(false);
  });
});
