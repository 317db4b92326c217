#!/usr/bin/env node
// Checks the desk's shape (issue 10): axum only in the routes files, app.rs and state.rs; no import
// cycle among the desk's source files; no source file over 500 lines before its tests. Exits 1 naming each
// breach. `node scripts/desk-layers.mjs [SRC] [--graph]`: `--graph` also prints who imports whom.
//
// An import is any `crate::…`, `super::…` or child-module (`store::…`) path in a file's code outside its tests
// (in `use` lines or inline), resolved to the file of the longest module path it names; `crate::with_pool!` is
// the macro of `db.rs`. Declaring a module (`mod store;`) is not an import.

import fs from 'node:fs';
import path from 'node:path';

// The desk's `src` folder, or another checkout's given as the first argument.
const SRC =
  process.argv.slice(2).find((arg) => !arg.startsWith('--')) ??
  path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'crates', 'desk', 'src');
const MAX_LINES = 500;
const AXUM_ALLOWED = (module) =>
  module === 'app' || module === 'state' || module === 'routes' || module.startsWith('routes::');
const MACROS = { with_pool: 'db' };

/** Every `.rs` file under `dir`, as paths relative to SRC. */
function sources(dir = SRC) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.rs') ? [path.relative(SRC, full)] : [];
  });
}

/** `tickets/store.rs` → `tickets::store`; `tickets/mod.rs` → `tickets`; `lib.rs` → `` (the crate root). */
function moduleOf(file) {
  const parts = file.replace(/\.rs$/, '').split(path.sep);
  if (parts.at(-1) === 'mod' || parts.at(-1) === 'lib') parts.pop();
  return parts.join('::');
}

/** The code without comments (line comments, doc comments, block comments) and string literals. */
function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/r#"[\s\S]*?"#/g, '""')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\/\/.*$/gm, '');
}

/** The module paths `text` (a file's code outside its tests) refers to, absolute (`tickets::store::Row`). */
function references(text, self) {
  const found = [];
  const parent = self.split('::').slice(0, -1).join('::');
  // `crate::a::b`, `crate::{a, b::c}`, `super::a`, `super::{a, b}`.
  for (const match of text.matchAll(/\b(crate|super)::(\{[^}]*\}|[\w:]+)/g)) {
    const base = match[1] === 'crate' ? '' : parent;
    const tails = match[2].startsWith('{')
      ? match[2].slice(1, -1).split(',').map((t) => t.trim()).filter(Boolean)
      : [match[2]];
    for (const tail of tails) {
      const segments = tail.split('::').filter((s) => s && s !== 'self' && s !== '*' && !s.startsWith('{'));
      found.push([...(base ? base.split('::') : []), ...segments].join('::'));
    }
  }
  // A child module by its own name (`mod store;` … `store::by_number`), or as `self::store`.
  for (const [, child] of text.matchAll(/\bmod\s+(\w+)\s*;/g)) {
    const uses = new RegExp(`(?<![\\w:])(?:self::)?${child}::`);
    if (uses.test(text)) found.push(self ? `${self}::${child}` : child);
  }
  return found;
}

const files = sources().filter((file) => file !== 'main.rs');
const modules = new Map(files.map((file) => [moduleOf(file), file]));
const problems = [];
const edges = new Map(files.map((file) => [file, new Set()]));

for (const file of files) {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const self = moduleOf(file);
  const body = code(text);

  if (/\baxum\b/.test(body) && !AXUM_ALLOWED(self)) problems.push(`${file} imports axum`);

  const beforeTests = text.split(/^#\[cfg\(test\)\]/m)[0];
  const lines = beforeTests.split('\n').length;
  if (lines > MAX_LINES) problems.push(`${file} has ${lines} lines before its tests (at most ${MAX_LINES})`);

  // Inline test modules are left out: their `super` is the file itself, and tests are not layers.
  const outsideTests = code(beforeTests);
  const direct = references(outsideTests, self);
  // A module brought in by name (`use crate::routes;`, `use crate::tickets::{self, …}`), then used by it.
  const viaAlias = direct
    .filter((reference) => modules.has(reference) && reference !== self)
    .flatMap((module) => {
      const alias = module.split('::').at(-1);
      return [...outsideTests.matchAll(new RegExp(`(?<![\\w:])${alias}::([\\w:]+)`, 'g'))].map(
        (match) => `${module}::${match[1]}`,
      );
    });
  for (const reference of [...direct, ...viaAlias]) {
    const segments = reference.split('::').filter(Boolean);
    let target;
    if (segments.length === 1 && MACROS[segments[0]]) target = MACROS[segments[0]];
    for (let n = segments.length; n > 0 && target === undefined; n--) {
      const candidate = segments.slice(0, n).join('::');
      if (modules.has(candidate)) target = candidate;
    }
    if (target === undefined || target === self || target === '') continue;
    edges.get(file).add(modules.get(target));
  }
}

// Tarjan's strongly connected components: any with more than one file is an import cycle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
function visit(file) {
  order.set(file, index);
  low.set(file, index++);
  stack.push(file);
  onStack.add(file);
  for (const next of edges.get(file)) {
    if (!order.has(next)) {
      visit(next);
      low.set(file, Math.min(low.get(file), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(file, Math.min(low.get(file), order.get(next)));
    }
  }
  if (low.get(file) === order.get(file)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) problems.push(`import cycle among ${component.sort().join(', ')}`);
  }
}
for (const file of files) if (!order.has(file)) visit(file);

if (process.argv.includes('--graph')) {
  for (const [file, targets] of [...edges].sort()) console.log(`${file} -> ${[...targets].sort().join(', ')}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`desk layers: ${files.length} files, no import cycle, axum only in routes/, app.rs and state.rs`);
