// The release build is split (scripts/build/split.mjs): the article, status and contact views, "Your requests"
// with its threads, and the explanations of "Why am I seeing this?" come in their own wasm modules, fetched the first time the user goes there (the contact
// form's when the panel opens) and never again. A module that cannot be fetched leaves a
// message in the user's language with a way to try again, and the rest of the widget, with what the user typed,
// keeps working. None of it trips the strict CSP of the demo pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PAGES, Widget, articleTitle, describeErrors, message, newPage, setup, until, widgetPart,
} from './harness.mjs';

const env = setup();
/** A module of the split build other than the main one: `split_<view>.wasm` or a shared `chunk_<n>.wasm`. */
const SPLIT_MODULE = /\/widget\/[^/]+\/((?:split|chunk)_\w+\.wasm)$/;
const moduleOf = (view) => new RegExp(`/widget/[^/]+/split_${view}\\.wasm$`);

/** How many times each split module was requested, by file name. */
function fetchCounts(requested) {
  const counts = {};
  for (const { url } of requested(SPLIT_MODULE)) {
    const name = SPLIT_MODULE.exec(url)[1];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

test('the article, status, contact and explanation views each fetch their module once: the contact form\'s (and the usage reporter\'s) with the panel, the others when first opened', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.waitForFirstSuggestion(await articleTitle('late-delivery'));
    // The home view needs no split module; the rules engine's is fetched as it opens (the desk works out the
    // first suggestions meanwhile), the contact form's beside it, so that the form opens even after the
    // connection drops, and the usage reporter's with the first event (the panel opening). The demo order is
    // late, so the page loaded the nudge's module first, to say so.
    await until(() => requested(moduleOf('contact')).length > 0, 'the contact module to be requested');
    await until(() => requested(moduleOf('usage')).length > 0, 'the usage module to be requested');
    await until(() => requested(moduleOf('nudge')).length > 0, 'the nudge module to be requested');
    await until(() => requested(moduleOf('rules')).length > 0, 'the rules engine\'s module to be requested');
    assert.deepEqual(
      Object.keys(fetchCounts(requested)).filter((name) => name.startsWith('split_')).sort(),
      ['split_contact.wasm', 'split_nudge.wasm', 'split_rules.wasm', 'split_usage.wasm'],
      'opening the panel fetches the contact, rules engine and usage modules only, beside the nudge\'s',
    );

    // "Why am I seeing this?" is built on the first click; the pointer reaching the button fetches its module.
    const { why, explanation } = await widget.suggestion(await articleTitle('late-delivery'));
    await why.hover();
    await until(() => requested(moduleOf('why')).length > 0, 'the explanation module to be fetched on hover');
    await why.click();
    await explanation.locator('.sp-explanation__origin').first().waitFor();
    await why.click();
    await why.click();
    await explanation.locator('.sp-explanation__origin').first().waitFor();

    await widget.search('refund');
    const titles = await widget.resultTitles();
    assert.ok(titles.length >= 2, `two results to open: ${JSON.stringify(titles)}`);
    await widget.openResult(titles[0]);
    assert.equal(requested(moduleOf('article')).length, 1, 'the article module is fetched on the first article');

    await widget.backButton().click();
    await widget.openResult(titles[1]);
    assert.equal(await widget.articleHeading().textContent(), titles[1]);
    await widget.call('showStatus');
    await widget.statusView().waitFor({ state: 'visible' });
    assert.equal(requested(moduleOf('status')).length, 1, 'the status module is fetched when the status view opens');
    await widget.call('showArticle', 'late-delivery');
    await page.locator(widgetPart('articleTitle'), { hasText: await articleTitle('late-delivery') }).waitFor();
    await widget.call('showStatus');
    await widget.statusView().waitFor({ state: 'visible' });
    await widget.backButton().click();
    await widget.openContact();
    assert.equal(requested(moduleOf('contact')).length, 1, 'the contact module, fetched when the panel opened, is not fetched again');
    await widget.backButton().click();
    await widget.openContact();

    const counts = fetchCounts(requested);
    for (const [name, count] of Object.entries(counts)) assert.equal(count, 1, `${name} fetched once: ${JSON.stringify(counts)}`);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('the desk\'s first suggestions give way to the rules engine\'s without a redraw: the open explanation, focus and the one "shown" stay', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    // The engine's module is held back until the desk's list shows and the user is reading an explanation.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(moduleOf('rules'), async (route) => { await held; await route.continue(); });
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.listen(['suggestion:shown']);
    await widget.ready();
    await widget.open();
    const title = await articleTitle('late-delivery');
    await widget.waitForFirstSuggestion(title);
    assert.equal(requested(/\/v1\/suggestions$/).length, 1, 'the desk was asked once');
    const { item, why, explanation } = await widget.suggestion(title);
    await why.focus();
    await page.keyboard.press('Enter');
    assert.equal(await why.getAttribute('aria-expanded'), 'true');
    assert.equal(await explanation.locator('.sp-explanation__origin').count(), 0,
      'the explanation waits for the engine, which words dates in the user\'s locale');

    await item.evaluate((line) => { line.dataset.mark = 'first'; });
    release();
    await explanation.locator('.sp-explanation__origin').first().waitFor();
    // en-US, as Chromium's Intl writes it ("Dec 2, 2026"); the desk writes "2 Dec 2026".
    assert.match(await explanation.textContent(), /[A-Z][a-z]{2} \d{1,2}, \d{4}/, 'the engine\'s wording');
    assert.equal(await item.getAttribute('data-mark'), 'first', 'the line is the same element: no redraw');
    assert.equal(await widget.focusedClass(), 'sp-why', 'focus stayed on "Why am I seeing this?"');
    const shown = (await widget.events()).filter((e) => e.name === 'suggestion:shown');
    assert.equal(shown.length, 1, `the lines were reported shown once: ${JSON.stringify(shown)}`);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('with the rules engine\'s module blocked, the desk works out the suggestions and flows, for each new context too', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.route(moduleOf('rules'), (route) => route.abort());
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.waitForFirstSuggestion(await articleTitle('late-delivery'));
    assert.deepEqual(await widget.flowTitles(), ['Where is my order?'], 'the late order\'s flow is offered');
    const { why, explanation } = await widget.suggestion(await articleTitle('late-delivery'));
    await why.click();
    await explanation.locator('.sp-explanation__origin').first().waitFor();
    assert.match(await explanation.textContent(), /late-delivery/, 'the explanation names the rule');

    // The page says the order has arrived: the desk is asked again, and the return window comes first.
    await page.evaluate(() => document.getElementById('sim-delivered').click());
    await widget.waitForFirstSuggestion(await articleTitle('return-window'));
    assert.ok(requested(/\/v1\/suggestions$/).length >= 2, 'the desk was asked for each context');
    assert.ok(requested(moduleOf('rules')).length >= 1, 'the engine\'s module was asked for (and refused)');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a blocked article module shows a retry in the user\'s language, keeps the query, and loads on retry', async () => {
  const { page, context, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  const blocked = (route) => route.abort('blockedbyclient');
  await context.route(moduleOf('article'), blocked);
  try {
    // Spanish, on another origin than the desk, under that page's strict CSP.
    await page.goto(`${env.pages.url}/embed.html?locale=es`);
    await widget.ready();
    await page.getByRole('button', { name: await message('es', 'help'), exact: true }).click();
    const box = page.locator(widgetPart('search'));
    await box.fill('reembolso');
    const result = page.locator(widgetPart('result')).first();
    await result.click();

    const failed = page.getByRole('alert').filter({ hasText: await message('es', 'part_failed') });
    await failed.waitFor({ state: 'visible' });
    const retry = page.getByRole('button', { name: await message('es', 'try_again'), exact: true });
    assert.equal(await widget.focusedClass(), await retry.getAttribute('class'), 'focus is on the retry button');

    // The widget lives on: back home, the query is still in the box and the results beside it.
    await page.getByRole('button', { name: await message('es', 'back'), exact: true }).click();
    assert.equal(await box.inputValue(), 'reembolso');
    assert.ok(await result.isVisible(), 'the results are still shown');

    await result.click();
    await failed.waitFor({ state: 'visible' });
    await context.unroute(moduleOf('article'), blocked);
    await retry.click();
    await widget.articleHeading().waitFor({ state: 'visible' });
    assert.equal(await widget.articleHeading().getAttribute('lang'), 'es');
    assert.equal(await failed.count(), 0, 'the message is gone');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

for (const name of DEMO_PAGES) {
  test(`/demo/${name}: the split views load under the strict CSP without a violation or an error`, async () => {
    const { page, record, requested, cspViolations, close } = await newPage(env.browser);
    const widget = new Widget(page);
    try {
      await page.goto(`${env.desk.url}/demo/${name}`, { waitUntil: 'load' });
      await widget.ready();
      await widget.open();
      await widget.call('showStatus');
      await widget.statusView().waitFor({ state: 'visible' });
      await widget.call('showArticle', 'contact-support');
      await page.locator(widgetPart('articleTitle'), { hasText: await articleTitle('contact-support') }).waitFor();
      assert.equal(requested(moduleOf('status')).length, 1);
      assert.equal(requested(moduleOf('article')).length, 1);

      assert.deepEqual(await cspViolations(), []);
      assert.deepEqual(record.errors, [], describeErrors(record.errors));
      const consoleErrors = record.console.filter((m) => m.type === 'error');
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } finally {
      await close();
    }
  });
}
