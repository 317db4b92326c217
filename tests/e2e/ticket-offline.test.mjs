// A request written while support is unreachable is not lost: the widget says it is saved, keeps it in
// localStorage (`signpost.outbox`) across page loads, retries with backoff, sends it the moment the browser is
// back online, and the desk files it exactly once however many attempts it took (one Idempotency-Key).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AgentApi, TICKET_DESK_ARGS, Widget, describeErrors, freePort, launchBrowser, newPage, sleep, startDesk,
  startStaticServer, storedJson, until,
} from './harness.mjs';

const SAVED = "Saved. We'll send it as soon as we can reach support.";
const env = {};

before(async () => {
  env.browser = await launchBrowser();
  env.desk = await startDesk({ args: TICKET_DESK_ARGS });
});
after(async () => {
  await env.browser?.close();
  await env.desk?.stop();
});

/** Records the page's ticket POSTs: `{ at, key, failed }`. */
function recordTicketPosts(page) {
  const posts = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/v1/tickets') {
      const entry = { at: Date.now(), key: req.headers()['idempotency-key'], failed: null };
      posts.push(entry);
      req.__entry = entry;
    }
  });
  page.on('requestfailed', (req) => { if (req.__entry) req.__entry.failed = req.failure()?.errorText ?? 'failed'; });
  return posts;
}

async function fillRequest(widget, message) {
  await widget.openContact();
  await widget.fillContact({ topic: 'order-not-arrived', message, email: 'lena@example.com' });
}

test('desk down: saved in the outbox, kept across a reload, sent once when the desk is back on the same address', { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signpost-e2e-offline-'));
  const deskOptions = { dir, listen: `127.0.0.1:${await freePort()}`, args: TICKET_DESK_ARGS };
  let desk = await startDesk(deskOptions);
  const pages = await startStaticServer(desk.url);
  const agent = new AgentApi(desk.url);
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  const posts = recordTicketPosts(page);
  const message = 'Order A-1043 is late and support was down when I wrote this.';
  try {
    // A marketplace page on its own origin, the widget from the desk.
    await page.goto(`${pages.url}/order-context.html`);
    await widget.listen(['ticket:queued', 'ticket:created']);
    await widget.ready();
    await widget.open();
    await fillRequest(widget, message);

    await desk.stop();
    await widget.sendRequestButton().click();
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    const outbox = await storedJson(page, 'signpost.outbox');
    assert.equal(outbox?.length, 1, `one request waits: ${JSON.stringify(outbox)}`);
    assert.equal(outbox[0].ticket.message, message);
    assert.equal(outbox[0].ticket.context.order_id, 'A-1043');
    const key = outbox[0].idempotency_key;
    assert.ok(key && key.length >= 8, `kept with its Idempotency-Key: ${key}`);
    assert.deepEqual((await widget.events()).map((e) => e.name), ['ticket:queued']);

    // A reload while the desk is still down (the widget itself comes from the browser's cache): still kept,
    // and retried with backoff, not in a tight loop.
    await page.reload();
    await widget.ready();
    const reloadedAt = Date.now();
    await sleep(5_000);
    const attemptsAfterReload = posts.filter((p) => p.at >= reloadedAt && p.at < reloadedAt + 5_000).length;
    assert.deepEqual((await storedJson(page, 'signpost.outbox'))?.map((p) => p.idempotency_key), [key],
      'the outbox survived the reload');
    assert.equal(await storedJson(page, 'signpost.tickets'), null, 'nothing counted as filed');

    // The desk comes back on the same address with the same database.
    // (Generous: the desk starts in ~7 s on two cores, slower while a browser retries in a tight loop.)
    desk = await startDesk(deskOptions);
    const backAt = Date.now();
    await page.waitForFunction(() => {
      const text = window.localStorage.getItem('signpost.outbox');
      return text === null || JSON.parse(text).length === 0;
    }, null, { timeout: 75_000, polling: 250 })
      .catch(() => assert.fail('the outbox did not empty within 75 s of the desk coming back'));
    const sentAfterMs = Date.now() - backAt;

    const listed = await agent.list();
    assert.equal(listed.length, 1, `exactly one ticket at the desk: ${JSON.stringify(listed)}`);
    const stored = await agent.ticket(listed[0].id);
    assert.deepEqual(stored.messages.map((m) => m.body), [message]);
    assert.equal(stored.context.order_id, 'A-1043');
    assert.deepEqual([...new Set(posts.map((p) => p.key))], [key], 'every attempt carried the same key');

    const filed = await storedJson(page, 'signpost.tickets');
    assert.deepEqual(filed?.map((f) => f.created.id), [listed[0].id]);
    await widget.open();
    await widget.openRequests();
    assert.deepEqual(await widget.requestIds(), [listed[0].id], '"Your requests" shows it');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
    t.diagnostic(`outbox: ${posts.length} attempts in all, sent ${sentAfterMs} ms after the desk came back`);
    assert.ok(
      attemptsAfterReload <= 5,
      `after a page load with the desk down the outbox should back off (first retry ~2 s, then doubling); it made ` +
      `${attemptsAfterReload} attempts in 5 s`,
    );
  } finally {
    await close();
    await pages.stop();
    await desk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('browser offline: the form opens, the request is saved, then sent as soon as the browser is back online (the online event), once', { timeout: 60_000 }, async () => {
  const agent = new AgentApi(env.desk.url);
  const before = (await agent.list()).length;
  const { page, context, record, requested, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  const posts = recordTicketPosts(page);
  const message = 'Written on a train without signal.';
  try {
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.listen(['ticket:queued', 'ticket:created']);
    await widget.ready();
    await widget.open();
    // Opening the panel fetches the contact form's module (it is built apart from the first-open part): once it
    // is in, the connection can drop before the user reaches for the form.
    const contactModules = () => requested(/\/widget\/[^/]+\/(split_contact|chunk_\d+)\.wasm$/);
    await until(() => contactModules().some((r) => r.url.endsWith('/split_contact.wasm'))
      && contactModules().every((r) => r.finished), 'the contact module to be fetched');

    await context.setOffline(true);
    await fillRequest(widget, message);
    await widget.sendRequestButton().click();
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    assert.equal((await storedJson(page, 'signpost.outbox'))?.length, 1);

    // Let the backoff run twice (~2 s, then ~4 s later), so its next try is at least ~6 s away: a send right
    // after going online can only come from the online event.
    const deadline = Date.now() + 15_000;
    // A failed request is reported a moment after it is made: wait for the third one's failure too.
    const thirdFailed = () => posts.length >= 3 && posts.slice(0, 3).every((p) => p.failed);
    while (!thirdFailed() && Date.now() < deadline) await sleep(100);
    assert.equal(posts.length, 3, `the first attempt and two retries while offline: ${JSON.stringify(posts)}`);
    assert.ok(posts.every((p) => p.failed), 'all failed offline');
    const gaps = posts.slice(1).map((p, i) => p.at - posts[i].at);
    assert.ok(gaps[0] >= 1_400 && gaps[1] >= 3_000 && gaps[1] > gaps[0], `retries back off: ${gaps} ms`);

    const onlineAt = Date.now();
    await context.setOffline(false);
    const id = await widget.waitForSent(2_000).catch(() =>
      assert.fail(`not sent within 2 s of going online: ${JSON.stringify(posts.map((p) => p.at - onlineAt))}`));
    assert.equal(await storedJson(page, 'signpost.outbox'), null, 'the outbox is empty');
    assert.deepEqual((await widget.events()).map((e) => e.name), ['ticket:queued', 'ticket:created']);

    const listed = await agent.list();
    assert.equal(listed.length, before + 1, 'one ticket more at the desk');
    assert.ok(listed.some((t) => t.id === id));
    assert.deepEqual((await agent.ticket(id)).messages.map((m) => m.body), [message]);
    assert.equal(new Set(posts.map((p) => p.key)).size, 1, 'one Idempotency-Key for every attempt');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('stored requests the widget cannot read (edited by hand, or left by another version) are set aside: a new request is filed and listed alone', { timeout: 90_000 }, async () => {
  const { page, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return; // once: the reload below keeps what the widget wrote
      sessionStorage.setItem('seeded', '1');
      // A filed request whose queue is missing, a draft of the wrong shape, an outbox that is not JSON at all.
      const created = {
        id: 'SP-999999', access_token: 't', queue: null, priority: 'normal',
        first_response_due: '2026-01-01T00:00:00Z', reasons: [], masked_card_numbers: false,
      };
      localStorage.setItem('signpost.tickets', JSON.stringify([{ idempotency_key: 'k', subject: 'Old', created }]));
      localStorage.setItem('signpost.draft', JSON.stringify({ subject: 7, message: ['x'] }));
      localStorage.setItem('signpost.outbox', '[{"idempotency_key": ');
    });
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await fillRequest(widget, 'Written after the stored requests were damaged.');
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    assert.deepEqual((await storedJson(page, 'signpost.tickets')).map((t) => t.created.id), [id]);

    await page.reload();
    await widget.ready();
    await widget.open();
    await widget.openRequests();
    assert.deepEqual(await widget.requestIds(), [id], 'the unreadable request is not listed');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

/**
 * Opens the contact form on the demo order page with the page's ticket POSTs answered by `handle(route, n)` (n
 * counts from 1) instead of reaching the desk whenever it returns true.
 */
async function contactWithTicketRoute(handle) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  const posts = recordTicketPosts(session.page);
  let n = 0;
  await session.page.route(`${env.desk.url}/v1/tickets`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    n += 1;
    if (!(await handle(route, n))) await route.continue();
  });
  await session.page.goto(`${env.desk.url}/demo/order`);
  await widget.listen(['ticket:queued', 'ticket:created']);
  await widget.ready();
  await widget.open();
  return { ...session, widget, posts };
}

test('a request left waiting goes out from the next page view even when its sending code cannot be fetched at first', { timeout: 90_000 }, async () => {
  const agent = new AgentApi(env.desk.url);
  const before = (await agent.list()).length;
  const message = 'Saved on the bus; the next page had a patchy connection.';
  const first = await newPage(env.browser);
  let next = null;
  try {
    // Saved while offline.
    const widget = new Widget(first.page);
    await first.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await fillRequest(widget, message);
    await first.context.setOffline(true);
    await widget.sendRequestButton().click();
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    const storage = await first.context.storageState();
    await first.close();

    // The next page view, with nothing cached: sending is code of the contact form's module, and its fetch fails.
    next = await newPage(env.browser, { storageState: storage });
    const posts = recordTicketPosts(next.page);
    const contactModule = /\/widget\/[^/]+\/split_contact\.wasm$/;
    const refuse = (route) => route.abort('internetdisconnected');
    await next.page.route(contactModule, refuse);
    await next.page.goto(`${env.desk.url}/demo/order`);
    await until(() => next.requested(contactModule).length >= 2, 'the sending code to be asked for again after a failure');
    assert.equal(posts.length, 0, 'nothing can be sent without it');

    // The connection settles: the next try fetches it and the request goes, once.
    await next.page.unroute(contactModule, refuse);
    await next.page.waitForFunction(() => window.localStorage.getItem('signpost.outbox') === null, null,
      { timeout: 60_000, polling: 250 })
      .catch(() => assert.fail('the outbox did not empty once the sending code could be fetched'));
    const filed = await storedJson(next.page, 'signpost.tickets');
    assert.equal(filed?.length, 1, JSON.stringify(filed));
    assert.equal((await agent.list()).length, before + 1, 'exactly one more ticket at the desk');
    assert.deepEqual((await agent.ticket(filed[0].created.id)).messages.map((m) => m.body), [message]);
    assert.deepEqual(next.record.errors, [], describeErrors(next.record.errors));
  } finally {
    await first.close().catch(() => {});
    await next?.close();
  }
});

test('a desk answering 503: saved, then sent by a retry once it recovers, once', { timeout: 60_000 }, async () => {
  const agent = new AgentApi(env.desk.url);
  const before = (await agent.list()).length;
  const failing = 2;
  const { widget, posts, record, cspViolations, close } = await contactWithTicketRoute(async (route, n) => {
    if (n > failing) return false;
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({ code: 'unavailable', message: 'down for maintenance' }),
    });
    return true;
  });
  try {
    await fillRequest(widget, 'Sent while the desk was failing.');
    await widget.sendRequestButton().click();
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    const id = await widget.waitForSent(20_000);
    assert.equal(posts.length, failing + 1, 'two refused attempts, then the one that went through');
    assert.equal(new Set(posts.map((p) => p.key)).size, 1, 'one Idempotency-Key');
    assert.equal((await agent.list()).length, before + 1);
    assert.deepEqual((await agent.ticket(id)).messages.map((m) => m.body), ['Sent while the desk was failing.']);
    assert.deepEqual((await widget.events()).map((e) => e.name), ['ticket:queued', 'ticket:created']);
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a desk that answers 429: the outbox waits as long as Retry-After asks, then sends once', { timeout: 60_000 }, async () => {
  const retryAfterSeconds = 8;
  const { widget, posts, record, close } = await contactWithTicketRoute(async (route, n) => {
    if (n > 1) return false;
    await route.fulfill({
      status: 429,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*', 'retry-after': String(retryAfterSeconds) },
      body: JSON.stringify({
        code: 'rate_limited', retry_after_seconds: retryAfterSeconds, message: 'too many requests',
      }),
    });
    return true;
  });
  try {
    await fillRequest(widget, 'Sent while rate limited.');
    await widget.sendRequestButton().click();
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    const id = await widget.waitForSent(30_000);
    assert.match(id, /^SP-\d+$/);
    assert.equal(posts.length, 2, 'the refused attempt, then one retry');
    const waited = posts[1].at - posts[0].at;
    // The outbox's own first retry would come after ~2 s.
    assert.ok(waited >= retryAfterSeconds * 1_000, `retried after ${waited} ms, not the ${retryAfterSeconds} s asked`);
    assert.equal(new Set(posts.map((p) => p.key)).size, 1, 'one Idempotency-Key');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a desk that never answers: the request is saved within 20 s, not left "Sending…"', { timeout: 60_000 }, async () => {
  const hung = [];
  const { widget, posts, record, close } = await contactWithTicketRoute(async (route, n) => {
    if (n > 1) return false;
    hung.push(route); // never answered
    return true;
  });
  try {
    await fillRequest(widget, 'Sent while the desk hung.');
    await widget.sendRequestButton().click();
    await widget.panel().getByRole('button', { name: 'Sending…' }).waitFor({ timeout: 5_000 });
    await widget.contactStatus().getByText(SAVED).waitFor({ timeout: 20_000 }).catch(async () => assert.fail(
      `after 20 s without an answer the form still shows "${await widget.panelElement().locator('.sp-contact button[type=submit]').textContent()}"` +
      ` and the outbox holds ${JSON.stringify(await storedJson(widget.page, 'signpost.outbox'))}`,
    ));
    const id = await widget.waitForSent(20_000);
    assert.match(id, /^SP-\d+$/);
    assert.equal(new Set(posts.map((p) => p.key)).size, 1, 'one Idempotency-Key');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('SIGTERM stops the desk within 5 s even while a widget follows its event stream', { timeout: 30_000 }, async () => {
  const { page, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const following = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/status/stream');
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    assert.equal((await following).status(), 200, 'the widget follows /v1/status/stream');
    const { forced, ms } = await env.desk.stop();
    assert.equal(forced, false, `the desk ignored SIGTERM for 5 s (killed after ${ms} ms)`);
  } finally {
    await close();
  }
});
