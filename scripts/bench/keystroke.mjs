// Keystroke to results on screen, as a user of the widget sees it: starts the release desk with the sample help
// center (content/), opens /demo/checkout in headless Chromium, opens the widget, focuses its search box, and
// types ~20 queries one character at a time (80–115 ms between keys, a quick typist). For each query it measures
// from the keydown of the last character to the first animation frame after the results list for the whole
// query is in the DOM (the keydown comes before the input event the widget acts on, so this is the stricter
// measure). The widget asks the desk at every keystroke and aborts the request that keystroke makes stale; the
// figure is printed as measured, with the phases beside it.
//
//   node scripts/bench/keystroke.mjs [--queries N] [--rounds R] [--json] [--timeout SECONDS]
//
// The queries are the first N (default 20) of queries/marketly.json, which are written for content/. Between
// queries Escape clears the box. All timestamps are performance.now() in the page: a capturing keydown listener
// on window, a MutationObserver on the widget's shadow root that notes each change of what the results area
// shows, and requestAnimationFrame after that change; the phases come from the Resource Timing entry of the
// widget's request for the full query.
//
// Stops by itself (--timeout, default 300 s); the browser and the desk are closed at the end and on errors.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ROOT, startDesk } from './desk.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(`keystroke: ${message}`);
  console.error('usage: node scripts/bench/keystroke.mjs [--queries N] [--rounds R] [--json] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { queries: 20, rounds: 1, json: false, timeout: 300 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? usage(`${argv[i - 1]} needs a value`);
    switch (argv[i]) {
      case '--queries': opts.queries = Number(value()); break;
      case '--rounds': opts.rounds = Number(value()); break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '--json': opts.json = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(opts.queries) || opts.queries < 1) usage('--queries must be a positive integer');
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) usage('--rounds must be a positive integer');
  if (!(opts.timeout > 0)) usage('--timeout must be positive');
  return opts;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

// A small seeded generator for the gaps between keys, so runs type alike.
function gaps(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return 80 + Math.floor((state / 4294967296) * 36); // 80–115 ms
  };
}

// Runs in the page: records keydowns and each change of what the results area shows.
function instrument() {
  const root = document.querySelector('signpost-widget').shadowRoot;
  const probe = { lastKeydown: 0, renders: [] };
  window.__keystroke = probe;
  performance.setResourceTimingBufferSize(5000);
  window.addEventListener('keydown', () => { probe.lastKeydown = performance.now(); }, true);
  const shown = () => {
    const list = root.querySelector('[role="listbox"][aria-label="Search results"]');
    const empty = root.querySelector('.sp-search__empty');
    if (empty) return `empty:${empty.textContent.trim()}`;
    if (!list || list.hidden) return 'none';
    return `list:${[...list.querySelectorAll('[role="option"] .sp-result__title')].map((el) => el.textContent.trim()).join('\n')}`;
  };
  let last = shown();
  new MutationObserver(() => {
    const now = performance.now();
    const state = shown();
    if (state === last) return;
    last = state;
    const entry = { at: now, state, frame: null };
    probe.renders.push(entry);
    requestAnimationFrame(() => { entry.frame = performance.now(); });
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function typeQuery(page, box, text, nextGap, responses) {
  const final = text.trim();
  const wanted = page.waitForResponse((res) => {
    const url = new URL(res.url());
    return url.pathname === '/v1/search' && url.searchParams.get('q') === final;
  }, { timeout: 10_000 });
  wanted.catch(() => {}); // awaited below; avoid an unhandled rejection if typing fails first
  await page.evaluate(() => { window.__keystroke.renders = []; });
  const before = responses.count;
  for (const ch of text) {
    const t0 = Date.now();
    await page.keyboard.type(ch);
    await sleep(Math.max(0, nextGap() - (Date.now() - t0)));
  }
  const response = await wanted;
  const body = await response.json();
  const expected = body.results.length
    ? `list:${body.results.map((r) => r.title.trim()).join('\n')}`
    : null; // the "No articles found" line
  // Let the answer render and a frame pass.
  const deadline = Date.now() + 5_000;
  for (;;) {
    const probe = await page.evaluate(() => ({ lastKeydown: window.__keystroke.lastKeydown, renders: window.__keystroke.renders }));
    const render = probe.renders.find((r) => r.at >= probe.lastKeydown &&
      (expected ? r.state === expected : r.state.startsWith('empty:')) && r.frame !== null);
    if (render || Date.now() > deadline) {
      const timing = await page.evaluate(({ final, after }) => {
        const entry = performance.getEntriesByType('resource').find((e) => {
          if (e.startTime < after) return false;
          const url = new URL(e.name);
          return url.pathname === '/v1/search' && url.searchParams.get('q') === final;
        });
        return entry ? { start: entry.startTime, end: entry.responseEnd } : null;
      }, { final, after: probe.lastKeydown });
      await box.press('Escape'); // clears the search for the next query
      await page.waitForFunction(() => {
        const root = document.querySelector('signpost-widget').shadowRoot;
        return root.querySelector('[role="listbox"]').hidden && !root.querySelector('.sp-search__empty');
      });
      return {
        q: text,
        hits: body.results.length,
        requests: responses.count - before,
        total: render ? render.frame - probe.lastKeydown : null,
        wait: render && timing ? timing.start - probe.lastKeydown : null,
        fetch: render && timing ? timing.end - timing.start : null,
        paint: render && timing ? render.frame - timing.end : null,
        intermediate: probe.renders.some((r) => r.state !== 'none' && r !== render && (!render || r.at < render.at)),
      };
    }
    await sleep(50);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const timer = setTimeout(() => {
    console.error(`keystroke: still running after ${opts.timeout} s, giving up`);
    process.exit(1); // the exit hook of desk.mjs kills the desk; Chromium goes with its pipe
  }, opts.timeout * 1000);
  timer.unref();

  const all = JSON.parse(readFileSync(join(here, 'queries', 'marketly.json'), 'utf8')).map((entry) => entry.q);
  const queries = all.slice(0, opts.queries);
  const out = opts.json ? console.error : console.log;

  let desk;
  let browser;
  try {
    desk = await startDesk({ content: join(ROOT, 'content') });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err));
    const responses = { count: 0 };
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/v1/search') responses.count++;
    });

    await page.goto(`${desk.url}/demo/checkout`, { waitUntil: 'load' });
    // The widget loads when the user reaches for the launcher.
    await page.locator('signpost-widget .sp-launcher').hover();
    await page.locator('signpost-widget .sp-panel').waitFor({ state: 'attached', timeout: 15_000 }); // wasm ran
    await page.getByRole('button', { name: 'Help', exact: true }).click();
    await page.getByRole('dialog', { name: 'Help' }).waitFor({ state: 'visible' });
    const box = page.getByRole('combobox', { name: 'Search help articles' });
    await box.click();
    await page.evaluate(instrument);

    const nextGap = gaps(20261123);
    await typeQuery(page, box, 'refund', nextGap, responses); // warm-up: first request, first render
    const rows = [];
    for (let round = 0; round < opts.rounds; round++) {
      for (const q of queries) rows.push(await typeQuery(page, box, q, nextGap, responses));
    }
    if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);

    const measured = rows.filter((r) => r.total !== null);
    const sorted = (key) => measured.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
    const f = (ms) => (ms === undefined ? '     -' : ms.toFixed(1).padStart(6));
    out(`Keystroke to results painted, widget on /demo/checkout, content/, headless Chromium, ${measured.length} queries typed at 80–115 ms per key`);
    out('from the keydown of the last character to the first animation frame after that query\'s results are in the DOM;');
    out('the widget asks at every keystroke (no debounce) and aborts the request each keystroke makes stale');
    out(`${'phase'.padEnd(38)}    p50    p95    max`);
    const line = (label, key) => {
      const v = sorted(key);
      out(`${label.padEnd(38)} ${f(percentile(v, 50))} ${f(percentile(v, 95))} ${f(v.at(-1))}`);
    };
    line('keystroke -> results painted (total)', 'total');
    line('  keystroke -> request sent', 'wait');
    line('  request -> response (desk + network)', 'fetch');
    line('  response -> frame (wasm render)', 'paint');
    const missed = rows.length - measured.length;
    const intermediate = rows.filter((r) => r.intermediate).length;
    if (missed) out(`${missed} ${missed === 1 ? "query" : "queries"} not measured (their results looked the same as what was already shown)`);
    if (intermediate) out(`${intermediate} ${intermediate === 1 ? "query" : "queries"} showed results for a prefix first (its answer came before the next key)`);
    out(`per query (ms): ${measured.map((r) => `${r.q} ${r.total.toFixed(0)}`).join(' · ')}`);
    if (opts.json) console.log(JSON.stringify({ rows }, null, 2));
  } finally {
    await browser?.close().catch(() => {});
    await desk?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`keystroke: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
