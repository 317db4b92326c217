// Exactly once, under crashes: a bounded load generator files tickets (each request with its own
// Idempotency-Key, retried with the SAME key after a connection error or a 5xx) while the desk is killed with
// SIGKILL three times at random moments and restarted on the same address and SQLite file. Afterwards every key
// that was ever answered 201 is stored exactly once, under the id it was answered with, and nothing else is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentApi, TICKET_DESK_ARGS, freePort, postTicket, sleep, startDesk, ticketBody } from './harness.mjs';

const REQUESTS = 300;
const CONCURRENCY = 8;
/** Requests start in waves of CONCURRENCY, spread over this long (the desk's downtime stretches the run: it takes
 * ~7 s to start). Waves keep several requests in flight when a kill comes. */
const SPREAD_MS = 24_000;
const KILLS = 3;
/** A request retries with the same key for at most this long (it must outlast a restart), then gives up. */
const RETRY_FOR_MS = 30_000;
const RETRY_PAUSE_MS = 250;
const ATTEMPT_TIMEOUT_MS = 10_000;

const TOPICS = [
  'order-not-arrived', 'refund', 'payment-failed', 'dispute', 'account', 'seller-verification', 'payouts', 'listing',
  'other',
];
const QUEUES = ['payments', 'orders', 'disputes', 'sellers', 'payouts', 'general'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

const random = (min, max) => min + Math.random() * (max - min);

test('SIGKILL ×3 under load: every 201 is stored exactly once, retried keys make no duplicates', { timeout: 150_000 }, async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signpost-e2e-crash-'));
  const deskOptions = { dir, listen: `127.0.0.1:${await freePort()}`, args: TICKET_DESK_ARGS };
  let desk = await startDesk(deskOptions);
  const url = desk.url;
  const run = randomBytes(4).toString('hex');
  const outcomes = new Map(); // key → { index, created: [answer bodies of 201s], attempts, errors: { kind: n } }
  const statusCounts = {};
  const kills = [];
  let loadDone = false;
  let inFlight = 0;
  let startedCount = 0;
  const started = Date.now();

  /** Files request `index`, retrying with the same key; records every answer. */
  async function file(index) {
    const key = `crash-${run}-${String(index).padStart(4, '0')}`;
    const body = ticketBody({
      topic: TOPICS[index % TOPICS.length],
      subject: `Crash test ${key}`,
      message: `Load request ${index}: where is my order?`,
      email: `load${index % 40}@example.com`,
    });
    const outcome = { index, created: [], attempts: 0, errors: {} };
    outcomes.set(key, outcome);
    const giveUpAt = Date.now() + RETRY_FOR_MS;
    for (;;) {
      outcome.attempts += 1;
      let retry = false;
      inFlight += 1;
      try {
        const answer = await postTicket(url, key, body, { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
        statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
        if (answer.status === 201) {
          outcome.created.push(answer.body);
          outcome.firstCreatedAt ??= Date.now();
        } else if (answer.status >= 500) {
          retry = true;
        } else {
          outcome.refused = `${answer.status} ${answer.text}`;
        }
      } catch (err) {
        const kind = err.cause?.code ?? err.name ?? 'error';
        outcome.errors[kind] = (outcome.errors[kind] ?? 0) + 1;
        retry = true;
      } finally {
        inFlight -= 1;
      }
      if (!retry) return;
      if (Date.now() >= giveUpAt) { outcome.gaveUp = true; return; }
      await sleep(RETRY_PAUSE_MS);
    }
  }

  async function load() {
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const index = next++;
        startedCount = next;
        const wave = Math.floor(index / CONCURRENCY);
        const due = started + (wave * SPREAD_MS * CONCURRENCY) / REQUESTS;
        if (due > Date.now()) await sleep(due - Date.now());
        await file(index);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    loadDone = true;
  }

  /**
   * Kills the desk at random moments while the load runs — once a random share of the requests has started (in
   * 10–25 %, 40–55 % and 70–85 %, so all three kills land while the load runs), then as soon as a wave is in
   * flight, plus 0–20 ms — and restarts it each time on the same address and file.
   */
  async function killer() {
    for (const [low, high] of [[0.10, 0.25], [0.40, 0.55], [0.70, 0.85]].slice(0, KILLS)) {
      const threshold = Math.floor(REQUESTS * random(low, high));
      while (startedCount < threshold && !loadDone) await sleep(5);
      for (const until = Date.now() + 2_000; inFlight < CONCURRENCY / 2 && Date.now() < until;) await sleep(1);
      await sleep(random(0, 20));
      if (loadDone) break;
      const inFlightAtKill = inFlight;
      const at = Date.now();
      await desk.kill('SIGKILL');
      kills.push({ at, atMs: at - started, inFlight: inFlightAtKill, afterRequests: startedCount });
      desk = await startDesk(deskOptions);
      kills.at(-1).downMs = Date.now() - started - kills.at(-1).atMs;
    }
  }

  try {
    await Promise.all([load(), killer()]);
    const loadMs = Date.now() - started;
    const agent = new AgentApi(url);

    // What the load generator saw.
    const all = [...outcomes.values()];
    const created = all.filter((o) => o.created.length > 0);
    const retried = all.filter((o) => o.attempts > 1);
    const retriedCreated = created.filter((o) => o.attempts > 1);
    const gaveUp = all.filter((o) => o.gaveUp);
    const refused = all.filter((o) => o.refused);
    const connectionErrors = {};
    for (const o of all) for (const [kind, n] of Object.entries(o.errors)) connectionErrors[kind] = (connectionErrors[kind] ?? 0) + n;

    // What the desk stored: every ticket, read one by one (the list endpoint stops at 200)…
    const stored = await agent.everyTicket();
    const storedByKey = new Map();
    for (const ticket of stored) {
      const key = ticket.subject.match(/^Crash test (crash-[0-9a-f]+-\d{4})$/)?.[1] ?? `(unknown: ${ticket.subject})`;
      storedByKey.set(key, [...(storedByKey.get(key) ?? []), ticket]);
    }
    // …and the agents' list, filtered finely enough that no slice reaches the list's limit.
    const listed = [];
    let slicesAtLimit = 0;
    for (const queue of QUEUES) {
      for (const priority of PRIORITIES) {
        const slice = await agent.list({ queue, priority });
        if (slice.length >= 200) slicesAtLimit += 1;
        listed.push(...slice);
      }
    }
    const unfiltered = await agent.list();

    // The interesting case: committed before a kill, but answered only when retried after the restart.
    const committedUnanswered = created.filter((o) => {
      const ticket = storedByKey.get(`crash-${run}-${String(o.index).padStart(4, '0')}`)?.[0];
      const createdAt = ticket && Date.parse(ticket.created_at);
      return o.attempts > 1 && kills.some((k) => createdAt <= k.at && o.firstCreatedAt > k.at);
    });

    t.diagnostic(
      `crash: ${REQUESTS} requests (≤ ${CONCURRENCY} at once) in ${(loadMs / 1000).toFixed(1)} s; ` +
      `${kills.length} SIGKILLs at ${kills.map((k) => `${(k.atMs / 1000).toFixed(1)} s (${k.inFlight} in flight, down ` +
        `${(k.downMs / 1000).toFixed(1)} s)`).join(', ')}`,
    );
    t.diagnostic(
      `crash: ${all.reduce((n, o) => n + o.attempts, 0)} attempts; answers ${JSON.stringify(statusCounts)}; ` +
      `connection errors ${JSON.stringify(connectionErrors)}`,
    );
    t.diagnostic(
      `crash: ${created.length} keys got a 201 (${retriedCreated.length} of them after retries), ` +
      `${retried.length} keys retried, ${committedUnanswered.length} committed before a kill but answered only on ` +
      `retry, ${gaveUp.length} gave up, ${refused.length} refused; ` +
      `${stored.length} tickets stored, ${new Set(stored.map((s) => s.id)).size} distinct ids; ` +
      `agent list: ${listed.length} over ${QUEUES.length * PRIORITIES.length} filtered slices, ${unfiltered.length} unfiltered`,
    );

    assert.equal(kills.length, KILLS, 'the desk was killed three times while the load ran');
    assert.ok(loadMs <= 90_000, `the load is bounded: ${loadMs} ms`);
    assert.deepEqual(refused.map((o) => o.refused), [], 'no request was refused (no 409 for a retried key)');
    assert.deepEqual(gaveUp.map((o) => o.index), [], 'every request was answered in the end');
    assert.ok(retriedCreated.length > 0, 'some keys were retried across a kill (otherwise this proves nothing)');

    // Exactly once.
    for (const o of created) {
      const ids = new Set(o.created.map((c) => c.id));
      assert.equal(ids.size, 1, `request ${o.index} was answered with different ids: ${[...ids]}`);
    }
    const duplicates = [...storedByKey].filter(([, tickets]) => tickets.length > 1);
    assert.deepEqual(duplicates.map(([key, tickets]) => `${key}: ${tickets.map((s) => s.id)}`), [], 'no key stored twice');
    for (const [key, o] of outcomes) {
      if (o.created.length === 0) continue;
      const tickets = storedByKey.get(key) ?? [];
      assert.equal(tickets.length, 1, `request ${o.index} was answered 201 (${o.created[0].id}) but is not stored`);
      assert.equal(tickets[0].id, o.created[0].id, `request ${o.index} is stored under the id it was given`);
      assert.equal(tickets[0].messages.length, 1, `request ${o.index} has its one message`);
    }
    const strangers = [...storedByKey.keys()].filter((key) => !outcomes.get(key)?.created.length);
    assert.deepEqual(strangers, [], 'nothing stored that was not answered 201');
    assert.equal(stored.length, created.length, 'stored tickets == keys that got a 201');
    assert.equal(created.length, REQUESTS);

    // The agents' list agrees: every ticket once.
    assert.equal(slicesAtLimit, 0, 'each filtered slice of the list is complete');
    const listedIds = listed.map((l) => l.id);
    assert.equal(new Set(listedIds).size, listedIds.length, 'no id listed twice');
    assert.deepEqual([...listedIds].sort(), stored.map((s) => s.id).sort(), 'the list holds exactly the stored tickets');
  } finally {
    loadDone = true;
    await desk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
