// Event ingest on SQLite: widget batches of 50 events sent at a target rate (default 20,000 events/s) for a
// while (default 60 s), with tickets filed at a steady pace meanwhile; and the same tickets without events as
// long, half before and half after, for comparison. Prints events stored per second, how many the desk dropped
// (its bounded queue) and the tickets' p50/p99 with and without the event load. The tickets are filed and timed
// on a thread of their own, so that their times do not include waiting for the sender of the events, which
// shares this process's event loop. Prints too how much CPU the desk and the bench used meanwhile (Linux), and how
// far the p99's rise could be from the one measured (a bootstrap interval).
//
//   node scripts/bench/insights-ingest.mjs [--seconds 60] [--rate 20000] [--tickets-per-second 25]
import http from 'node:http';
import { ROOT, startDesk } from './desk.mjs';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 60);
const RATE = option('rate', 20_000);
const EVENTS_PER_BATCH = 50;
const TICKETS_PER_SECOND = option('tickets-per-second', 25);
const AGENT_TOKEN = 'bench-agent-token-0123456789abcdef0123';
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function post(url, body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { authorization: `Bearer ${AGENT_TOKEN}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    }).on('error', reject);
  });
}

/** A batch as a widget sends it: one page view, a realistic mix of events. */
function batch(n) {
  const kinds = ['opened', 'suggestion_shown', 'suggestion_shown', 'suggestion_followed', 'article_read', 'searched'];
  const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const event = { kind, age_ms: i * 40 };
    if (kind === 'searched') Object.assign(event, { query: `where is my order ${i}`, results: i % 5 });
    else if (kind !== 'opened') event.item = `article-${(n + i) % 60}`;
    return event;
  });
  return JSON.stringify({
    unit: { kind: 'install', id: `bench-${n}` },
    page: { surface: 'order', language: 'en', audience: 'buyer' },
    events,
  });
}

/** CPU seconds the threads of process `pid` have used (Linux, from /proc): in all, and in its background
 * reports' threads (`sp-background-…`). */
function cpuSeconds(pid) {
  const used = { all: 0, background: 0 };
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${thread}/comm`, 'utf8');
      const fields = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1].split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100)
      used.all += seconds;
      if (name.startsWith('sp-background-')) used.background += seconds;
    } catch {
      // the thread ended meanwhile
    }
  }
  return used;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** How much higher the p99 of `loaded` is than that of `quiet` (both sorted), in %. */
const p99Rise = (quiet, loaded) => 100 * (percentile(loaded, 99) / percentile(quiet, 99) - 1);

/** A 95 % bootstrap interval for how much higher the p99 of `loaded` is than that of `quiet`, in %: each of 2,000
 * rounds draws as many tickets again from each run, with replacement (a fixed seed, so one run's figures always
 * give the same interval). A p99 rests on a few of the slowest tickets, so this says whether a run can tell
 * 10 % from noise at all. */
function p99RiseInterval(quiet, loaded) {
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return seed / 2 ** 32;
  };
  const redrawn = (times) => Array.from(times, () => times[Math.floor(random() * times.length)]).sort((a, b) => a - b);
  const rises = Array.from({ length: 2000 }, () => {
    const loadedAgain = redrawn(loaded); // drawn first, as the figures in the README were
    return p99Rise(redrawn(quiet), loadedAgain);
  }).sort((a, b) => a - b);
  return [percentile(rises, 2.5), percentile(rises, 97.5)];
}

/** Files tickets at TICKETS_PER_SECOND until `until`; resolves to their latencies in ms, sorted. */
async function fileTickets(url, until, prefix) {
  const times = [];
  let n = 0;
  while (performance.now() < until) {
    const next = performance.now() + 1000 / TICKETS_PER_SECOND;
    const body = JSON.stringify({
      topic: 'order-not-arrived', subject: 'Late parcel', email: 'bench@example.com',
      message: 'Order A-1043 was due three days ago and tracking has not moved.', context: { surface: 'order' },
    });
    const started = performance.now();
    const answer = await post(`${url}/v1/tickets`, body, { 'content-type': 'application/json', 'idempotency-key': `bench-${prefix}-${String(n++).padStart(6, '0')}` });
    if (answer.status !== 201) throw new Error(`ticket: ${answer.status} ${answer.text}`);
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  return times.sort((a, b) => a - b);
}

/** The thread that files tickets: `ticketsFor(seconds, prefix)` resolves to their latencies in ms, sorted. */
function ticketThread(url) {
  // The same options as this process's, for TICKETS_PER_SECOND.
  const worker = new Worker(new URL(import.meta.url), { workerData: { url }, argv: process.argv.slice(2) });
  const waiting = [];
  worker.on('message', (times) => waiting.shift().resolve(times));
  worker.on('error', (err) => waiting.splice(0).forEach((w) => w.reject(err)));
  return {
    ticketsFor: (seconds, prefix) => new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage({ seconds, prefix });
    }),
    stop: () => worker.terminate(),
  };
}

/** Sends batches at RATE events/s until `until`; resolves to { sent, accepted, dropped, refused }. */
async function sendEvents(url, until) {
  const totals = { sent: 0, accepted: 0, dropped: 0, refused: 0 };
  const perSecond = RATE / EVENTS_PER_BATCH;
  const started = performance.now();
  let n = 0;
  const inFlight = new Set();
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (n < due && inFlight.size < 64) {
      const sending = post(`${url}/v1/events`, batch(n++), { 'content-type': 'text/plain;charset=UTF-8' }).then((answer) => {
        totals.sent += EVENTS_PER_BATCH;
        if (answer.status === 202) {
          const body = JSON.parse(answer.text);
          totals.accepted += body.accepted;
          totals.dropped += body.dropped;
        } else totals.refused += EVENTS_PER_BATCH;
      });
      inFlight.add(sending);
      sending.finally(() => inFlight.delete(sending));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inFlight);
  return totals;
}

if (!isMainThread) {
  parentPort.on('message', async ({ seconds, prefix }) => {
    parentPort.postMessage(await fileTickets(workerData.url, performance.now() + seconds * 1000, prefix));
  });
} else {
  const desk = await startDesk({
    content: join(ROOT, 'content'),
    args: [
      '--agent-token', AGENT_TOKEN,
      '--tickets-per-address-per-hour', '1000000000',
      '--tickets-per-email-per-hour', '1000000000',
      '--event-batches-per-address-per-minute', '1000000000',
    ],
  });
  const tickets = ticketThread(desk.url);
  try {
    // Its first tickets warm up the thread's compiler and connections; they are not counted.
    await tickets.ticketsFor(3, 'warm-up');
    // Tickets without events for as long as with them, half before and half after, so the two p99s rest on as
    // many tickets and a machine that slows down or warms up over the run weighs on both alike.
    const quietFor = (prefix) => tickets.ticketsFor(SECONDS / 2, prefix);
    const before = await quietFor('quiet-before');
    const started = performance.now();
    const cpuBefore = { desk: cpuSeconds(desk.pid), bench: process.cpuUsage() };
    const [loaded, totals] = await Promise.all([
      tickets.ticketsFor(SECONDS, 'loaded'), sendEvents(desk.url, started + SECONDS * 1000),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const deskCpu = cpuSeconds(desk.pid);
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    // Stored means written by the desk's writer: wait for it to catch up with what it accepted.
    let counters;
    const deadline = performance.now() + 120_000;
    do {
      counters = await getJson(`${desk.url}/v1/agent/insights/events`);
      if (counters.written >= counters.accepted) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (performance.now() < deadline);
    const storedIn = (performance.now() - started) / 1000;
    const quiet = [...before, ...(await quietFor('quiet-after'))].sort((a, b) => a - b);
    const ms = (x) => `${x.toFixed(1)} ms`;
    console.log(`events: ${totals.sent} sent in ${elapsed.toFixed(1)} s (${Math.round(totals.sent / elapsed)}/s), `
      + `${counters.written} stored within ${storedIn.toFixed(1)} s (${Math.round(counters.written / storedIn)}/s), `
      + `${counters.dropped} dropped, ${totals.refused} refused`);
    const line = (times) => `p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, `
      + `p99 ${ms(percentile(times, 99))} (${times.length})`;
    const cores = (seconds) => `${Math.round((100 * seconds) / elapsed)} %`;
    console.log(`CPU while the events came, in % of one of the machine's ${availableParallelism()} cores: the desk `
      + `${cores(deskCpu.all - cpuBefore.desk.all)} (its background reports `
      + `${cores(deskCpu.background - cpuBefore.desk.background)}), this bench (events and tickets) `
      + `${cores((benchCpu.user + benchCpu.system) / 1e6)}`);
    console.log(`tickets without events: ${line(quiet)}`);
    const [low, high] = p99RiseInterval(quiet, loaded);
    console.log(`tickets with events:    ${line(loaded)}, p99 ${p99Rise(quiet, loaded).toFixed(1)} % `
      + `(95 % bootstrap interval ${low.toFixed(0)} % to ${high.toFixed(0)} %)`);
  } finally {
    await tickets.stop();
    await desk.stop();
  }
}
