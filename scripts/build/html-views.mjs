// Leptos writes a wholly static element of a view (nothing in it but literals) into the page as HTML, through
// `innerHTML`, which a page enforcing Trusted Types refuses: the widget would not start on such a host page, and
// the console, which enforces them itself, would stop. So no wasm module may hold one. Leptos keeps such an
// element in the module as its markup: a start tag and, a few bytes on, its end tag. The widget's build calls
// this (scripts/build-widget.mjs); run by Trunk as a post-build hook (the console's), it fails the build.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Each wasm module in `dir` that holds a view Leptos would write as HTML, with the start of its markup. */
async function viewsWrittenAsHtml(dir) {
  const found = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.wasm'))) {
    const bytes = (await readFile(join(dir, file))).toString('latin1');
    const html = /<([a-z][a-z0-9]*)(?: [a-z:-]+="[^"]*")*>.{0,300}?<\/\1>/s.exec(bytes);
    if (html) found.push(`${file}: ${html[0].slice(0, 120)}`);
  }
  return found;
}

/** Ends the build, naming each module and its markup, if a wasm module in `dir` holds such a view. */
export async function failOnHtmlViews(dir) {
  const found = await viewsWrittenAsHtml(dir);
  if (found.length === 0) return;
  console.error('Views Leptos would write as HTML (give an attribute or a child as a value, as ' +
    `console/src/components/mod.rs does in \`glyph\`):\n  ${found.join('\n  ')}`);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
  await failOnHtmlViews(staging);
}
