// Writes each file the desk serves from a build with its encodings beside it (`<file>.br`, brotli quality 11;
// `<file>.gz`, gzip level 9), so the desk reads them at start instead of compressing the build each time it
// starts (about 7 s of a debug desk's start for the widget). The desk checks that each holds exactly its file
// and compresses at start whatever is missing or stale. Run by scripts/build-widget.mjs for the widget, and as
// the console's Trunk post-build hook (`node ../scripts/build/precompress.mjs`).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What the desk serves from a build folder; `loader.js` it fills in at start, so it compresses that itself. */
const SERVED = /\.(js|wasm|css|svg|html)$|^messages-[\w-]+\.json$/;

/** `raw` as the desk sends it to browsers that accept each encoding. */
export function encodings(raw) {
  return {
    gzip: gzipSync(raw, { level: 9 }),
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** Writes the encodings of every file `dir` serves beside it. */
export function precompress(dir) {
  for (const name of readdirSync(dir).filter((name) => SERVED.test(name) && name !== 'loader.js')) {
    const { gzip, brotli } = encodings(readFileSync(join(dir, name)));
    writeFileSync(join(dir, `${name}.gz`), gzip);
    writeFileSync(join(dir, `${name}.br`), brotli);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
  precompress(staging);
}
