// The largest functions and data segments of the widget's main wasm module: where the first open's bytes go.
// The shipped module has no name section, so for a build folder this optimises the named module the split step
// leaves in the target directory (<target>/wasm-split/<profile>/bindgen/<crate>_bg.wasm, scripts/build/split.mjs)
// as the build does, `wasm-opt -Oz`, plus -g, which keeps the names and changes nothing else: every other
// section is checked to be byte for byte the one in DIR/<crate>_bg.wasm (a warning says so if not, e.g. after a
// build of other sources). A .wasm argument is read as it is and must have a name section.
//
//   node scripts/bench/wasm-items.mjs [DIR | MODULE.wasm] [--top N] [--json]
//
// DIR defaults to dist; N to 10. Each item is sized raw (a function's body: locals and code, without its size
// prefix; a data segment's bytes) and brotli quality 11 on its own, which is more than its share of the
// module's brotli size. Names are demangled (legacy and, as far as is simple, v0; unreadable ones stay mangled).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { ROOT } from './desk.mjs';

const run = promisify(execFile);

function usage(message) {
  if (message) console.error(`wasm-items: ${message}`);
  console.error('usage: node scripts/bench/wasm-items.mjs [DIR | MODULE.wasm] [--top N] [--json]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { input: 'dist', top: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--top': opts.top = Number(argv[++i]); break;
      case '--json': opts.json = true; break;
      case '-h': case '--help': usage(); break;
      default:
        if (argv[i].startsWith('-')) usage(`unknown argument ${argv[i]}`);
        opts.input = argv[i];
    }
  }
  if (!Number.isInteger(opts.top) || opts.top < 1) usage('--top must be a positive integer');
  return opts;
}

// ---------------------------------------------------------------------------------------------------------------
// The module: only what sizing needs (https://webassembly.github.io/spec/core/binary/).

class Reader {
  constructor(bytes, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  byte() {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of the module');
    return this.bytes[this.pos++];
  }

  /** An unsigned LEB128 (numbers stay exact up to 2^53, far beyond any offset here). */
  u32() {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
  }

  s64() {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return b & 0x40 ? value - 2 ** (shift + 7) : value;
    }
  }

  name() {
    const length = this.u32();
    this.pos += length;
    return this.bytes.toString('utf8', this.pos - length, this.pos);
  }

  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }

  /** A constant expression: a data segment's offset, as a number when it is a constant. */
  constExpr() {
    const op = this.byte();
    let value = null;
    if (op === 0x41 || op === 0x42) value = this.s64(); // i32.const, i64.const
    else if (op === 0x23) this.u32(); // global.get
    else throw new Error(`unsupported opcode 0x${op.toString(16)} in a constant expression`);
    if (this.byte() !== 0x0b) throw new Error('unsupported constant expression');
    return value;
  }
}

/**
 * Sections as [{ id, name (custom sections), start, end }], the number of imported functions (they come first
 * in the function index space), the code bodies and data segments as byte ranges, and the names of functions
 * and data segments from the name section.
 */
function parseModule(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a wasm module');
  const wasm = { sections: [], importedFunctions: 0, bodies: [], segments: [], functionNames: new Map(), dataNames: new Map() };
  const r = new Reader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const section = { id, name: null, start: r.pos, end: r.pos + size };
    wasm.sections.push(section);
    if (id === 0) section.name = r.name();
    if (id === 2) readImports(r, wasm);
    if (id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const length = r.u32();
        wasm.bodies.push({ start: r.pos, end: r.pos + length });
        r.pos += length;
      }
    }
    if (id === 11) {
      for (let n = r.u32(); n > 0; n--) {
        const flags = r.u32();
        if (flags === 2) r.u32(); // memory index
        const address = flags === 1 ? null : r.constExpr(); // 1: passive
        const length = r.u32();
        wasm.segments.push({ start: r.pos, end: r.pos + length, address });
        r.pos += length;
      }
    }
    if (section.name === 'name') readNames(r, section.end, wasm);
    r.pos = section.end;
  }
  return wasm;
}

function readImports(r, wasm) {
  for (let n = r.u32(); n > 0; n--) {
    r.name(); // module
    r.name(); // field
    const kind = r.byte();
    if (kind === 0) { // function: its type
      r.u32();
      wasm.importedFunctions++;
    } else if (kind === 1) { // table: element type, limits
      r.byte();
      r.limits();
    } else if (kind === 2) { // memory
      r.limits();
    } else if (kind === 3) { // global: value type, mutability
      r.byte();
      r.byte();
    } else if (kind === 4) { // tag: attribute, type
      r.byte();
      r.u32();
    } else throw new Error(`unknown import kind ${kind}`);
  }
}

/** Subsection 1 names functions, 9 data segments; the others are skipped. */
function readNames(r, end, wasm) {
  while (r.pos < end) {
    const id = r.byte();
    const subsectionEnd = r.u32() + r.pos;
    const into = { 1: wasm.functionNames, 9: wasm.dataNames }[id];
    if (into) {
      for (let n = r.u32(); n > 0; n--) {
        const index = r.u32();
        into.set(index, r.name());
      }
    }
    r.pos = subsectionEnd;
  }
}

/** Whether two modules are the same but for their custom sections. */
function sameCode(a, bytesA, b, bytesB) {
  const real = (m) => m.sections.filter((s) => s.id !== 0);
  const [x, y] = [real(a), real(b)];
  return x.length === y.length && x.every((s, i) => s.id === y[i].id &&
    bytesA.subarray(s.start, s.end).equals(bytesB.subarray(y[i].start, y[i].end)));
}

// ---------------------------------------------------------------------------------------------------------------
// Rust symbol names.

const LEGACY_ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** `_ZN` {length identifier} `E`, the last identifier `h` and 16 hex digits (dropped), `$..$` escapes. */
function demangleLegacy(symbol) {
  const parts = [];
  let i = 3;
  while (symbol[i] !== 'E') {
    const digits = /^\d+/.exec(symbol.slice(i));
    if (!digits) return symbol;
    i += digits[0].length;
    parts.push(symbol.slice(i, i + Number(digits[0])));
    i += Number(digits[0]);
    if (i >= symbol.length) return symbol;
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.map((part) => part
    .replace(/^_(?=\$)/, '')
    .replace(/\$(u[0-9a-f]+|[A-Z]{1,2})\$/g, (all, code) =>
      (code[0] === 'u' ? String.fromCodePoint(parseInt(code.slice(1), 16)) : LEGACY_ESCAPES[code] ?? all))
    .replaceAll('..', '::')).join('::');
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASIC_TYPES = {
  a: 'i8', b: 'bool', c: 'char', d: 'f64', e: 'str', f: 'f32', h: 'u8', i: 'isize', j: 'usize', l: 'i32',
  m: 'u32', n: 'i128', o: 'u128', p: '_', s: 'i16', t: 'u16', u: '()', v: '...', x: 'i64', y: 'u64', z: '!',
};

/**
 * The v0 scheme (https://doc.rust-lang.org/rustc/symbol-mangling/v0.html) without crate hashes, lifetimes or
 * the instantiating crate; throws on what it does not cover (constants other than integers, bools and chars).
 */
function demangleV0(symbol) {
  const s = symbol.slice(2); // backreferences count from here
  let pos = 0;
  const next = () => {
    if (pos >= s.length) throw new Error('truncated');
    return s[pos++];
  };
  const eat = (c) => s[pos] === c && ++pos > 0;
  const base62 = () => {
    if (eat('_')) return 0;
    let n = 0;
    for (let c = next(); c !== '_'; c = next()) {
      if (!BASE62.includes(c)) throw new Error('bad number');
      n = n * 62 + BASE62.indexOf(c);
    }
    return n + 1;
  };
  const disambiguator = () => (eat('s') ? base62() : 0);
  const decimal = () => {
    const digits = /^\d+/.exec(s.slice(pos));
    if (!digits) throw new Error('no length');
    pos += digits[0].length;
    return Number(digits[0]);
  };
  const undisambiguated = () => {
    const punycode = eat('u');
    const length = decimal();
    eat('_');
    pos += length;
    return punycode ? `{punycode ${s.slice(pos - length, pos)}}` : s.slice(pos - length, pos);
  };
  const backref = (parse) => {
    const at = base62();
    const back = pos;
    pos = at;
    const out = parse();
    pos = back;
    return out;
  };
  const generics = () => {
    const args = [];
    while (!eat('E')) {
      if (eat('L')) base62(); // a lifetime
      else if (eat('K')) args.push(constant());
      else args.push(type());
    }
    return args.length ? `<${args.join(', ')}>` : '';
  };
  const path = () => {
    switch (next()) {
      case 'C': disambiguator(); return undisambiguated();
      case 'M': disambiguator(); path(); return `<${type()}>`;
      case 'X': { disambiguator(); path(); const self = type(); return `<${self} as ${path()}>`; }
      case 'Y': { const self = type(); return `<${self} as ${path()}>`; }
      case 'N': {
        const namespace = next();
        const parent = path();
        const index = disambiguator();
        const name = undisambiguated();
        if (namespace === 'C') return `${parent}::{closure${name ? `:${name}` : ''}#${index}}`;
        if (namespace === 'S') return `${parent}::{shim${name ? `:${name}` : ''}#${index}}`;
        return name ? `${parent}::${name}` : parent;
      }
      case 'I': return path() + generics();
      case 'B': return backref(path);
      default: throw new Error('bad path');
    }
  };
  const constant = () => {
    if (eat('B')) return backref(constant);
    const kind = next();
    if (kind === 'p') return '_';
    const negative = eat('n');
    let hex = '';
    for (let c = next(); c !== '_'; c = next()) hex += c;
    if (kind === 'b') return hex === '1' ? 'true' : 'false';
    if (kind === 'c') return `'${String.fromCodePoint(parseInt(hex, 16))}'`;
    if (!'hitmyjaslxon'.includes(kind)) throw new Error('unsupported constant');
    return `${negative ? '-' : ''}${BigInt(`0x${hex || '0'}`)}`;
  };
  const type = () => {
    const tag = next();
    if (BASIC_TYPES[tag]) return BASIC_TYPES[tag];
    switch (tag) {
      case 'R': case 'Q': if (eat('L')) base62(); return `${tag === 'R' ? '&' : '&mut '}${type()}`;
      case 'P': return `*const ${type()}`;
      case 'O': return `*mut ${type()}`;
      case 'A': { const item = type(); return `[${item}; ${constant()}]`; }
      case 'S': return `[${type()}]`;
      case 'T': {
        const items = [];
        while (!eat('E')) items.push(type());
        return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
      }
      case 'F': {
        if (eat('G')) base62(); // binder
        const unsafe = eat('U') ? 'unsafe ' : '';
        const abi = eat('K') ? `extern "${eat('C') ? 'C' : undisambiguated()}" ` : '';
        const args = [];
        while (!eat('E')) args.push(type());
        const result = type();
        return `${unsafe}${abi}fn(${args.join(', ')})${result === '()' ? '' : ` -> ${result}`}`;
      }
      case 'D': {
        if (eat('G')) base62();
        const traits = [];
        while (!eat('E')) {
          let trait = path();
          const bindings = [];
          while (eat('p')) {
            const name = undisambiguated();
            bindings.push(`${name} = ${type()}`);
          }
          if (bindings.length) trait = trait.endsWith('>') ? `${trait.slice(0, -1)}, ${bindings.join(', ')}>` : `${trait}<${bindings.join(', ')}>`;
          traits.push(trait);
        }
        if (!eat('L')) throw new Error('no lifetime');
        base62();
        return `dyn ${traits.join(' + ')}`;
      }
      case 'B': return backref(type);
      default: pos--; return path();
    }
  };
  if (/\d/.test(s[0])) decimal(); // an encoding version
  return path();
}

function demangle(symbol) {
  try {
    if (symbol.startsWith('_ZN')) return demangleLegacy(symbol);
    if (symbol.startsWith('_R')) return demangleV0(symbol);
  } catch {
    // not a form covered here: shown as it is
  }
  return symbol;
}

// ---------------------------------------------------------------------------------------------------------------

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The first run of 8 or more printable characters in a data segment: what it holds, at a glance. */
function preview(bytes) {
  const text = /[^\p{C}\uFFFD]{8,}/u.exec(new TextDecoder().decode(bytes))?.[0];
  return text ? JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text) : null;
}

/** The crate's name, the target directory and Trunk's cargo profile, as scripts/build/split.mjs finds them. */
async function namedModulePath() {
  // The default target directory of scripts/lib/env.sh, which the build used.
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'signpost-target') };
  const { stdout } = await run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], { cwd: ROOT, env, maxBuffer: 64 << 20 });
  const metadata = JSON.parse(stdout);
  const widget = metadata.packages.find((p) => p.manifest_path === join(ROOT, 'Cargo.toml'));
  const crate = widget.targets.find((t) => t.kind.includes('cdylib')).name.replace(/-/g, '_');
  const profile = /^cargo_profile\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Trunk.toml'), 'utf8'))[1];
  return { crate, named: join(metadata.target_directory, 'wasm-split', profile, 'bindgen', `${crate}_bg.wasm`) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const input = resolve(opts.input);
  let shipped = null;
  let measured = input;
  let source = null;
  let temp = null;
  try {
    if (statSync(input).isDirectory()) {
      const { crate, named } = await namedModulePath();
      shipped = join(input, `${crate}_bg.wasm`);
      source = named;
      temp = mkdtempSync(join(tmpdir(), 'signpost-wasm-items-'));
      measured = join(temp, basename(named));
      console.error(`wasm-items: wasm-opt -Oz -g ${named} (about a minute)`);
      await run(join(ROOT, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '-g', named, '-o', measured], { maxBuffer: 64 << 20 })
        .catch((err) => { throw new Error(`wasm-opt failed on ${named} (is the build there?):\n${err.stderr || err.message}`); });
    }
    const bytes = readFileSync(measured);
    const wasm = parseModule(bytes);
    if (!wasm.sections.some((s) => s.name === 'name')) throw new Error(`${measured} has no name section (give the build folder instead: its names come from the target directory)`);
    let matches = null;
    if (shipped) {
      const shippedBytes = readFileSync(shipped);
      matches = sameCode(wasm, bytes, parseModule(shippedBytes), shippedBytes);
    }

    const items = [
      ...wasm.bodies.map((range, i) => {
        const index = wasm.importedFunctions + i;
        const symbol = wasm.functionNames.get(index) ?? `function ${index}`;
        return { kind: 'function', range, name: demangle(symbol), symbol };
      }),
      ...wasm.segments.map((range, i) => {
        const data = bytes.subarray(range.start, range.end);
        const at = range.address === null ? 'passive' : `at 0x${range.address.toString(16)}`;
        const text = preview(data);
        return { kind: 'data', range, name: `${wasm.dataNames.get(i) ?? `segment ${i}`} (${at})${text ? ` ${text}` : ''}` };
      }),
    ].map(({ range, ...item }) => ({ ...item, raw: range.end - range.start, bytes: bytes.subarray(range.start, range.end) }));
    const top = items.sort((a, b) => b.raw - a.raw).slice(0, opts.top)
      .map(({ bytes: body, ...item }) => ({ ...item, brotli: brotli(body) }));

    const sum = (kind) => items.filter((i) => i.kind === kind).reduce((n, i) => n + i.raw, 0);
    const functions = items.filter((i) => i.kind === 'function').length;
    const described = shipped ?? measured;
    const out = opts.json ? console.error : console.log;
    out(`Largest items of the main wasm module ${described}${source ? `, names from ${source} (wasm-opt -Oz -g)` : ''}`);
    out(`${functions} functions, ${sum('function')} B of code; ${wasm.segments.length} data segments, ${sum('data')} B; ` +
      'brotli (quality 11) of each item on its own');
    if (matches === false) out(`WARNING: the named module's code and data differ from ${shipped}: the figures are for the target directory's build, not for ${opts.input}`);
    out(` #  kind       ${'raw B'.padStart(7)} ${'brotli B'.padStart(8)}  name`);
    top.forEach((item, i) => {
      const name = item.name.length > 200 ? `${item.name.slice(0, 199)}…` : item.name;
      out(`${String(i + 1).padStart(2)}  ${item.kind.padEnd(9)} ${String(item.raw).padStart(7)} ${String(item.brotli).padStart(8)}  ${name}`);
    });
    if (opts.json) console.log(JSON.stringify({ module: described, namesFrom: source, matchesShipped: matches, items: top }, null, 2));
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`wasm-items: ${err.message}`);
  process.exit(1);
});
