// Help articles are written by people, pasted from other tools, and imported in bulk: the widget must treat
// their markup as hostile. The fixture folder tests/e2e/fixtures/content-hostile/ has an article full of active
// content (scripts, event handlers, javascript: links, an iframe, inline styles…), a plain article it links to,
// and two broken files (no front matter; bad YAML) that must not stop the rest being served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, articleTitle, describeErrors, newPage, setup, sleep } from './harness.mjs';

const FIXTURE = 'tests/e2e/fixtures/content-hostile';
const env = setup({ content: FIXTURE });

const hostileTitle = () => articleTitle('hostile-markup', FIXTURE);
const plainTitle = () => articleTitle('packing-fragile-items', FIXTURE);

/** Opens `url`, the panel, and the hostile article through search. */
async function openHostileArticle(url) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  // The external link opens a new tab; answer it here rather than on the internet.
  await session.context.route(/^https:\/\/example\.com\//, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Example</title><p>Example</p>' }),
  );
  await session.page.goto(url, { waitUntil: 'load' });
  await widget.ready();
  await widget.open();
  await widget.search('hostile');
  await widget.openResult(await hostileTitle());
  return { ...session, widget };
}

/** Everything active left in the article body, looked at in the widget's shadow DOM. */
const activeContent = (widget) =>
  widget.articleBody().evaluate((body) => {
    const found = [];
    for (const el of [body, ...body.querySelectorAll('*')]) {
      if (['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'frame', 'frameset']
        .includes(el.localName)) {
        found.push(`<${el.localName}>`);
      }
      for (const attr of el.attributes) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith('on')) found.push(`${el.localName}[${attr.name}]`);
        if (attr.name === 'style') found.push(`${el.localName}[style]`);
        if (/^(javascript|data|vbscript):/.test(value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
        if (['formaction', 'action', 'srcdoc'].includes(attr.name)) found.push(`${el.localName}[${attr.name}]`);
      }
    }
    return found;
  });

test('on a page without CSP, nothing in a hostile article runs and nothing active reaches the shadow DOM', async () => {
  const { page, widget, record, close } = await openHostileArticle(`${env.pages.url}/no-csp.html`);
  try {
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(csp, null, 'the page has no CSP: sanitising is the only defence here');
    assert.equal(await widget.articleHeading().textContent(), await hostileTitle());
    const body = widget.articleBody();
    assert.match(await body.innerText(), /None of it may run/, 'the article itself is shown');

    assert.deepEqual(await activeContent(widget), [], 'no script, iframe, handler, style or script URL');
    const pageUrl = page.url();

    // Click every link that is left (script URLs must be inert), except the external one, clicked below.
    for (const name of ['click', 'Mixed-case script link', 'data link']) {
      await body.getByText(name, { exact: true }).click();
    }
    await body.getByText('Details', { exact: true }).click(); // would fire ontoggle
    await sleep(300);
    assert.equal(page.url(), pageUrl, 'no link navigated the page');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no hostile code ran');

    // The external link: a new tab, without a handle on this page.
    const external = body.getByRole('link', { name: 'Example site' });
    assert.equal(await external.getAttribute('href'), 'https://example.com/');
    assert.equal(await external.getAttribute('target'), '_blank');
    assert.match(await external.getAttribute('rel'), /\bnoopener\b/);
    const popup = page.waitForEvent('popup');
    await external.click();
    const tab = await popup;
    await tab.waitForLoadState();
    assert.equal(await tab.evaluate(() => window.opener), null, 'the new tab cannot reach back');
    await tab.close();
    assert.equal(page.url(), pageUrl);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no hostile code ran');

    // The body's own stylesheet did not leak into the widget (a <style> there would hide it or recolour it).
    assert.ok(await widget.launcher().isVisible(), 'the widget is still showing');
    assert.equal(await body.evaluate((el) => getComputedStyle(el).position), 'static', 'no inline style applied');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a link to another article opens it inside the widget, not in the page or a new tab', async () => {
  const { page, widget, record, close } = await openHostileArticle(`${env.pages.url}/no-csp.html`);
  try {
    const pageUrl = page.url();
    let popups = 0;
    page.on('popup', () => { popups += 1; });
    await widget.articleBody().getByRole('link', { name: 'how we pack parcels' }).click();
    await widget.articleHeading().filter({ hasText: await plainTitle() }).waitFor({ state: 'visible' });
    await sleep(300);
    assert.equal(popups, 0, 'no new tab');
    assert.equal(page.url(), pageUrl, 'the page did not navigate');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('on a demo page under the strict CSP, the hostile article causes no violation', async () => {
  const { page, widget, record, cspViolations, close } = await openHostileArticle(`${env.desk.url}/demo/checkout`);
  try {
    assert.match((await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'))) ?? '',
      /script-src 'self' 'wasm-unsafe-eval'/);
    assert.deepEqual(await activeContent(widget), []);
    for (const name of ['click', 'Mixed-case script link', 'data link']) {
      await widget.articleBody().getByText(name, { exact: true }).click();
    }
    await sleep(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    // An inline style or handler left in the body would have been reported here.
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('search results show no markup but highlights, and no script or style source as text', async () => {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/checkout`);
    await widget.ready();
    await widget.open();
    await widget.search('hostile');
    const snippet = widget.panelElement().locator('.sp-result__snippet').first();
    const tags = await snippet.locator('*').evaluateAll((els) => [...new Set(els.map((e) => e.localName))]);
    assert.ok(tags.every((t) => t === 'mark'), `only <mark> in the snippet: ${JSON.stringify(tags)}`);
    const text = await snippet.textContent();
    assert.doesNotMatch(text, /__pwned|window\.|!important/, `the snippet shows what a reader sees: "${text}"`);
    assert.deepEqual(await session.cspViolations(), [], 'no CSP violations');
  } finally {
    await session.close();
  }
});

test('on a page that enforces Trusted Types, the launcher, search highlights and articles are built, never written as HTML', async () => {
  const session = await newPage(env.browser);
  const { page, record, cspViolations } = session;
  const widget = new Widget(page);
  try {
    // The demo pages' policy makes the browser refuse every HTML string assigned to the page (innerHTML,
    // outerHTML, insertAdjacentHTML…) and every policy that could bless one.
    const response = await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    assert.match(response.headers()['content-security-policy'],
      /require-trusted-types-for 'script'; trusted-types 'none'/);
    assert.equal(await page.evaluate(() => {
      try { document.createElement('div').innerHTML = '<b>x</b>'; return 'written'; } catch { return 'refused'; }
    }), 'refused', 'the page refuses HTML strings');
    const probed = (await cspViolations()).length; // the refusal just asked for
    await widget.launcher().locator('svg path').waitFor({ state: 'attached' }); // the loader's icon
    await widget.ready();
    await widget.open();
    assert.equal(await widget.launcher().locator('svg path').count(), 1, "the widget's launcher has its icon");

    await widget.search('pasted active content');
    const snippet = widget.resultOptions().filter({ hasText: await hostileTitle() }).locator('.sp-result__snippet');
    const marked = new Set((await snippet.locator('mark').allTextContents()).map((word) => word.toLowerCase()));
    assert.deepEqual([...marked].sort(), ['active', 'content', 'pasted'], 'the matched words are highlighted');
    assert.doesNotMatch(await snippet.textContent(), /<\/?mark>|&(amp|lt|gt|quot|#39);/, 'no markup shows as text');

    await widget.openResult(await hostileTitle());
    const body = widget.articleBody();
    assert.match(await body.innerText(), /None of it may run/, 'the article is shown');
    assert.deepEqual(await activeContent(widget), [], 'no script, iframe, handler, style or script URL');
    assert.equal(await body.getByRole('link', { name: 'Example site' }).getAttribute('href'), 'https://example.com/');
    await body.getByRole('link', { name: 'how we pack parcels' }).click();
    await widget.articleHeading().filter({ hasText: await plainTitle() }).waitFor({ state: 'visible' });
    assert.ok(await widget.articleBody().locator('p').count() > 0, "the linked article's paragraphs are built");
    await widget.backButton().click();
    await widget.openContact();
    await widget.messageInput().fill('Typed under Trusted Types');
    assert.equal(await widget.messageInput().inputValue(), 'Typed under Trusted Types', 'the contact form works');

    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no hostile code ran');
    assert.deepEqual((await cspViolations()).slice(probed), [], 'nothing was refused: no Trusted Types violation');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await session.close();
  }
});

test('broken article files are skipped with a logged reason; every other article is served', async () => {
  const get = async (p) => {
    const response = await fetch(`${env.desk.url}${p}`);
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  assert.equal((await get('/v1/articles/hostile-markup')).status, 200);
  const plain = await get('/v1/articles/packing-fragile-items');
  assert.equal(plain.status, 200);
  assert.equal(plain.body.title, await plainTitle());
  assert.equal((await get('/v1/articles/broken-no-front-matter')).status, 404);
  assert.equal((await get('/v1/articles/broken-bad-yaml')).status, 404);
  assert.deepEqual((await get('/v1/search?q=zebracorn')).body.results, [], 'the broken file is not indexed');
  assert.deepEqual((await get('/v1/search?q=quokkaflux')).body.results, []);
  assert.deepEqual((await get('/v1/search?q=fragile')).body.results.map((r) => r.id), ['packing-fragile-items']);

  const log = env.desk.log().replace(/\x1b\[[0-9;]*m/g, '');
  assert.match(log, /article skipped.*broken-no-front-matter\.md.*no front matter/);
  assert.match(log, /article skipped.*broken-bad-yaml\.md/);

  // And the widget finds the good one.
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.pages.url}/help-center.html`, { waitUntil: 'load' });
    await widget.ready();
    await widget.open();
    await widget.search('fragile');
    assert.deepEqual(await widget.resultTitles(), [await plainTitle()]);
    await widget.openResult(await plainTitle());
    assert.match(await widget.articleBody().innerText(), /bubble wrap/);
    assert.deepEqual(await session.cspViolations(), [], 'no CSP violations');
    assert.deepEqual(session.record.errors, [], describeErrors(session.record.errors));
  } finally {
    await session.close();
  }
});
