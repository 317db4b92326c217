// Trunk post-build hook: splits the wasm (scripts/build/split.mjs), assembles loader.js (with the launcher's CSS
// and icon inlined), minifies the loader, the glue, the split loader and the widget CSS in Trunk's staging
// directory, fails if a view would be written as HTML (scripts/build/html-views.mjs), writes each served file's
// brotli and gzip encodings beside it (scripts/build/precompress.mjs), then prints what each file costs and fails
// the build if one is over its budget (scripts/build/sizes.mjs).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { failOnHtmlViews } from './build/html-views.mjs';
import { precompress } from './build/precompress.mjs';
import { SPLIT_LOADER, splitWasm } from './build/split.mjs';
import { SPLIT_MAP, measure, overBudget, table } from './build/sizes.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');

const read = (path) => readFile(path, 'utf8');
const minify = async (code, loader, format) =>
  (await transform(code, { loader, minify: true, target: 'es2020', format, legalComments: 'none' })).code;

await writeFile(join(staging, SPLIT_MAP), JSON.stringify(await splitWasm(staging), null, 2));

const launcherCss = await minify(await read('style/launcher.css'), 'css');
// The icon as nested [name, attributes, children], which the loader builds element by element.
const icon = svgTree((await read('style/icons/help.svg')).trim());
// The launcher's label in every language the widget speaks, from the `help` key of each locale file, so the
// placeholder launcher already speaks the user's language.
const labels = {};
for (const file of await readdir('locales')) {
  const help = /^help\s*=\s*"([^"]*)"/m.exec(await read(join('locales', file)));
  if (!help) throw new Error(`locales/${file} has no \`help\` label`);
  labels[file.replace(/\.toml$/, '')] = help[1];
}
const loader = (await read('loader/loader.js'))
  .replace('__SIGNPOST_HELP_LABELS__', () => JSON.stringify(labels))
  .replace("'__SIGNPOST_LAUNCHER_CSS__'", () => JSON.stringify(launcherCss.trim()))
  .replace('__SIGNPOST_LAUNCHER_ICON__', () => JSON.stringify(icon));
if (/__SIGNPOST_(LAUNCHER|HELP)/.test(loader)) throw new Error('loader.js: a placeholder was not filled');
await writeFile(join(staging, 'loader.js'), await minify(loader, 'js'));

/** An SVG file of elements with quoted attributes (no text) as [name, attributes, children]. */
function svgTree(svg) {
  const root = ['', {}, []];
  const open = [root];
  for (const [, closing, name, attributes, empty] of svg.matchAll(/<(\/?)([\w-]+)([^>]*?)(\/?)>/g)) {
    if (closing) {
      open.pop();
      continue;
    }
    const element = [name, Object.fromEntries([...attributes.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => m.slice(1))), []];
    open.at(-1)[2].push(element);
    if (!empty) open.push(element);
  }
  if (root[2].length !== 1 || open.length !== 1) throw new Error(`not one well-formed SVG element: ${svg}`);
  return root[2][0];
}

for (const module of ['signpost.js', SPLIT_LOADER]) {
  const path = join(staging, module);
  await writeFile(path, await minify(await read(path), 'js', 'esm'));
}
const css = join(staging, 'widget.css');
await writeFile(css, await minify(await read(css), 'css'));

await failOnHtmlViews(staging);

precompress(staging);
const sizes = measure(staging);
console.log(`Widget build, as the desk serves it\n${table(sizes)}`);
const over = overBudget(sizes);
if (over.length > 0) {
  console.error(`Over budget (scripts/build/sizes.mjs):\n  ${over.join('\n  ')}`);
  process.exit(1);
}
