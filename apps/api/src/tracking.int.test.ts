import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createInProcessRunner,
  createMailer,
  createSecretBox,
  deliverWebhook,
  emitEvent,
  evaluateAlerts,
  type JobQueue,
  parseKeyring,
  refreshTrackedKeywords,
  seedDemo,
  sendEventEmails,
  sweepDeliveries,
  verifyWebhook,
} from '@digitallz/core';
import { createTestCache, startTestSmtpServer, type TestSmtpServer } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');

type Received = { headers: IncomingMessage['headers']; body: string };

/** A real HTTP receiver on loopback answering the statuses it is told per path, in order, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const answers: Record<string, number[]> = {};
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers[req.url ?? '']?.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answers,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(testDbKinds())('tracking, alerts and webhooks on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let smtp: TestSmtpServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let now = asOf.getTime();
  const clock = () => new Date(now);
  let user: TestUser;
  let jobs: JobQueue & { idle(): Promise<void> };
  let top: { keyword: string }[];

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 300 });
    smtp = await startTestSmtpServer();
    receiver = await startReceiver();
    const cache = createTestCache('memory');
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Digitallz <alerts@example.com>' });
    const encryptionKeys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const notify = {
      mailer,
      secrets: createSecretBox(parseKeyring(encryptionKeys)),
      appUrl: 'http://app.example',
      allowPrivateNetworks: true,
    };
    // The embedded runner, retrying after a thousandth of the catalog's delays.
    jobs = createInProcessRunner({
      deps: { db: database.db, cache, clock, notify },
      backoffScale: 0.001,
    });
    // The app keeps real time (access tokens, signature timestamps); the jobs run on the test clock.
    app = await buildApp({
      database,
      cache,
      jobs,
      accounts: { mailer, encryptionKeys, appUrl: 'http://app.example' },
    });
    user = await signUpUser(app, { plan: 'free' });
    await database.db.execute(
      sql`update users set email_verified_at = now() where id = ${user.userId}::uuid`,
    );
    top = (
      await app.inject({
        url: '/api/v1/keywords/popular?platform=etsy&limit=25',
        headers: user.headers,
      })
    ).json().data;
  });
  afterAll(async () => {
    await jobs.close();
    await app.close();
    await app.deps.cache.close();
    await smtp.close();
    await receiver.close();
    await database.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const ref = (keyword: string) => ({ platform: 'etsy', keyword });

  it('tracks keywords within the plan, all or nothing, from a list too', async () => {
    const first = await call('POST', '/api/v1/tracking', {
      keywords: [ref(top[0]?.keyword ?? ''), ref('zz never collected')],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ tracked: 1, used: 1, limit: 20 });
    expect(first.json().notFound).toEqual([
      { platform: 'etsy', marketplace: 'US', keyword: 'zz never collected' },
    ]);

    // 21 asked on a plan of 20: none tracked.
    const over = await call('POST', '/api/v1/tracking', {
      keywords: top.slice(0, 21).map((k) => ref(k.keyword)),
    });
    expect(over.statusCode).toBe(403);
    expect(over.json().error.code).toBe('PLAN_LIMIT_REACHED');
    expect((await call('GET', '/api/v1/tracking')).json().used).toBe(1);

    const list = (await call('POST', '/api/v1/lists', { name: 'to watch' })).json();
    await call('POST', `/api/v1/lists/${list.id}/keywords`, {
      keywords: top.slice(1, 4).map((k) => ref(k.keyword)),
    });
    const fromList = await call('POST', '/api/v1/tracking', { listId: list.id });
    expect(fromList.json()).toMatchObject({ tracked: 3, used: 4 });
    const tracked = (await call('GET', '/api/v1/tracking')).json();
    expect(tracked).toMatchObject({ used: 4, limit: 20, refreshHours: 168 });
    expect(tracked.data.map((t: { source: string }) => t.source).sort()).toEqual([
      'api',
      'list',
      'list',
      'list',
    ]);
    // The sandbox's collections are labelled demo data, as in every list; a marketplace's are
    // not. Each keyword carries its yearly change.
    const sourceOf = (keyword: string | undefined, source: string) =>
      database.db.execute(
        sql`update keyword_data set source = ${source} where platform = 'etsy' and keyword = ${keyword ?? ''}`,
      );
    await sourceOf(top[0]?.keyword, 'sandbox');
    await sourceOf(top[1]?.keyword, 'marketplace');
    const labelled = (await call('GET', '/api/v1/tracking')).json().data as {
      keyword: string;
      isDemo: boolean;
      yearlyChangePct: number | null;
    }[];
    expect(Object.fromEntries(labelled.map((k) => [k.keyword, k.isDemo]))).toEqual({
      [top[0]?.keyword ?? '']: true,
      [top[1]?.keyword ?? '']: false,
      [top[2]?.keyword ?? '']: true,
      [top[3]?.keyword ?? '']: true,
    });
    expect(labelled.some((k) => typeof k.yearlyChangePct === 'number')).toBe(true);
    await sourceOf(top[0]?.keyword, 'demo');
    await sourceOf(top[1]?.keyword, 'demo');
    // From an import: its marketplace keywords.
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=csv',
      headers: { ...user.headers, 'content-type': 'text/csv' },
      payload: `keyword,platform,volume\n${top[4]?.keyword},etsy,100\n`,
    });
    expect(imported.statusCode).toBe(202);
    await jobs.idle();
    const fromImport = await call('POST', '/api/v1/tracking', { importId: imported.json().id });
    expect(fromImport.json()).toMatchObject({ tracked: 1, used: 5 });
    expect((await call('POST', '/api/v1/tracking', { importId: 999_999 })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/tracking', { importId: 1e30 })).statusCode).toBe(400);
    // The defaults exist from the first tracked keyword.
    const rules = (await call('GET', '/api/v1/alert-rules')).json().data;
    expect(rules.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'competition_jump',
      'new_related',
      'seasonal_peak',
      'trending',
      'volume_change',
    ]);
  });

  it('refreshes due tracked keywords through the collection pipeline, weekly on the free plan', async () => {
    // Tracked (in real time) since the test clock's day.
    await database.db.execute(
      sql`update tracked_keywords set next_refresh_at = ${asOf.toISOString()}::timestamptz`,
    );
    const queued: string[] = [];
    const result = await refreshTrackedKeywords(
      {
        db: database.db,
        clock,
        enqueue: async (id, payload) => {
          queued.push(`${id}:${(payload as { keyword: string }).keyword}`);
          return { jobId: 'x', deduplicated: false };
        },
      },
      { limit: 100 },
    );
    expect(result.keywords).toBe(5);
    expect(queued).toContain(`collect.keyword:${top[0]?.keyword}`);
    const [row] = await queryRows<{ hours: number }>(
      database.db,
      sql`select extract(epoch from next_refresh_at - ${asOf.toISOString()}::timestamptz)::int / 3600 as hours
          from tracked_keywords limit 1`,
    );
    expect(row?.hours).toBe(168);
    // Nothing is due any more.
    expect(
      (
        await refreshTrackedKeywords(
          { db: database.db, clock, enqueue: async () => ({ jobId: 'x', deduplicated: false }) },
          { limit: 100 },
        )
      ).keywords,
    ).toBe(0);
  });

  it('alerts on a volume change beyond the rule, explains it, once, and moves the baseline', async () => {
    const keyword = top[0]?.keyword ?? '';
    await database.db.execute(
      sql`update keyword_data set competition = 0.3 where platform = 'etsy' and keyword = ${keyword}`,
    );
    await evaluateAlerts({ db: database.db, clock }, { limit: 100 }); // baselines
    const [before] = await queryRows<{ search_volume: number }>(
      database.db,
      sql`select search_volume from keyword_data where platform = 'etsy' and keyword = ${keyword}`,
    );
    const volume = before?.search_volume ?? 0;
    now += 86_400_000;
    // New estimates: +40% volume, +25 points of competition.
    await database.db.execute(sql`
      update keyword_data set search_volume = ${Math.round(volume * 1.4)}, competition = 0.55,
        last_updated = ${new Date(now).toISOString()}::timestamptz
      where platform = 'etsy' and keyword = ${keyword}`);
    const first = await evaluateAlerts({ db: database.db, clock }, { limit: 100 });
    expect(first.alerts).toBeGreaterThanOrEqual(1);
    const inbox = (await call('GET', '/api/v1/notifications')).json();
    const alert = inbox.data.find(
      (n: { data: { rule: string; keyword: string } }) =>
        n.data.rule === 'volume_change' && n.data.keyword === keyword,
    );
    expect(alert.title).toBe(`"${keyword}" search volume rose 40%`);
    expect(alert.body).toContain(
      `from ${volume.toLocaleString('en-US')} to ${Math.round(volume * 1.4).toLocaleString('en-US')}`,
    );
    expect(alert.body).toContain('Your rule: changes of 25% or more.');
    expect(
      inbox.data.some((n: { data: { rule: string } }) => n.data.rule === 'competition_jump'),
    ).toBe(true);
    expect(inbox.unread).toBeGreaterThanOrEqual(2);
    const tracked = (await call('GET', '/api/v1/tracking')).json().data;
    expect(tracked.find((t: { keyword: string }) => t.keyword === keyword).volumeChangePct).toBe(0);

    // Evaluated again with nothing new: no second alert.
    now += 3_600_000;
    await database.db.execute(
      sql`update keyword_data set last_updated = ${new Date(now).toISOString()}::timestamptz where platform = 'etsy' and keyword = ${keyword}`,
    );
    const again = await evaluateAlerts({ db: database.db, clock }, { limit: 100 });
    expect(again.alerts).toBe(0);
    // History: a snapshot per day.
    const id = tracked.find((t: { keyword: string }) => t.keyword === keyword).id;
    const history = (await call('GET', `/api/v1/tracking/${id}/history`)).json().data;
    expect(history.map((h: { date: string }) => h.date)).toEqual(['2026-11-24', '2026-11-25']);
    expect(history[1].searchVolume).toBe(Math.round(volume * 1.4));

    expect((await call('POST', '/api/v1/notifications/read')).json().changed).toBe(inbox.unread);
    expect((await call('GET', '/api/v1/notifications?unread=true')).json().data).toEqual([]);
  });

  it('alerts when a keyword starts trending, a seasonal peak nears and a related keyword appears', async () => {
    const keyword = top[1]?.keyword ?? '';
    const setTrend = async (trending: boolean) => {
      now += 3_600_000;
      const index = Array.from({ length: 12 }, (_, m) => (m === 11 ? 2.5 : 0.9));
      await database.db.execute(sql`
        update keyword_data set trend_data = jsonb_build_object(
            'trendingNow', jsonb_build_object('trending', ${trending}::boolean, 'recentGrowthPct', 45),
            'seasonality', jsonb_build_object('peakMonths', jsonb_build_array(12), 'index', ${JSON.stringify(index)}::jsonb, 'strength', 0.6)),
          last_updated = ${new Date(now).toISOString()}::timestamptz
        where platform = 'etsy' and keyword = ${keyword}`);
      return evaluateAlerts({ db: database.db, clock }, { limit: 100 });
    };
    await setTrend(false);
    now = Date.parse('2026-11-26T12:00:00Z');
    await database.db.execute(sql`
      insert into keyword_data (keyword, platform, marketplace, search_volume, opportunity, source, created_at, last_updated)
      values (${`${keyword} bundle`}, 'etsy', 'US', 900, 88, 'sandbox', ${new Date(now).toISOString()}::timestamptz, ${new Date(now).toISOString()}::timestamptz)`);
    const result = await setTrend(true);
    expect(result.alerts).toBeGreaterThanOrEqual(2);
    const inbox = (await call('GET', '/api/v1/notifications?limit=100')).json().data as {
      title: string;
      body: string;
      data: Record<string, unknown>;
    }[];
    const mine = inbox.filter((n) => n.data.keyword === keyword);
    expect(mine.find((n) => n.data.rule === 'trending')?.title).toBe(`"${keyword}" is trending`);
    const related = mine.find((n) => n.data.rule === 'new_related');
    expect(related?.title).toBe(`New keyword under "${keyword}": "${keyword} bundle"`);
    expect(related?.body).toContain('opportunity score of 88/100');
    // December 1 is 5 or 6 days away (first seen on 25 or 26 November): within 30 days.
    const peak = mine.find((n) => n.data.rule === 'seasonal_peak');
    expect(peak?.title).toMatch(new RegExp(`^"${keyword}" peaks in December: [56] days to go$`));
    expect(peak?.body).toContain('about 2.5x an average month');
    expect(peak?.body).toContain('Your rule: 30 days ahead.');

    // The same inbox for a reader of French: written anew from each alert's facts.
    const french = await app.inject({
      url: '/api/v1/notifications?limit=100',
      headers: { ...user.headers, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    });
    expect(french.headers['content-language']).toBe('fr');
    const theirs = (french.json().data as typeof inbox).filter((n) => n.data.keyword === keyword);
    expect(theirs.find((n) => n.data.rule === 'trending')?.title).toBe(
      `« ${keyword} » est en tendance`,
    );
    expect(theirs.find((n) => n.data.rule === 'seasonal_peak')?.title).toMatch(
      new RegExp(`^« ${keyword} » culmine en décembre : plus que [56] jours$`),
    );
    expect(theirs.find((n) => n.data.rule === 'new_related')?.body).toContain(
      'avec un score d’opportunité de 88/100',
    );
  });

  it('delivers signed webhooks with retries and a log, Slack messages, and test events', async () => {
    const created = await call('POST', '/api/v1/webhooks', {
      url: `${receiver.url}/hook`,
      events: ['keyword.alert', 'batch.completed'],
    });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await call('GET', '/api/v1/webhooks')).json())).not.toContain(secret);
    const slack = (
      await call('POST', '/api/v1/webhooks', {
        kind: 'slack',
        url: `${receiver.url}/slack`,
        events: ['batch.completed'],
      })
    ).json();
    expect(slack.secret).toBeNull();

    // A test event, delivered at once and signed.
    const test = (await call('POST', `/api/v1/webhooks/${id}/test`)).json();
    expect(test).toMatchObject({ status: 'succeeded', responseStatus: 200 });
    const signed = receiver.received.at(-1) as Received;
    const event = verifyWebhook(secret, signed.body, signed.headers as Record<string, string>) as {
      type: string;
    };
    expect(event.type).toBe('webhook.test');
    // A tampered body or a replayed old timestamp is refused by the receiver's check.
    expect(() =>
      verifyWebhook(
        secret,
        signed.body.replace('test', 'tset'),
        signed.headers as Record<string, string>,
      ),
    ).toThrow();
    expect(() =>
      verifyWebhook(secret, signed.body, {
        ...(signed.headers as Record<string, string>),
        'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3_600),
      }),
    ).toThrow();

    // A batch completes: one event, to both endpoints; the receiver fails twice, then accepts.
    receiver.answers['/hook'] = [500, 503];
    const batch = (
      await call('POST', '/api/v1/batches', {
        platform: 'etsy',
        keywords: [top[5]?.keyword],
        collectMissing: false,
      })
    ).json();
    await jobs.idle();
    const log = (await call('GET', `/api/v1/webhooks/${id}/deliveries`)).json().data;
    const batchLog = log.find((d: { type: string }) => d.type === 'batch.completed');
    expect(batchLog).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200 });
    const batchEvent = JSON.parse(
      receiver.received.find((r) => r.body.includes(batch.id) && !r.body.includes('blocks'))
        ?.body ?? '{}',
    );
    expect(batchEvent).toMatchObject({
      type: 'batch.completed',
      data: { batchId: batch.id, found: 1 },
    });
    const slackBody = JSON.parse(
      receiver.received.find((r) => r.body.includes('blocks'))?.body ?? '{}',
    );
    expect(slackBody.text).toContain('Batch analysis finished');
    // Its link goes to the batch's page.
    expect(slackBody.blocks[1].elements[0].text).toContain(
      `<http://app.example/batches/${batch.id}|Open in Digitallz>`,
    );
  });

  it('turns off an endpoint that keeps failing, and turns it back on', async () => {
    const { id } = (
      await call('POST', '/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/down',
        events: ['keyword.alert'],
      })
    ).json();
    // Emitted without a queue: the deliveries wait in the outbox, attempted by hand below.
    const emitted = await Promise.all(
      [1, 2].map((n) =>
        emitEvent(
          { db: database.db },
          {
            userId: user.userId,
            type: 'keyword.alert',
            title: `t${n}`,
            body: 'b',
            data: {},
            dedupeKey: `failing:${n}`,
          },
        ),
      ),
    );
    expect(emitted.every(Boolean)).toBe(true);
    const pending = await queryRows<{ id: string }>(
      database.db,
      sql`select id::text from webhook_deliveries where endpoint_id = ${id}::uuid`,
    );
    for (const d of pending)
      for (let i = 0; i < 2; i++)
        await deliverWebhook(
          { ...app.deps.notify, disableAfterFailures: 3 },
          { deliveryId: d.id },
        ).catch(() => {});
    const endpoint = (await call('GET', '/api/v1/webhooks'))
      .json()
      .data.find((e: { id: string }) => e.id === id);
    expect(endpoint).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(endpoint.disabledReason).toContain('turned off after 3 failed attempts in a row');
    // A disabled endpoint gets no new deliveries.
    await emitEvent(
      { db: database.db },
      {
        userId: user.userId,
        type: 'keyword.alert',
        title: 't3',
        body: 'b',
        data: {},
        dedupeKey: 'failing:3',
      },
    );
    const [count] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from webhook_deliveries where endpoint_id = ${id}::uuid`,
    );
    expect(count?.n).toBe(2);
    const enabled = (await call('POST', `/api/v1/webhooks/${id}/enable`)).json();
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('queues again deliveries left pending (the outbox sweep)', async () => {
    const queued: string[] = [];
    const sweep = (olderThanSeconds: number) =>
      sweepDeliveries(
        {
          db: database.db,
          enqueue: async (_id, payload) => {
            queued.push((payload as { deliveryId: string }).deliveryId);
            return { jobId: 'x', deduplicated: false };
          },
        },
        { olderThanSeconds },
      );
    // Nothing pending is an hour old yet; every pending delivery is older than no time at all.
    expect((await sweep(3_600)).queued).toBe(0);
    const { queued: count } = await sweep(0);
    const [pending] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from webhook_deliveries where status = 'pending'`,
    );
    expect(count).toBe(pending?.n);
    expect(count).toBeGreaterThan(0);
  });

  it('emails alerts immediately, or in a digest once per period, each event once', async () => {
    expect(
      (await call('PUT', '/api/v1/notifications/settings', { emailMode: 'daily' })).json(),
    ).toEqual({ emailMode: 'daily' });
    await smtp.next(user.email); // the sign-up's verification email
    // Emails are written in the account's language, the alerts in them too.
    expect((await call('PATCH', '/api/v1/account', { locale: 'fr' })).statusCode).toBe(200);
    const digest = await sendEventEmails(app.deps.notify, {});
    expect(digest.emails).toBe(1);
    const email = await smtp.next(user.email);
    expect(email.raw).toContain('Content-Type: text/html');
    expect(email.raw).toContain('Content-Type: text/plain');
    const parsed = await simpleParser(email.raw);
    expect(parsed.subject).toMatch(/^Digitallz : \d+ nouveautés sur vos mots-clés$/);
    expect(parsed.text).toContain('Voici ce qui a changé');
    expect(parsed.text).toMatch(/\* « .+ » est en tendance/);
    // Each alert with the address of its keyword's page.
    expect(parsed.text).toMatch(
      / {2}http:\/\/app\.example\/keywords\/etsy\/[^\s]+\?marketplace=US/,
    );
    expect(parsed.text).toMatch(/Votre règle : des variations de 25\s%/);
    await call('PATCH', '/api/v1/account', { locale: 'en' });
    // Sent already, and the day is not over: nothing more.
    expect((await sendEventEmails(app.deps.notify, {})).emails).toBe(0);

    await call('PUT', '/api/v1/notifications/settings', { emailMode: 'immediate' });
    const eventId = await emitEvent(
      { db: database.db, enqueue: jobs.enqueue },
      {
        userId: user.userId,
        type: 'keyword.alert',
        title: 'Right now',
        body: 'An immediate alert',
        data: {},
        dedupeKey: 'immediate:1',
      },
    );
    expect(eventId).toBeTruthy();
    await jobs.idle();
    const immediate = await smtp.next(user.email);
    expect(immediate.raw).toContain('Subject: Digitallz: Right now');
  });
});
