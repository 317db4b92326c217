// Search latency of the desk as a client sees it: for each corpus, starts the release desk with it, sends warm-up
// queries, then N queries one after the other (each waits for the previous answer) to GET /v1/search?limit=10
// over one keep-alive connection, and prints p50/p90/p99/max of the round trip (request sent to body read) and
// the desk's start-up time (spawn to /healthz answering 200). Then the same for N/5 nonsense queries of 199
// characters (random groups of the letters the corpus's queries use: no word matches, every one is a typo
// candidate), the worst a query may cost, with their p50 as a multiple of the ordinary queries' p50.
//
//   node scripts/bench/search-latency.mjs [--corpus arduino|20k|es|ar|all] [--n 500] [--warmup 50] [--json]
//                                         [--timeout SECONDS]
//
//   arduino  ../shared/data/help-center-arduino (env ARDUINO_CORPUS), the queries of queries/arduino.json in
//            order, over and over until N
//   20k      the synthetic 20,000-article help center of generate-corpus.mjs (generated first if missing, in
//            env BENCH_CORPUS_20K or ~/.cache/signpost-bench/corpus-20k); N generated 1–3 word queries, some
//            cut to a prefix, some with a typo
//   es, ar   the sample help center (content/), the queries of queries/marketly-<language>.json asked with
//            locale=<language> (the language's articles, then the untranslated English ones), over and over
//
// Stops by itself: each request times out after 10 s and the whole run after --timeout (default 900 s). The desk
// is stopped at the end, on errors and on Ctrl-C. Exits non-zero if any request fails or answers other than 200.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPORA } from './corpus.mjs';
import { DEFAULT_DIR, ensureCorpus, sampleQueries } from './generate-corpus.mjs';
import { get, startDesk } from './desk.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(`search-latency: ${message}`);
  console.error('usage: node scripts/bench/search-latency.mjs [--corpus arduino|20k|es|ar|all] [--n 500] [--warmup 50] [--json] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { corpus: 'all', n: 500, warmup: 50, json: false, timeout: 900 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? usage(`${argv[i - 1]} needs a value`);
    switch (argv[i]) {
      case '--corpus': opts.corpus = value(); break;
      case '--n': opts.n = Number(value()); break;
      case '--warmup': opts.warmup = Number(value()); break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '--json': opts.json = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!['arduino', '20k', 'es', 'ar', 'all'].includes(opts.corpus)) usage(`unknown corpus "${opts.corpus}"`);
  if (!Number.isInteger(opts.n) || opts.n < 1) usage('--n must be a positive integer');
  if (!Number.isInteger(opts.warmup) || opts.warmup < 0) usage('--warmup must be a whole number');
  if (!(opts.timeout > 0)) usage('--timeout must be positive');
  return opts;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const cycle = (list, n) => Array.from({ length: n }, (_, i) => list[i % list.length]);

/** `n` queries of 199 characters made of random groups of 3–9 letters from `queries` (seeded, repeatable). */
export function nonsenseQueries(n, queries, seed = 1) {
  const letters = [...new Set([...queries.join('')].filter((c) => /\p{L}/u.test(c)))].sort();
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    let q = '';
    while (q.length < 199) {
      const length = 3 + Math.floor(next() * 7);
      q += `${Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join('')} `;
    }
    return [...q].slice(0, 199).join('');
  });
}

function corpora(opts) {
  const out = [];
  const wanted = (name) => opts.corpus === 'all' || opts.corpus === name;
  if (wanted('arduino')) {
    const judged = JSON.parse(readFileSync(join(here, 'queries', 'arduino.json'), 'utf8')).map((entry) => entry.q);
    out.push({
      name: 'arduino',
      content: () => ({ dir: CORPORA.arduino() }),
      warmup: cycle([...judged].reverse(), opts.warmup),
      queries: cycle(judged, opts.n),
    });
  }
  if (wanted('20k')) {
    out.push({
      name: '20k',
      content: () => ensureCorpus({ dir: process.env.BENCH_CORPUS_20K || DEFAULT_DIR }),
      // Different seeds: the warm-up does not pre-run the measured queries.
      warmup: sampleQueries(opts.warmup, 'warmup'),
      queries: sampleQueries(opts.n),
    });
  }
  for (const language of ['es', 'ar']) {
    if (!wanted(language)) continue;
    const judged = JSON.parse(readFileSync(join(here, 'queries', `marketly-${language}.json`), 'utf8')).map((entry) => entry.q);
    out.push({
      name: language,
      locale: language,
      content: () => ({ dir: CORPORA.marketly() }),
      warmup: cycle([...judged].reverse(), opts.warmup),
      queries: cycle(judged, opts.n),
    });
  }
  return out;
}

async function measure(corpus) {
  const prepared = performance.now();
  const content = corpus.content();
  if (content.generated) console.error(`  generated the 20k corpus in ${(content.ms / 1000).toFixed(1)} s`);
  const desk = await startDesk({ content: content.dir });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const search = async (q) => {
      const t0 = performance.now();
      const locale = corpus.locale ? `&locale=${corpus.locale}` : '';
      const res = await get(`${desk.url}/v1/search?q=${encodeURIComponent(q)}&limit=10${locale}`, { agent, timeoutMs: 10_000 });
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`desk answered ${res.status} for "${q}": ${res.body.slice(0, 200)}`);
      return { ms, hits: JSON.parse(res.body).results.length };
    };
    for (const q of corpus.warmup) await search(q);
    const times = [];
    let hits = 0;
    let empty = 0;
    const started = performance.now();
    for (const q of corpus.queries) {
      const r = await search(q);
      times.push(r.ms);
      hits += r.hits;
      if (r.hits === 0) empty++;
    }
    const wall = performance.now() - started;
    times.sort((a, b) => a - b);
    const nonsense = [];
    for (const q of nonsenseQueries(Math.max(1, Math.round(corpus.queries.length / 5)), corpus.queries)) {
      nonsense.push((await search(q)).ms);
    }
    nonsense.sort((a, b) => a - b);
    return {
      nonsenseP50: percentile(nonsense, 50),
      nonsenseP99: percentile(nonsense, 99),
      nonsenseQueries: nonsense.length,
      corpus: corpus.name,
      content: content.dir,
      startupMs: desk.startupMs,
      queries: times.length,
      distinct: new Set(corpus.queries).size,
      meanHits: hits / times.length,
      empty,
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      p99: percentile(times, 99),
      max: times.at(-1),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      qps: times.length / (wall / 1000),
      totalSeconds: (performance.now() - prepared) / 1000,
    };
  } finally {
    agent.destroy();
    await desk.stop();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const timer = setTimeout(() => {
    console.error(`search-latency: still running after ${opts.timeout} s, giving up`);
    process.exit(1); // the exit hook of desk.mjs kills the desk
  }, opts.timeout * 1000);
  timer.unref();

  const out = opts.json ? console.error : console.log;
  out(`Search latency: GET /v1/search?limit=10, ${opts.n} sequential queries after ${opts.warmup} warm-up, one keep-alive connection, round trip in ms`);
  const results = [];
  for (const corpus of corpora(opts)) {
    console.error(`  ${corpus.name}: starting the desk...`);
    results.push(await measure(corpus));
  }
  const f = (ms) => ms.toFixed(2).padStart(8);
  out(`${'corpus'.padEnd(9)} ${'startup'.padStart(9)} ${'queries'.padStart(8)} ${'p50'.padStart(8)} ${'p90'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'mean'.padStart(8)}   hits/q  empty`);
  for (const r of results) {
    out(`${r.corpus.padEnd(9)} ${`${Math.round(r.startupMs)} ms`.padStart(9)} ${String(r.queries).padStart(8)} ${f(r.p50)} ${f(r.p90)} ${f(r.p99)} ${f(r.max)} ${f(r.mean)}   ${r.meanHits.toFixed(1).padStart(6)}  ${String(r.empty).padStart(5)}`);
  }
  for (const r of results) out(`  ${r.corpus}: ${r.distinct} distinct queries, ${r.qps.toFixed(0)} queries/s, content ${r.content}`);
  for (const r of results) {
    out(`  ${r.corpus}: ${r.nonsenseQueries} nonsense queries of 199 characters: p50 ${r.nonsenseP50.toFixed(2)} ms, p99 ${r.nonsenseP99.toFixed(2)} ms, ` +
      `p50 ${(r.nonsenseP50 / r.p50).toFixed(1)}× the ordinary queries'`);
  }
  out('startup = desk process spawned until GET /healthz answers 200 (content loaded and indexed)');
  if (opts.json) console.log(JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`search-latency: ${err.message}`);
    process.exit(1);
  },
);
