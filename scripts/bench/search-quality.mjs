// Search-quality benchmark: judged queries against a help-center corpus, scored as hit@1 (the first result is
// relevant) and MRR@10 (1 / rank of the first relevant result in the top 10, else 0), averaged over queries.
//
//   node scripts/bench/search-quality.mjs --corpus arduino|marketly [--language en|es|ar|…] [--queries path]
//                                         [--json] [--misses]
//
// Always evaluates MiniSearch as the reference baseline (fields title + text, prefix, fuzzy 0.2, title boost 2).
// If env DESK is set (e.g. http://127.0.0.1:8080), also evaluates the desk's GET /v1/search?q=...&limit=10 for the
// same queries; the desk must have been started with the same corpus.
//
//   --language xx   the queries' language (default en): the desk is asked with locale=xx, and the corpus (for
//                   MiniSearch and the id check) is the articles in xx plus the English ones not translated
//
//   --queries path  query set, JSON array of { "q", "relevant": [ids, best first] } (default
//                   queries/<corpus>.json, or queries/<corpus>-<language>.json in another language)
//   --json          also emit a machine-readable object on stdout (the human-readable report then goes to stderr)
//   --misses        list the queries whose first result is not relevant, with what came back (the desk's when
//                   DESK is set, MiniSearch's otherwise)
//
// Exits non-zero on errors only (bad arguments, unreadable corpus or queries, unknown ids, desk not answering),
// never because of low scores.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { CORPORA, loadCorpus } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TOP_K = 10;

function usage(message) {
  if (message) console.error(`search-quality: ${message}`);
  console.error(`usage: node scripts/bench/search-quality.mjs --corpus ${Object.keys(CORPORA).join('|')} [--language xx] [--queries path] [--json] [--misses]`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { corpus: null, language: 'en', queries: null, json: false, misses: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) usage(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--corpus': opts.corpus = value(); break;
      case '--language': opts.language = value(); break;
      case '--queries': opts.queries = value(); break;
      case '--json': opts.json = true; break;
      case '--misses': opts.misses = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.corpus) usage('--corpus is required');
  if (!CORPORA[opts.corpus]) usage(`unknown corpus "${opts.corpus}"`);
  if (!/^[a-z]{2,3}$/.test(opts.language)) usage(`--language must be a language subtag like es, not "${opts.language}"`);
  const set = opts.language === 'en' ? opts.corpus : `${opts.corpus}-${opts.language}`;
  opts.queries = opts.queries ? resolve(opts.queries) : join(here, 'queries', `${set}.json`);
  return opts;
}

function loadQueries(path, docsById) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read query set ${path}: ${err.message}`);
  }
  if (!Array.isArray(data) || data.length === 0) throw new Error(`${path}: expected a non-empty JSON array`);
  data.forEach((entry, i) => {
    if (typeof entry?.q !== 'string' || !entry.q.trim()) throw new Error(`${path}[${i}]: missing "q"`);
    if (!Array.isArray(entry.relevant) || entry.relevant.length === 0) throw new Error(`${path}[${i}] "${entry.q}": missing "relevant"`);
    entry.relevant = entry.relevant.map(String);
    const unknown = entry.relevant.filter((id) => !docsById.has(id));
    if (unknown.length) throw new Error(`${path}[${i}] "${entry.q}": ids not in the corpus: ${unknown.join(', ')}`);
  });
  return data;
}

function miniSearchEngine(docs) {
  const index = new MiniSearch({
    fields: ['title', 'text'],
    storeFields: ['title'],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
  });
  index.addAll(docs.map(({ id, title, text }) => ({ id, title, text })));
  return async (q) => index.search(q).slice(0, TOP_K).map((r) => ({ id: String(r.id), title: r.title }));
}

function deskEngine(base, language) {
  const root = base.replace(/\/+$/, '');
  const locale = language === 'en' ? '' : `&locale=${language}`;
  return async (q) => {
    const url = `${root}/v1/search?q=${encodeURIComponent(q)}&limit=${TOP_K}${locale}`;
    let res;
    try {
      res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15000) });
    } catch (err) {
      throw new Error(`desk request failed (${url}): ${err.cause?.message ?? err.message}`);
    }
    const body = await res.text();
    if (!res.ok) throw new Error(`desk answered ${res.status} for ${url}: ${body.slice(0, 200)}`);
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(`desk answered non-JSON for ${url}: ${body.slice(0, 200)}`);
    }
    if (!Array.isArray(json?.results)) throw new Error(`desk answer has no "results" array for ${url}`);
    return json.results.slice(0, TOP_K).map((r) => ({ id: String(r.id), title: r.title ?? '' }));
  };
}

async function evaluate(search, queries) {
  const perQuery = [];
  for (const { q, relevant } of queries) {
    const results = await search(q);
    const wanted = new Set(relevant);
    const index = results.findIndex((r) => wanted.has(r.id));
    perQuery.push({ q, relevant, rank: index < 0 ? null : index + 1, results });
  }
  const n = perQuery.length;
  return {
    hit1: perQuery.filter((p) => p.rank === 1).length / n,
    mrr10: perQuery.reduce((sum, p) => sum + (p.rank ? 1 / p.rank : 0), 0) / n,
    perQuery,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const docs = loadCorpus(opts.corpus, { language: opts.language });
  const docsById = new Map(docs.map((d) => [d.id, d]));
  const queries = loadQueries(opts.queries, docsById);

  const engines = [['minisearch', miniSearchEngine(docs)]];
  const desk = process.env.DESK?.trim();
  if (desk) engines.push(['signpost', deskEngine(desk, opts.language)]);

  const scores = {};
  for (const [name, search] of engines) scores[name] = await evaluate(search, queries);

  // Human-readable report; on stderr when --json owns stdout.
  const out = opts.json ? console.error : console.log;
  out(`corpus ${opts.corpus} (${opts.language}, ${docs.length} articles), ${queries.length} queries over ${new Set(queries.map((q) => q.relevant[0])).size} target articles`);
  out(`${'engine'.padEnd(12)} ${'hit@1'.padEnd(7)} MRR@10`);
  for (const [name] of engines) {
    out(`${name.padEnd(12)} ${scores[name].hit1.toFixed(3).padEnd(7)} ${scores[name].mrr10.toFixed(3)}`);
  }

  if (scores.signpost) {
    const foreign = new Set(scores.signpost.perQuery.flatMap((p) => p.results.map((r) => r.id)).filter((id) => !docsById.has(id)));
    if (foreign.size) {
      console.error(`warning: the desk returned ${foreign.size} ids that are not in the ${opts.corpus} corpus ` +
        `(e.g. ${[...foreign].slice(0, 3).join(', ')}); was it started with this corpus?`);
    }
  }

  const missEngine = desk ? 'signpost' : 'minisearch';
  const misses = scores[missEngine].perQuery.filter((p) => p.rank !== 1);
  if (opts.misses) {
    const title = (id) => docsById.get(id)?.title ?? '(not in corpus)';
    out('');
    out(`${missEngine}: first result not relevant for ${misses.length} of ${queries.length} queries`);
    for (const p of misses) {
      out(`- "${p.q}"  (first relevant at ${p.rank ? `rank ${p.rank}` : `none in top ${TOP_K}`})`);
      out(`    want ${p.relevant[0]}  ${title(p.relevant[0])}${p.relevant.length > 1 ? `  (+${p.relevant.length - 1} more)` : ''}`);
      if (p.results.length === 0) out('    got  no results');
      p.results.slice(0, 3).forEach((r, i) => out(`    ${i === 0 ? 'got ' : '    '} ${r.id}  ${r.title || title(r.id)}`));
    }
  }

  if (opts.json) {
    const result = {
      corpus: opts.corpus,
      language: opts.language,
      queriesFile: opts.queries,
      queries: queries.length,
      documents: docs.length,
      desk: desk || null,
      engines: Object.fromEntries(
        Object.entries(scores).map(([name, s]) => [name, {
          hit1: s.hit1,
          mrr10: s.mrr10,
          perQuery: s.perQuery.map((p) => ({ q: p.q, rank: p.rank, top: p.results.map((r) => r.id) })),
        }]),
      ),
    };
    console.log(JSON.stringify(result, null, 2));
  }
}

main().catch((err) => {
  console.error(`search-quality: ${err.message}`);
  process.exit(1);
});
