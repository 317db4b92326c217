// The load bench: what the desk does under load, side by side in one run, as the README quotes it.
//
//   node scripts/bench/load.mjs [--seconds 10] [--only machine,tickets,status,fanout,threads,search]
//
//   machine  cores, and the disk's raw rate of fsync'd commits (a 128-byte append + fdatasync, for 2 s, in the
//            folder the bench's SQLite databases live in)
//   tickets  POST /v1/tickets with wrk (one connection per thread; scripts/bench/tickets.lua) at 1×, 4× and 16×
//            concurrency, on SQLite and on PostgreSQL (env SIGNPOST_TEST_POSTGRES names the server), rate
//            limits raised by flags; then the desk is killed with SIGKILL and the database reopened: the rows
//            must equal the 201s
//   status   GET /api/v2/summary.json with wrk at 16 connections, fresh and with If-None-Match
//   fanout   1,000, 5,000 and 10,000 status-stream clients (scripts/bench/fanout.mjs, a process of its own): the
//            time from an incident's POST until each client has it, and the desk's memory
//   threads  2,000 ticket-thread streams on 2,000 tickets: the time from each agent reply's 201 until its stream
//            has it, and from the first reply until all streams have theirs
//   search   GET /v1/search over synthetic help centers of 400, 4,000 and 20,000 articles (generate-corpus.mjs)
//
// The release desk runs with its stream caps raised (their defaults are printed). Every step is bounded in time
// and the desk is stopped at the end, on errors and on Ctrl-C. Needs wrk (Debian's package) and an open-files
// limit above 11,000 for the 10,000 streams (scripts/bench.sh raises it).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { deskBinary, get, ROOT, startDesk } from './desk.mjs';
import { ensureCorpus, sampleQueries } from './generate-corpus.mjs';

const AGENT_TOKEN = 'bench-agent-token-0123456789abcdef0123';
const RAISED = [
  '--agent-token', AGENT_TOKEN,
  '--tickets-per-address-per-hour', '1000000000',
  '--tickets-per-email-per-hour', '1000000000',
  '--replies-per-address-per-hour', '1000000000',
  '--max-streams', '20000',
  '--max-streams-per-address', '20000',
  '--max-streams-per-ticket', '100',
];

function parseArgs(argv) {
  const opts = { seconds: 10, only: new Set(['machine', 'tickets', 'status', 'fanout', 'threads', 'search']) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds') opts.seconds = Number(argv[++i]);
    else if (argv[i] === '--only') opts.only = new Set(argv[++i].split(','));
    else {
      console.error('usage: node scripts/bench/load.mjs [--seconds 10] [--only machine,tickets,status,fanout,threads,search]');
      process.exit(2);
    }
  }
  return opts;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const log = (text) => console.error(`  ${text}`);

/** 128-byte appends, each made durable with fdatasync, for `seconds`: the disk's ceiling for honest commits. */
function fsyncRate(dir, seconds = 2) {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(128, 1);
  let count = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    writeSync(fd, block);
    fdatasyncSync(fd);
    count += 1;
  }
  closeSync(fd);
  rmSync(path);
  return count / seconds;
}

/** Runs wrk; resolves its output. */
function wrk(args, timeoutSeconds) {
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: timeoutSeconds * 1000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`wrk ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Deskside memory: the process's resident set, in MB. */
function rssMb(pid) {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
}

function request(method, url, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, {
      method,
      timeout: 30_000,
      headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 30 s: ${method} ${url}`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------

async function ticketBench(backend, seconds) {
  let database = null;
  let count;
  if (backend === 'postgres') {
    const admin = process.env.SIGNPOST_TEST_POSTGRES;
    if (!admin) throw new Error('SIGNPOST_TEST_POSTGRES must name a PostgreSQL server (scripts/bench.sh starts one)');
    const name = `signpost_bench_${process.pid}`;
    execFileSync('psql', [admin, '-qc', `DROP DATABASE IF EXISTS ${name}`]);
    execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`]);
    database = `${admin.slice(0, admin.lastIndexOf('/'))}/${name}`;
    count = () => Number(execFileSync('psql', [database, '-tAc', 'SELECT COUNT(*) FROM tickets'], { encoding: 'utf8' }).trim());
  }
  const desk = await startDesk({ content: join(ROOT, 'content'), database, args: RAISED });
  if (backend === 'sqlite') {
    const file = join(desk.dir, 'x.db');
    count = () => Number(execFileSync('python3', ['-c', `import sqlite3; print(sqlite3.connect(${JSON.stringify(file)}).execute('SELECT COUNT(*) FROM tickets').fetchone()[0])`], { encoding: 'utf8' }).trim());
  }
  const rows = [];
  let acknowledged = 0;
  try {
    // A short warm-up (its tickets count too).
    for (const [concurrency, duration] of [[4, 1], [1, seconds], [4, seconds], [16, seconds]]) {
      const out = await wrk([
        '-t', String(concurrency), '-c', String(concurrency), '-d', `${duration + 60}s`, '--timeout', '30s',
        '-s', join(ROOT, 'scripts/bench/tickets.lua'), desk.url, '--', `${backend}${concurrency}x${duration}`, String(duration),
      ], duration + 90);
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (!line) throw new Error(`wrk printed no result:\n${out}`);
      const result = JSON.parse(line.slice(6));
      acknowledged += result.created;
      if (result.other || result.socket_errors) throw new Error(`non-201 answers or socket errors: ${line}`);
      if (duration === seconds) {
        rows.push({ backend, concurrency, perSecond: result.created / result.seconds, ...result });
        log(`${backend} ${concurrency}×: ${Math.round(result.created / result.seconds)} tickets/s, p50 ${ms(result.p50_ms)}, p99 ${ms(result.p99_ms)}`);
      }
    }
    await desk.crash();
    const stored = count();
    log(`${backend}: ${acknowledged} 201s, ${stored} rows after kill -9 and reopening`);
    return { rows, acknowledged, stored };
  } finally {
    await desk.stop();
    if (backend === 'postgres') {
      execFileSync('psql', [process.env.SIGNPOST_TEST_POSTGRES, '-qc', `DROP DATABASE IF EXISTS signpost_bench_${process.pid}`]);
    }
  }
}

async function statusBench() {
  const desk = await startDesk({ content: join(ROOT, 'content'), args: RAISED });
  try {
    const url = `${desk.url}/api/v2/summary.json`;
    const etag = (await request('GET', url)).headers.etag;
    const run = async (headers) => {
      const out = await wrk(['-t', '2', '-c', '16', '-d', '5s', '--latency', ...headers, url], 60);
      const perSecond = Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
      const p99 = out.match(/\s99%\s+([\d.]+)(us|ms|s)/);
      const p99ms = Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]];
      if (/Non-2xx or 3xx/.test(out)) throw new Error(`errors answering summary.json:\n${out}`);
      return { perSecond, p99ms };
    };
    const fresh = await run([]);
    const revalidated = await run(['-H', `If-None-Match: ${etag}`]);
    log(`summary.json: ${Math.round(fresh.perSecond)}/s fresh, ${Math.round(revalidated.perSecond)}/s with If-None-Match`);
    return { fresh, revalidated };
  } finally {
    await desk.stop();
  }
}

/** Starts the stream clients for `paths`; resolves { ready, result } once all have their first event. */
function clients(desk, paths, marker, dir) {
  const file = join(dir, `paths-${paths.length}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(paths));
  const child = spawn(process.execPath, [join(ROOT, 'scripts/bench/fanout.mjs'), desk.url, file, marker, '120'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let onReady;
  let onResult;
  const ready = new Promise((resolve) => { onReady = resolve; });
  const result = new Promise((resolve, reject) => {
    onResult = resolve;
    child.once('exit', (code) => (code === 0 ? null : reject(new Error(`fanout exited ${code}`))));
  });
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    out += chunk;
    if (out.includes('READY')) onReady();
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (line && out.endsWith('\n')) onResult(JSON.parse(line.slice(7)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  result.finally(() => clearTimeout(timer)).catch(() => {});
  return { ready: Promise.race([ready, result.then(() => { throw new Error('fanout ended before it was ready'); })]), result, child };
}

const now = () => performance.timeOrigin + performance.now();

async function fanoutBench(sizes, dir) {
  const desk = await startDesk({ content: join(ROOT, 'content'), args: RAISED });
  const rows = [];
  try {
    const idleMb = rssMb(desk.pid);
    for (const size of sizes) {
      const marker = `Bench incident ${size}`;
      const { ready, result } = clients(desk, Array(size).fill('/v1/status/stream'), marker, dir);
      await ready;
      const connectedMb = rssMb(desk.pid);
      const posted = now();
      const opened = await request('POST', `${desk.url}/v1/agent/incidents`, {
        headers: { authorization: `Bearer ${AGENT_TOKEN}` },
        body: { name: marker, impact: 'minor', components: ['Payments'] },
      });
      if (opened.status !== 201) throw new Error(`incident: ${opened.status} ${opened.text}`);
      const { arrivals } = await result;
      const missed = arrivals.filter((a) => a === null).length;
      const delays = arrivals.filter((a) => a !== null).map((a) => a - posted).sort((a, b) => a - b);
      rows.push({ size, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1), missed, idleMb, connectedMb });
      log(`${size} status streams: all had the incident after ${ms(delays.at(-1))} (p99 ${ms(percentile(delays, 99))}), ${missed} missed; desk ${connectedMb.toFixed(0)} MB`);
      const id = JSON.parse(opened.text).id;
      await request('POST', `${desk.url}/v1/agent/incidents/${id}/resolve`, {
        headers: { authorization: `Bearer ${AGENT_TOKEN}` }, body: { message: 'Resolved' },
      });
    }
    return rows;
  } finally {
    await desk.stop();
  }
}

async function threadBench(count, dir) {
  const desk = await startDesk({ content: join(ROOT, 'content'), args: RAISED });
  try {
    const tickets = await inParallel(Array.from({ length: count }, (_, n) => n), 8, async (n) => {
      const answer = await request('POST', `${desk.url}/v1/tickets`, {
        headers: { 'idempotency-key': `bench-thread-${n}` },
        body: { topic: 'order-not-arrived', subject: 'Where is my parcel?', message: `Ticket ${n}`, email: 'bench@example.com' },
      });
      if (answer.status !== 201) throw new Error(`ticket ${n}: ${answer.status} ${answer.text}`);
      return JSON.parse(answer.text);
    });
    const marker = 'We found your parcel';
    const paths = tickets.map((t) => `/v1/tickets/${t.id}/stream?access_token=${t.access_token}`);
    const { ready, result } = clients(desk, paths, marker, dir);
    await ready;
    const connectedMb = rssMb(desk.pid);
    const first = now();
    const acked = await inParallel(tickets, 16, async (ticket) => {
      const answer = await request('POST', `${desk.url}/v1/agent/tickets/${ticket.id}/reply`, {
        headers: { authorization: `Bearer ${AGENT_TOKEN}` }, body: { body: `${marker}: it ships today.` },
      });
      if (answer.status !== 201) throw new Error(`reply: ${answer.status} ${answer.text}`);
      return now();
    });
    const repliedAll = now() - first;
    const { arrivals } = await result;
    const missed = arrivals.filter((a) => a === null).length;
    const delays = arrivals.map((a, i) => (a === null ? null : a - acked[i])).filter((d) => d !== null).sort((a, b) => a - b);
    const allSeen = Math.max(...arrivals.filter((a) => a !== null)) - first;
    log(`${count} ticket streams: replies took ${ms(repliedAll)} to post; all seen ${ms(allSeen)} after the first; per stream p50 ${ms(percentile(delays, 50))}, p99 ${ms(percentile(delays, 99))}, max ${ms(delays.at(-1))}; ${missed} missed`);
    return { count, repliedAll, allSeen, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1), missed, connectedMb };
  } finally {
    await desk.stop();
  }
}

async function searchBench(sizes) {
  const rows = [];
  for (const size of sizes) {
    const corpus = ensureCorpus({ dir: join(os.homedir(), '.cache', 'signpost-bench', `corpus-${size}`), count: size });
    const desk = await startDesk({ content: corpus.dir, args: RAISED });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const search = async (q) => {
        const started = performance.now();
        const answer = await get(`${desk.url}/v1/search?q=${encodeURIComponent(q)}&limit=10`, { agent });
        if (answer.status !== 200) throw new Error(`search ${q}: ${answer.status}`);
        return performance.now() - started;
      };
      for (const q of sampleQueries(50, 'warmup')) await search(q);
      const times = [];
      for (const q of sampleQueries(500)) times.push(await search(q));
      agent.destroy();
      times.sort((a, b) => a - b);
      rows.push({ size, startupMs: desk.startupMs, p50: percentile(times, 50), p99: percentile(times, 99) });
      log(`search over ${size} articles: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, desk up in ${(desk.startupMs / 1000).toFixed(1)} s`);
    } finally {
      await desk.stop();
    }
  }
  return rows;
}

function capDefaults() {
  const help = execFileSync(deskBinary(), ['serve', '--help'], { encoding: 'utf8' });
  const flags = ['--max-streams ', '--max-streams-per-address', '--max-streams-per-ticket', '--header-read-timeout', '--request-timeout'];
  return flags.map((flag) => {
    const at = help.indexOf(flag);
    const value = help.slice(at).match(/\[default: ([^\]]+)\]/)?.[1];
    return `${flag.trim()} ${value}`;
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(os.tmpdir(), 'signpost-load-'));
  const guard = setTimeout(() => {
    console.error('load: still running after 40 minutes, giving up');
    process.exit(1);
  }, 40 * 60_000);
  guard.unref();
  const out = [];
  const say = (line = '') => out.push(line);
  try {
    const openFiles = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    say(`Machine: ${os.cpus().length} cores, ${os.cpus()[0].model.trim()}; open-files limit ${openFiles}`);
    if (opts.only.has('machine')) {
      say(`Disk: ${Math.round(fsyncRate(os.tmpdir()))} fsync'd 128-byte commits/s (append + fdatasync, ${os.tmpdir()})`);
    }
    say(`Stream caps (defaults; the bench raises them): ${capDefaults().join(', ')}`);
    if (opts.only.has('tickets')) {
      say();
      say(`POST /v1/tickets (wrk, ${opts.seconds} s each, one connection per concurrent client, rate limits raised)`);
      say('backend    clients  tickets/s      p50      p99      max');
      for (const backend of ['sqlite', 'postgres']) {
        const { rows, acknowledged, stored } = await ticketBench(backend, opts.seconds);
        for (const r of rows) {
          say(`${backend.padEnd(10)} ${`${r.concurrency}×`.padStart(7)} ${Math.round(r.perSecond).toString().padStart(10)} ${ms(r.p50_ms).padStart(8)} ${ms(r.p99_ms).padStart(8)} ${ms(r.max_ms).padStart(8)}`);
        }
        say(`${backend}: ${acknowledged} answered 201; after kill -9 and reopening, ${stored} rows: ${stored === acknowledged ? 'every 201 durable, nothing else stored' : 'MISMATCH'}`);
        if (stored !== acknowledged) process.exitCode = 1;
      }
    }
    if (opts.only.has('status')) {
      const { fresh, revalidated } = await statusBench();
      say();
      say('GET /api/v2/summary.json (wrk, 16 connections, 5 s)');
      say(`fresh: ${Math.round(fresh.perSecond)} requests/s (p99 ${ms(fresh.p99ms)}); with If-None-Match (304): ${Math.round(revalidated.perSecond)} requests/s (p99 ${ms(revalidated.p99ms)})`);
    }
    if (opts.only.has('fanout')) {
      const rows = await fanoutBench([1_000, 5_000, 10_000], dir);
      say();
      say('Status stream fan-out: an incident opened, until every client has it (clients in their own process)');
      say('clients      p50      p99      max  missed  desk memory');
      for (const r of rows) {
        say(`${String(r.size).padStart(7)} ${ms(r.p50).padStart(8)} ${ms(r.p99).padStart(8)} ${ms(r.max).padStart(8)} ${String(r.missed).padStart(7)}  ${r.connectedMb.toFixed(0)} MB (idle ${r.idleMb.toFixed(0)} MB)`);
      }
    }
    if (opts.only.has('threads')) {
      const r = await threadBench(2_000, dir);
      say();
      say(`Ticket-thread fan-out: ${r.count} streams on ${r.count} tickets, one agent reply each (16 at a time)`);
      say(`replies posted in ${ms(r.repliedAll)}; every stream had its reply ${ms(r.allSeen)} after the first was posted; reply 201 → stream: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}; ${r.missed} missed; desk ${r.connectedMb.toFixed(0)} MB`);
    }
    if (opts.only.has('search')) {
      const rows = await searchBench([400, 4_000, 20_000]);
      say();
      say('GET /v1/search, 500 sequential queries over one connection (synthetic help centers)');
      say('articles      p50      p99   desk start');
      for (const r of rows) say(`${String(r.size).padStart(8)} ${ms(r.p50).padStart(8)} ${ms(r.p99).padStart(8)} ${`${(r.startupMs / 1000).toFixed(1)} s`.padStart(12)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(out.join('\n'));
}

main().catch((err) => {
  console.error(`load: ${err.stack ?? err.message}`);
  process.exit(1);
});
