// Prints what the widget costs a page: each file of the release build raw, gzip and brotli (as the desk serves
// it: brotli quality 11, gzip level 9), and what a visitor downloads before and on first open.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = [
  ['loader.js', 'loader (every page view)'],
  ['signpost.js', 'JS glue (lazy)'],
  ['signpost_bg.wasm', 'wasm (lazy)'],
  ['widget.css', 'CSS (lazy)'],
];
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const rows = files.map(([name, role]) => {
  const raw = readFileSync(`${dist}/${name}`);
  return {
    name,
    role,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
console.log('Widget bundle sizes');
console.log('file               role                          raw         gzip        brotli');
for (const r of rows) {
  console.log(`${r.name.padEnd(18)} ${r.role.padEnd(26)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
const sum = (key) => rows.reduce((total, r) => total + r[key], 0);
console.log(`${'total on first open'.padEnd(45)} ${kb(sum('raw'))} ${kb(sum('gzip'))} ${kb(sum('brotli'))}`);
console.log(`loader brotli: ${rows[0].brotli} bytes (budget 3072)`);
