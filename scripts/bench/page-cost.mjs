// What the widget costs the page it is on: starts the release desk with the sample help center (content/) and
// measures /demo/checkout in headless Chromium (playwright-core) and in Lighthouse.
//
//   a. Bytes, nobody opening the widget: the page loads, then the script waits until no request has started or
//      ended for 5 s (at most 60 s), so whatever the loader fetches by itself (on idle, on the desk's word) is in.
//      Each request's size is CDP's Network.loadingFinished encodedDataLength: headers and body as they came
//      over the wire (Resource Timing's transferSize counts a fixed 300 B for headers); a request still open at
//      the end (the status event stream) counts what it received so far.
//   b. Click to panel, module loaded: the launcher is hovered (which starts the load) and the widget's `ready`
//      event awaited, then the launcher is clicked N times (default 20), each time from a capturing click
//      listener's performance.now() to the first animation frame in which the panel (.sp-panel) is no longer
//      hidden; Escape closes it between clicks. The first open after the load is shown on its own, not counted.
//   b2. "Why am I seeing this?", whose rendering is in its own module: on /demo/order with the panel open, the
//      first suggestion's button is clicked and timed from the click to the first frame showing its reasons;
//      after a hover (which prefetches the module, as a pointer or keyboard focus does) and, as the worst case,
//      clicked from script with nothing before it (the module fetched on the click). 5 new pages each; median, max.
//   c. Cold first open on a slow phone: a new context with the cache off, Lighthouse's mobile throttling figures
//      applied as CDP emulation (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower; as a latency
//      per request, 150 ms is milder than the 562.5 ms Lighthouse's own DevTools throttling adds); the launcher
//      is clicked as soon as the page has loaded, timed from the click to the first frame in which the panel is
//      visible with its search box; median of 3 runs, with the desk's bytes fetched by then.
//   d. Lighthouse (scripts/bench/lighthouse, installed by scripts/bench.sh), performance only, mobile preset by
//      default (simulated throttling, as PageSpeed Insights runs it): the page with the widget and the same page
//      without the loader's script tag, 5 runs each, interleaved; medians of Total Blocking Time, Cumulative
//      Layout Shift and total byte weight. Lighthouse drives its own Chrome, so both pages go through a small
//      local proxy of the desk, which drops the tag from the page at ?widget=none and changes nothing else
//      (headers, CSP included).
//
//   node scripts/bench/page-cost.mjs [--clicks N] [--cold-runs N] [--lighthouse-runs N] [--preset mobile|desktop]
//                                    [--json] [--timeout SECONDS]
//
// Stops by itself (--timeout, default 1200 s); the browsers, the proxy and the desk are closed at the end and on
// errors. The desk binary is BENCH_DESK_BIN or the release build (scripts/bench/desk.mjs).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { ROOT, get, startDesk } from './desk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The same flags for Playwright's Chromium and Lighthouse's: nothing in the background, nothing downloaded.
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const LIGHTHOUSE = join(here, 'lighthouse', 'node_modules', '.bin', 'lighthouse');
const PAGE = '/demo/checkout';
const LOADER_TAG = /[ \t]*<script\b[^>]*\bsrc="\/widget\/loader\.js"[^>]*><\/script>\n?/g;
const QUIET_MS = 5_000;
const QUIET_LIMIT_MS = 60_000;
// Lighthouse's mobile throttling (Lantern's throttling.mobileSlow4G); its kbit/s are 1,024 bit/s.
const SLOW = { rttMs: 150, downKbps: 1.6 * 1024, upKbps: 750, cpu: 4 };
// Other support widgets' "average impact" in Third Party Web 0.30.0 (Customer Success): script execution time
// per page that embeds them, from HTTP Archive's crawl of real sites (Lighthouse, mobile). Main-thread time across
// many sites, not TBT on one page: a rough comparison.
const HTTP_ARCHIVE_MS = { Crisp: 33, 'Help Scout': 427, Intercom: 1433, Zendesk: 2157 };

const run = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function usage(message) {
  if (message) console.error(`page-cost: ${message}`);
  console.error('usage: node scripts/bench/page-cost.mjs [--clicks N] [--cold-runs N] [--lighthouse-runs N] [--preset mobile|desktop] [--json] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { clicks: 20, coldRuns: 3, lighthouseRuns: 5, preset: 'mobile', json: false, timeout: 1200 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? usage(`${argv[i - 1]} needs a value`);
    switch (argv[i]) {
      case '--clicks': opts.clicks = Number(value()); break;
      case '--cold-runs': opts.coldRuns = Number(value()); break;
      case '--lighthouse-runs': opts.lighthouseRuns = Number(value()); break;
      case '--preset': opts.preset = value(); break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '--json': opts.json = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  for (const key of ['clicks', 'coldRuns', 'lighthouseRuns']) {
    if (!Number.isInteger(opts[key]) || opts[key] < 1) usage(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a positive integer`);
  }
  if (!['mobile', 'desktop'].includes(opts.preset)) usage('--preset must be mobile or desktop');
  if (!(opts.timeout > 0)) usage('--timeout must be positive');
  return opts;
}

// Runs in the page before its own scripts: notes the widget's `ready` and, for each click, the first frame in
// which the panel shows and the first in which its search box does too.
function instrument() {
  const probe = { ready: null, opens: [] };
  window.__pageCost = probe;
  // The page's own queue stub (demo/assets/signpost-stub.js), a little earlier, so the listener is queued before
  // the loader can start the widget.
  window.Signpost = window.Signpost || function () { (window.Signpost.q = window.Signpost.q || []).push(arguments); };
  window.Signpost('on', 'ready', () => { probe.ready = performance.now(); });
  addEventListener('click', () => {
    const open = { click: performance.now(), shown: null, interactive: null };
    probe.opens.push(open);
    const frame = () => {
      const now = performance.now();
      const panel = document.querySelector('signpost-widget')?.shadowRoot?.querySelector('.sp-panel');
      if (open.shown === null && panel && !panel.hidden && panel.checkVisibility()) open.shown = now;
      if (open.shown !== null && panel.querySelector('.sp-search__input')?.checkVisibility()) open.interactive = now;
      if (open.interactive === null) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, true);
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  return { context, page, errors, cdp: await context.newCDPSession(page) };
}

const launcher = (page) => page.getByRole('button', { name: 'Help', exact: true });

/**
 * Records every request the page makes over `cdp` (Network.enable is the caller's): resolves { idleMs(), rows() }
 * where idleMs is the time since a request last started or ended and rows lists each http(s) request with its
 * bytes; `widget` marks the desk's /widget/ and /v1/ requests.
 */
async function recordRequests(cdp, deskUrl) {
  const requests = new Map();
  let lastActivity = performance.now();
  const seen = (id) => {
    lastActivity = performance.now();
    return requests.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    lastActivity = performance.now();
    requests.set(e.requestId, { url: e.request.url, bytes: 0, encoding: null, done: false, failed: null });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = seen(e.requestId);
    if (!r) return;
    r.bytes = e.response.encodedDataLength; // the headers, so far
    r.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? null;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r && !r.done) r.bytes += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = seen(e.requestId);
    if (r) Object.assign(r, { done: true, failed: e.errorText });
  });
  await cdp.send('Network.enable');
  return {
    idleMs: () => performance.now() - lastActivity,
    rows: () => [...requests.values()].filter((r) => /^https?:/.test(r.url)).map((r) => {
      const url = new URL(r.url);
      const ours = url.origin === deskUrl;
      return {
        url: ours ? `${url.pathname}${url.search}` : r.url,
        bytes: r.bytes,
        encoding: r.encoding,
        widget: ours && /^\/(widget|v1)\//.test(url.pathname),
        open: !r.done,
        failed: r.failed,
      };
    }),
  };
}

const total = (rows) => rows.reduce((n, r) => n + r.bytes, 0);

/** a. Every request of a page view without interaction, once the network has been quiet for QUIET_MS. */
async function pageBytes(browser, desk) {
  const { context, page, errors, cdp } = await newPage(browser);
  try {
    const network = await recordRequests(cdp, desk.url);
    const started = performance.now();
    await page.goto(`${desk.url}${PAGE}`, { waitUntil: 'load', timeout: 60_000 });
    while (network.idleMs() < QUIET_MS && performance.now() - started < QUIET_LIMIT_MS) await sleep(100);
    const ready = await page.evaluate(() => window.__pageCost.ready);
    if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);
    const requests = network.rows();
    return {
      requests,
      widgetBytes: total(requests.filter((r) => r.widget)),
      pageBytes: total(requests),
      quiet: network.idleMs() >= QUIET_MS,
      waitedMs: Math.round(performance.now() - started),
      widgetStarted: ready !== null,
    };
  } finally {
    await context.close();
  }
}

/** Waits (at most timeoutMs) until the page's probe has `count` opens with `key` set; resolves their list. */
async function opens(page, count, key, timeoutMs) {
  await page.waitForFunction(({ count, key }) => {
    const list = window.__pageCost.opens;
    return list.length >= count && list.slice(0, count).every((o) => o[key] !== null);
  }, { count, key }, { timeout: timeoutMs });
  return page.evaluate(() => window.__pageCost.opens);
}

/** b. Click to panel shown, the widget's module loaded, `clicks` times after one uncounted first open. */
async function clickToPanel(browser, desk, clicks) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(`${desk.url}${PAGE}`, { waitUntil: 'load', timeout: 60_000 });
    await launcher(page).hover();
    await page.waitForFunction(() => window.__pageCost.ready !== null, null, { timeout: 60_000 });
    const panelHidden = () => page.waitForFunction(
      () => document.querySelector('signpost-widget').shadowRoot.querySelector('.sp-panel').hidden, null, { timeout: 10_000 });
    for (let i = 0; i <= clicks; i++) {
      await launcher(page).click({ timeout: 10_000 });
      await opens(page, i + 1, 'shown', 10_000);
      await page.keyboard.press('Escape'); // focus is in the panel once it shows
      await panelHidden();
      await sleep(200); // past the panel's 160 ms opening animation, so each click starts from rest
    }
    if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);
    const [first, ...rest] = (await page.evaluate(() => window.__pageCost.opens)).map((o) => o.shown - o.click);
    const sorted = rest.sort((a, b) => a - b);
    return { firstMs: first, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1), clicks: sorted.length };
  } finally {
    await context.close();
  }
}

/** b2. Click on "Why am I seeing this?" to its reasons shown, `runs` new pages, prefetched by a hover or not. */
async function whyToExplanation(browser, desk, runs, hover) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, page, errors } = await newPage(browser);
    try {
      await page.goto(`${desk.url}/demo/order`, { waitUntil: 'load', timeout: 60_000 });
      await launcher(page).click({ timeout: 10_000 });
      const why = page.locator('signpost-widget .sp-suggestion .sp-why').first();
      await why.waitFor({ timeout: 10_000 });
      if (hover) {
        await why.hover();
        await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_why\.wasm$/.test(e.name)),
          null, { timeout: 10_000 });
      }
      times.push(await page.evaluate(() => new Promise((resolve) => {
        const root = document.querySelector('signpost-widget').shadowRoot;
        const start = performance.now();
        const frame = () => {
          if (root.querySelector('.sp-explanation:not([hidden]) .sp-explanation__reason')?.checkVisibility()) {
            resolve(performance.now() - start);
          } else requestAnimationFrame(frame);
        };
        root.querySelector('.sp-suggestion .sp-why').click();
        requestAnimationFrame(frame);
      })));
      if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);
    } finally {
      await context.close();
    }
  }
  return times;
}

/** c. A first visit on a slow phone: the cache off, the network and CPU throttled, the launcher clicked at load. */
async function coldOpen(browser, desk) {
  const { context, page, errors, cdp } = await newPage(browser);
  try {
    const network = await recordRequests(cdp, desk.url);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW.rttMs,
      downloadThroughput: (SLOW.downKbps * 1024) / 8, // bytes per second
      uploadThroughput: (SLOW.upKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
    await page.goto(`${desk.url}${PAGE}`, { waitUntil: 'load', timeout: 120_000 });
    // Playwright moves the pointer onto the launcher just before it presses, as a hand does: the widget's fetch
    // starts on that pointerenter, a few milliseconds before the click the time is counted from.
    await launcher(page).click({ timeout: 30_000 });
    const [open] = await opens(page, 1, 'interactive', 120_000);
    if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);
    return { ms: open.interactive - open.click, widgetBytes: total(network.rows().filter((r) => r.widget)) };
  } finally {
    await context.close();
  }
}

/**
 * A proxy of the desk on a free port: everything passes through unchanged, except PAGE?widget=none, which is
 * the page without the loader's script tag (an error if the page does not have exactly one).
 */
async function startProxy(deskUrl) {
  const desk = new URL(deskUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, deskUrl);
    const strip = url.pathname === PAGE && url.searchParams.get('widget') === 'none';
    // A connection per request: a kept-alive one that the desk closes while idle (between Lighthouse runs) would
    // fail the next request that picks it up.
    const headers = { ...req.headers, host: desk.host, connection: 'close' };
    if (strip) headers['accept-encoding'] = 'identity'; // the tag is cut from plain text
    const upstream = http.request({ hostname: desk.hostname, port: desk.port, method: req.method, path: req.url, headers, agent: false }, (up) => {
      if (!strip) {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
        return;
      }
      const chunks = [];
      up.on('data', (chunk) => chunks.push(chunk));
      up.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8');
        const tags = html.match(LOADER_TAG)?.length ?? 0;
        if (tags !== 1) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`page-cost proxy: ${PAGE} has ${tags} loader script tags, expected 1`);
          return;
        }
        const body = html.replace(LOADER_TAG, '');
        const { 'content-length': _length, ...kept } = up.headers;
        res.writeHead(up.statusCode, { ...kept, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    upstream.on('error', (err) => {
      console.error(`page-cost proxy: ${req.method} ${req.url}: ${err.message}`);
      res.destroy(err);
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections(); // event streams never end by themselves
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One Lighthouse run of `url`; resolves the three figures from its JSON report. */
async function lighthouse(url, out, preset) {
  const args = [
    url, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`, '--no-enable-error-reporting',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []), // mobile is Lighthouse's default
  ];
  await run(LIGHTHOUSE, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000, maxBuffer: 64 << 20 })
    .catch((err) => { throw new Error(`lighthouse ${url} failed:\n${err.stderr || err.message}`); });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const value = (audit) => report.audits[audit].numericValue;
  return {
    version: report.lighthouseVersion,
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    bytes: value('total-byte-weight'),
    warnings: report.runWarnings,
  };
}

/** d. The page with and without the widget, `runs` Lighthouse runs each, interleaved. */
async function lighthouseSideBySide(desk, runs, preset, progress) {
  if (!existsSync(LIGHTHOUSE)) throw new Error(`no Lighthouse at ${LIGHTHOUSE}: npm ci --prefix scripts/bench/lighthouse (scripts/bench.sh runs it)`);
  const proxy = await startProxy(desk.url);
  const out = mkdtempSync(join(tmpdir(), 'signpost-lighthouse-'));
  try {
    const pages = { with: `${proxy.url}${PAGE}`, without: `${proxy.url}${PAGE}?widget=none` };
    const page = await get(pages.without);
    if (page.status !== 200 || page.body.includes('/widget/loader.js')) throw new Error(`the page without the widget is wrong (${page.status}): ${page.body.slice(0, 200)}`);
    const results = { with: [], without: [] };
    for (let i = 0; i < runs; i++) {
      for (const variant of ['with', 'without']) {
        progress(`lighthouse ${preset}, page ${variant} the widget, run ${i + 1} of ${runs}`);
        const file = join(out, `${variant}-${i}.json`);
        // One retry: on a busy machine a run now and then fails to load the page at all.
        results[variant].push(await lighthouse(pages[variant], file, preset).catch((err) => {
          progress(`${err.message.trim()}\n  trying once more`);
          return lighthouse(pages[variant], file, preset);
        }));
      }
    }
    const medians = (list) => ({
      tbtMs: median(list.map((r) => r.tbtMs)),
      cls: median(list.map((r) => r.cls)),
      bytes: median(list.map((r) => r.bytes)),
    });
    return {
      version: results.with[0].version,
      preset,
      runs,
      with: medians(results.with),
      without: medians(results.without),
      warnings: [...new Set(Object.values(results).flat().flatMap((r) => r.warnings))],
      all: results,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await proxy.close();
  }
}

function report(out, { chromiumVersion, bytes, clicks, why, cold, lighthouse: lh }, opts) {
  const n = (value) => Math.round(value).toLocaleString('en-US');
  const ms = (value) => `${value.toFixed(0)} ms`;
  const row = (label, value) => out(`  ${label.padEnd(58)} ${value}`);
  out(`Page cost of the widget on ${PAGE} (content/), headless Chromium ${chromiumVersion}`);
  out(`a. bytes loaded with nobody opening the widget (CDP encodedDataLength: headers + body as received)${bytes.quiet ? '' : `; the network was still busy after ${QUIET_LIMIT_MS / 1000} s`}`);
  out(`   the widget ${bytes.widgetStarted ? 'STARTED' : 'did not start'} without interaction; waited ${(bytes.waitedMs / 1000).toFixed(1)} s, the last ${QUIET_MS / 1000} s without network activity`);
  for (const r of bytes.requests) {
    const notes = [r.encoding, r.open && 'still open, so far', r.failed && `failed: ${r.failed}`].filter(Boolean).join(', ');
    row(`${r.widget ? '*' : ' '} ${r.url.length > 55 ? `${r.url.slice(0, 54)}…` : r.url}`, `${n(r.bytes).padStart(9)} B${notes ? `  ${notes}` : ''}`);
  }
  row('* the desk\'s /widget/ and /v1/, total', `${n(bytes.widgetBytes).padStart(9)} B`);
  row('  the whole page, total', `${n(bytes.pageBytes).padStart(9)} B`);
  out(`b. click to panel shown, module loaded (${clicks.clicks} clicks; click event to the first frame after)`);
  row('p50 / p95 / max', `${ms(clicks.p50Ms)} / ${ms(clicks.p95Ms)} / ${ms(clicks.maxMs)}`);
  row('the first open after the load (not in the above)', ms(clicks.firstMs));
  out('b2. "Why am I seeing this?" click to its reasons shown (/demo/order, the first suggestion; new page each run)');
  const spread = (times) => `median ${ms(median(times))}, max ${ms(Math.max(...times))} (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`;
  row('after a hover, which fetches its module', spread(why.hovered));
  row('clicked with nothing before it (module fetched on the click)', spread(why.cold));
  out(`c. cold first open: cache off, ${SLOW.rttMs} ms RTT, ${SLOW.downKbps / 1024} Mbit/s down, ${SLOW.upKbps} kbit/s up (Lighthouse's mobile figures), CPU ${SLOW.cpu}x slower`);
  row(`click at load to panel with search box, median of ${cold.length}`, `${ms(median(cold.map((r) => r.ms)))} (runs: ${cold.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
  row('* desk /widget/ and /v1/ bytes by then (loader included)', `${n(median(cold.map((r) => r.widgetBytes))).padStart(9)} B`);
  out(`d. Lighthouse ${lh.version}, ${lh.preset} preset${lh.preset === 'mobile' ? ' (the default; simulated throttling)' : ''}, performance only, interleaved runs (${lh.runs} of each page), medians`);
  out(`  ${''.padEnd(34)} ${'with widget'.padStart(13)} ${'without'.padStart(13)} ${'added'.padStart(13)}`);
  const line = (label, key, format) => out(`  ${label.padEnd(34)} ${format(lh.with[key]).padStart(13)} ${format(lh.without[key]).padStart(13)} ${format(lh.with[key] - lh.without[key], true).padStart(13)}`);
  const sign = (value, signed) => (signed && value >= 0 ? '+' : '');
  line('Total Blocking Time', 'tbtMs', (v, signed) => `${sign(v, signed)}${v.toFixed(0)} ms`);
  line('Cumulative Layout Shift', 'cls', (v, signed) => `${sign(v, signed)}${v.toFixed(3)}`);
  line('total byte weight', 'bytes', (v, signed) => `${sign(v, signed)}${n(v)} B`);
  const tbt = (variant) => lh.all[variant].map((r) => r.tbtMs.toFixed(0)).join(', ');
  out(`  TBT of each run: with ${tbt('with')} ms; without ${tbt('without')} ms`);
  for (const warning of lh.warnings) out(`  Lighthouse warned: ${warning}`);
  out('  beside it, other widgets\' script time per page across real sites (HTTP Archive crawl, Third Party Web 0.30.0; not TBT):');
  out(`  ${Object.entries(HTTP_ARCHIVE_MS).map(([name, value]) => `${name} ${n(value)} ms`).join(', ')}`);
  if (opts.json) console.log(JSON.stringify({ page: PAGE, chromiumVersion, bytes, clickToPanel: clicks, whyToExplanationMs: why, coldOpen: cold, slow: SLOW, lighthouse: lh, httpArchiveMainThreadMs: HTTP_ARCHIVE_MS }, null, 2));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const timer = setTimeout(() => {
    console.error(`page-cost: still running after ${opts.timeout} s, giving up`);
    process.exit(1); // the exit hook of desk.mjs kills the desk; Chromium goes with its pipe
  }, opts.timeout * 1000);
  timer.unref();
  const out = opts.json ? console.error : console.log;
  const progress = (what) => console.error(`page-cost: ${what}`);

  let desk;
  let browser;
  try {
    desk = await startDesk({ content: join(ROOT, 'content') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
    progress('bytes of a page view');
    const bytes = await pageBytes(browser, desk);
    progress(`click to panel, ${opts.clicks} clicks`);
    const clicks = await clickToPanel(browser, desk, opts.clicks);
    progress('"Why am I seeing this?" click to reasons');
    const why = {
      hovered: await whyToExplanation(browser, desk, 5, true),
      cold: await whyToExplanation(browser, desk, 5, false),
    };
    const cold = [];
    for (let i = 0; i < opts.coldRuns; i++) {
      progress(`cold first open, run ${i + 1} of ${opts.coldRuns}`);
      cold.push(await coldOpen(browser, desk));
    }
    const chromiumVersion = browser.version();
    await browser.close(); // Lighthouse starts its own
    browser = null;
    const lh = await lighthouseSideBySide(desk, opts.lighthouseRuns, opts.preset, progress);
    report(out, { chromiumVersion, bytes, clicks, why, cold, lighthouse: lh }, opts);
  } finally {
    await browser?.close().catch(() => {});
    await desk?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`page-cost: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
