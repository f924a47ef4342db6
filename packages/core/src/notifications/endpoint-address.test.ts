import { describe, expect, it } from 'vitest';
import { assertPublicEndpoint, parseEndpointUrl } from './endpoint-address';
import { slackMessage } from './slack-message';
import { createWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook endpoints', () => {
  it('accepts http(s) URLs without credentials only', () => {
    expect(parseEndpointUrl('https://hooks.example.com/x').hostname).toBe('hooks.example.com');
    expect(() => parseEndpointUrl('ftp://example.com')).toThrow('https://');
    expect(() => parseEndpointUrl('https://user:pw@example.com')).toThrow('credentials');
    expect(() => parseEndpointUrl('not a url')).toThrow('not a URL');
  });

  it('refuses loopback, private and link-local addresses unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://10.1.2.3/x',
      'http://192.168.1.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[::ffff:10.0.0.1]/x',
      'http://localhost/x',
    ])
      await expect(assertPublicEndpoint(new URL(url), false), url).rejects.toThrow('private');
    await expect(
      assertPublicEndpoint(new URL('http://93.184.215.14/x'), false),
    ).resolves.toBeUndefined();
    await expect(
      assertPublicEndpoint(new URL('http://127.0.0.1/x'), true),
    ).resolves.toBeUndefined();
  });

  it('signs as Standard Webhooks: the receiver verifies, a changed body fails', () => {
    const secret = createWebhookSecret();
    const body = '{"id":"evt_1","type":"keyword.alert"}';
    const headers = signWebhook(secret, { id: 'evt_1', at: new Date(), body });
    expect(headers['webhook-signature']).toMatch(/^v1,[\w+/=]+$/);
    expect(verifyWebhook(secret, body, headers)).toEqual({ id: 'evt_1', type: 'keyword.alert' });
    expect(() => verifyWebhook(secret, body.replace('alert', 'alarm'), headers)).toThrow();
    expect(() => verifyWebhook(createWebhookSecret(), body, headers)).toThrow();
  });

  it("formats Slack messages with Slack's escaping", () => {
    const message = slackMessage(
      {
        id: 'e',
        type: 'keyword.alert',
        createdAt: '2026-11-24T00:00:00Z',
        title: 'a <b> & c',
        body: 'x',
        data: {},
      },
      'https://app.example/',
    );
    expect(message.blocks[0]).toMatchObject({ text: { text: '*a &lt;b&gt; &amp; c*\nx' } });
    expect(message.text).toBe('a <b> & c: x');
  });
});
