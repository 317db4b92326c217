// Reads a help-center corpus into plain documents { id, title, text } for the search-quality benchmark.
//
//   arduino   /work/shared/data/help-center-arduino (override with env ARDUINO_CORPUS): 414 Markdown articles of
//             the Arduino Help Center in nested folders; the id is the front-matter `id` (a number) as a string.
//   marketly  content/articles/*.md of this repository; the id is the front-matter `id` (a slug).
//
// In a language other than English, the corpus is what a user of that language can find: the articles
// translated into it, and the English articles that are not.
//
// `text` is the body without front matter, with Markdown and HTML markup stripped roughly (good enough for a
// baseline engine; it is not meant to match what the desk indexes).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export const CORPORA = {
  arduino: () => process.env.ARDUINO_CORPUS ?? resolve(repoRoot, '..', 'shared', 'data', 'help-center-arduino'),
  marketly: () => join(repoRoot, 'content', 'articles'),
};

function markdownFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(path));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) out.push(path);
  }
  return out.sort();
}

function unquote(value) {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

// Splits `---\nkey: value\n...\n---\nbody` into top-level scalar keys and the body. Lists and nested values are
// kept as their raw text, which is all the benchmark needs.
export function parseFrontMatter(source) {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta = {};
  for (const line of match[1].split('\n')) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]] = unquote(kv[2]);
  }
  return { meta, body: text.slice(match[0].length) };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', reg: '®', copy: '©', trade: '™' };

// Rough Markdown/HTML to text: drops tags, comments, code fences' markers, link targets, image URLs, attribute
// blocks like {#id .class}, emphasis and heading markers; keeps the words.
export function stripMarkup(body) {
  return body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? ' ';
    })
    .replace(/^```.*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/\{[#.][^}]*\}/g, ' ')
    .replace(/^\s{0,3}>\s?\[![A-Z]+\]/gm, ' ')
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(-{3,}|\*{3,}|_{3,})\s*$/gm, ' ')
    .replace(/[*_`~|]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function loadCorpus(name, { dir = CORPORA[name]?.(), language = 'en' } = {}) {
  if (!dir) throw new Error(`unknown corpus "${name}" (expected one of: ${Object.keys(CORPORA).join(', ')})`);
  const byLanguage = { [language]: new Map(), en: new Map() };
  for (const path of markdownFiles(dir)) {
    const { meta, body } = parseFrontMatter(readFileSync(path, 'utf8'));
    const id = String(meta.id ?? '').trim();
    if (!id) continue; // not an article (e.g. a licence or README)
    const docs = byLanguage[String(meta.locale ?? 'en').split('-')[0].toLowerCase()];
    if (!docs) continue; // another language
    if (docs.has(id)) throw new Error(`duplicate article id ${id} (${path})`);
    docs.set(id, { id, title: (meta.title ?? '').trim(), text: stripMarkup(body), path });
  }
  const translated = byLanguage[language];
  const docs = [...translated.values(), ...[...byLanguage.en.values()].filter((doc) => !translated.has(doc.id))];
  if (docs.length === 0) throw new Error(`no articles found in ${dir}`);
  return docs;
}
