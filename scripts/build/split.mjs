// The split step of the widget's build. Trunk 0.21 has no such step and its wasm-bindgen arguments are fixed, so
// scripts/build-widget.mjs (Trunk's post-build hook) calls this to redo what follows cargo, starting from the
// module cargo linked with the `split` feature (see build.rs for --emit-relocs):
//   1. wasm_split_cli cuts it at the split points of src/components/chunk.rs into the main module, one module per
//      split point, chunks that several split points share, and __wasm_split.js, which fetches them;
//   2. wasm-bindgen writes the main module's glue (--keep-lld-exports: the split modules import the main module's
//      memory, table, stack pointer and functions through those exports);
//   3. the stream adapters nothing uses leave the main module's exports and the glue (see UNUSED_CLASSES);
//   4. wasm-opt -Oz optimises every module;
//   5. the messages of every language but English, which build.rs writes as JSON, join the build.
// The results replace Trunk's unsplit glue and wasm in the staging directory. The tools' versions are pinned in
// Trunk.toml (wasm-bindgen, wasm-opt) and scripts/lib/env.sh (wasm_split_cli), and installed by scripts/install.sh.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { importNames, withoutExports } from './exports.mjs';

/** The split loader's file name; the glue imports it, and it imports the glue. */
export const SPLIT_LOADER = '__wasm_split.js';

/** Runs `command` and resolves to its standard output; on failure, rejects with its standard error. */
async function run(command, args) {
  try {
    const { stdout } = await promisify(execFile)(command, args, { maxBuffer: 64 << 20 });
    return stdout;
  } catch (err) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${err.stderr || err.message}`);
  }
}

/** A `key = "value"` setting of Trunk.toml, which holds the build's profile and tool versions. */
function trunkSetting(toml, key) {
  const match = new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm').exec(toml);
  if (!match) throw new Error(`Trunk.toml has no ${key}`);
  return match[1];
}

/**
 * Splits the wasm that Trunk's cargo build left in the target directory and writes the glue (`<name>.js`), the
 * main module (`<name>_bg.wasm`), every split module and the split loader into `staging`. Resolves to what
 * opening each split point fetches: `{ article: ['split_article.wasm', 'chunk_3.wasm'], … }`.
 */
export async function splitWasm(staging) {
  const toml = await readFile('Trunk.toml', 'utf8');
  const wasmOpt = trunkSetting(toml, 'wasm_opt').replace('version_', '');
  const optVersion = await run('wasm-opt', ['--version']);
  if (!optVersion.includes(`version ${wasmOpt} `)) {
    throw new Error(`wasm-opt ${wasmOpt} is required (Trunk.toml), found: ${optVersion.trim()}`);
  }

  const metadata = JSON.parse(await run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline']));
  const widget = metadata.packages.find((p) => p.manifest_path === join(process.cwd(), 'Cargo.toml'));
  const name = widget.targets.find((t) => t.kind.includes('cdylib')).name.replace(/-/g, '_');
  const profile = trunkSetting(toml, 'cargo_profile');
  const linked = join(metadata.target_directory, 'wasm32-unknown-unknown', profile, `${name}.wasm`);

  const work = join(metadata.target_directory, 'wasm-split', profile);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await run('wasm_split_cli', [linked, work]);
  await run('wasm-bindgen', [
    join(work, 'main.wasm'), '--out-dir', join(work, 'bindgen'), '--out-name', name,
    '--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
  ]);

  const glue = withoutUnusedClasses(await readFile(join(work, 'bindgen', `${name}.js`), 'utf8'));
  if (glue.includes('__wasm_split_placeholder__')) throw new Error('the split left a placeholder import in the glue');
  await writeFile(join(staging, `${name}.js`), glue);
  // The splitter names the glue ./main.js; ours keeps the crate's name, which the loader and the desk know.
  const loader = await readFile(join(work, SPLIT_LOADER), 'utf8');
  await writeFile(join(staging, SPLIT_LOADER), patchLoader(loader, name));

  const main = join(work, 'bindgen', `${name}_bg.wasm`);
  const modules = [[main, `${name}_bg.wasm`]];
  for (const file of await readdir(work)) {
    if (file.endsWith('.wasm') && file !== 'main.wasm') modules.push([join(work, file), file]);
  }
  for (const [path, file] of modules.slice(1)) {
    const imported = importNames(await readFile(path)).filter(isUnusedExport);
    if (imported.length > 0) throw new Error(`${file} imports ${imported.join(', ')}, which the split step drops`);
  }
  const { bytes, dropped } = withoutExports(await readFile(main), isUnusedExport);
  if (dropped.length === 0) throw new Error('no stream adapter exports to drop: remove UNUSED_CLASSES from the split step');
  await writeFile(main, bytes);
  await Promise.all(modules.map(([from, to]) => run('wasm-opt', ['-Oz', from, '-o', join(staging, to)])));

  // Every language but English, as build.rs wrote them beside the linked module (see write_fetched_catalogs).
  const messages = join(dirname(linked), 'messages');
  for (const file of await readdir(messages)) {
    if (/^messages-[\w-]+\.json$/.test(file)) await copyFile(join(messages, file), join(staging, file));
  }

  return fetchedBySplitPoint(loader, modules.slice(1).map(([, file]) => file));
}

/**
 * Classes a dependency exports with #[wasm_bindgen] that the widget never uses: wasm-streams' stream adapters,
 * there because leptos's server functions depend on it. An export keeps its code and all it calls, so the split
 * step drops their exports from the main module (wasm-opt then drops what only they reached: 1.4 KB brotli) and
 * their classes from the glue.
 */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** Whether `field` is an export of one of UNUSED_CLASSES (`intounderlyingsink_write`, `__wbg_intounderlyingsink_free`). */
function isUnusedExport(field) {
  const method = field.replace(/^__wbg_/, '');
  return UNUSED_CLASSES.some((c) => method.startsWith(`${c.toLowerCase()}_`));
}

/** Removes the one match of `pattern` from `text`. */
function removeOnce(text, pattern) {
  const count = (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`the glue holds ${count} matches of ${pattern}, expected one`);
  return text.replace(pattern, '');
}

/** The glue without UNUSED_CLASSES, their finalisers and the enum only they read. */
function withoutUnusedClasses(glue) {
  for (const c of UNUSED_CLASSES) {
    const dispose = String.raw`if \(Symbol\.dispose\) ${c}\.prototype\[Symbol\.dispose\] = ${c}\.prototype\.free;\n`;
    glue = removeOnce(glue, new RegExp(String.raw`export class ${c} \{[\s\S]*?\n${dispose}`));
    glue = removeOnce(glue, new RegExp(String.raw`const ${c}Finalization = [^;]*;\n`));
  }
  glue = removeOnce(glue, /const __wbindgen_enum_ReadableStreamType = \[[^\]]*\];\n/);
  if (/intounderlying|ReadableStreamType/i.test(glue)) throw new Error('the glue still refers to the stream adapters');
  return glue;
}

/** Replaces `needle`, which must occur exactly once in the split loader, with `replacement`. */
function replaceOnce(loader, needle, replacement) {
  if (loader.split(needle).length !== 2) throw new Error(`${SPLIT_LOADER} does not hold ${needle} once`);
  return loader.replace(needle, replacement);
}

/**
 * The split loader as the widget serves it. The splitter names the glue ./main.js; ours keeps the crate's name,
 * which the loader and the desk know. And the loader starts a module's fetch before awaiting its shared chunks,
 * so a fetch that fails meanwhile (offline, blocked) would be an unhandled rejection on the host page, although
 * the instantiation that awaits it later reports the failure to the widget: marking it handled keeps the page's
 * error log clean.
 */
function patchLoader(loader, name) {
  const named = replaceOnce(loader, '"./main.js"', `"./${name}.js"`);
  const fetchStart = 'const src = fetch(srcUrl);';
  return replaceOnce(named, fetchStart, `${fetchStart} src.catch(() => {});`);
}

/**
 * What opening each split point fetches, read from the split loader wasm_split_cli 0.2.2 writes: a chunk is
 * `const __chunk_N = makeLoad(new URL("./chunk_N.wasm", import.meta.url), []);` and a split point is
 * `export const __wasm_split_load_NAME = wrapAsyncCb(makeLoad(new URL("./split_NAME.wasm", …), [__chunk_N, …]));`
 * (`undefined` instead of the URL when the module is empty). Fails if a module is unaccounted for, which would
 * mean the splitter's output changed shape.
 */
function fetchedBySplitPoint(loader, modules) {
  const url = String.raw`(?:new URL\("\./([\w.]+)", import\.meta\.url\)|undefined)`;
  const chunks = new Map();
  for (const [, variable, file] of loader.matchAll(new RegExp(String.raw`const (__chunk_\d+) = makeLoad\(${url}, \[\]\);`, 'g'))) {
    chunks.set(variable, file);
  }
  const fetched = {};
  const splitPoints = new RegExp(String.raw`export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(${url}, \[([^\]]*)\]\)\);`, 'g');
  for (const [, split, file, deps] of loader.matchAll(splitPoints)) {
    const shared = deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunks.get(d));
    fetched[split] = [file, ...shared].filter(Boolean);
  }
  const accounted = new Set(Object.values(fetched).flat());
  const stray = modules.filter((file) => !accounted.has(file));
  if (stray.length > 0) throw new Error(`${SPLIT_LOADER}: no split point fetches ${stray.join(', ')}`);
  return fetched;
}
