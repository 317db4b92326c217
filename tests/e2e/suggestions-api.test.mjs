// The desk's POST /v1/suggestions and the widget run the same rules: for the same context they must agree on
// what comes first and why. And a host page that sends a fact with the wrong type gets a console warning naming
// it, while the widget keeps working with everything else it was told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, articleTitle, describeErrors, message, newPage, setup } from './harness.mjs';

const env = setup();

/** "order.promised_by" → "Delivery promised by", as the widget labels facts in English (`locales/en.toml`). */
const label = (factPath) => message('en', `fact_${factPath.replace(/\./g, '_')}`);

/** Opens the static order page (its context in `window.__context`), the panel, and waits for suggestions. */
async function openOrderContextPage(query = '') {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.pages.url}/order-context.html${query}`, { waitUntil: 'load' });
  await widget.ready();
  await widget.open();
  return { ...session, widget };
}

async function postSuggestions(body) {
  const response = await fetch(`${env.desk.url}/v1/suggestions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test('POST /v1/suggestions agrees with the widget on the late order: same items, same rule, same facts', async () => {
  const lateTitle = await articleTitle('late-delivery');
  const { page, widget, record, cspViolations, close } = await openOrderContextPage();
  try {
    await widget.waitForFirstSuggestion(lateTitle);
    const widgetTitles = await widget.suggestionTitles();
    const first = await widget.suggestion(lateTitle);
    await first.why.click();
    await first.explanation.waitFor({ state: 'visible' });
    const origin = await first.explanation.locator('.sp-explanation__origin').first().textContent();
    const widgetRule = origin.match(/^Matched rule “(.+)”$/)?.[1];
    assert.ok(widgetRule, `the widget names the rule: ${origin}`);
    const widgetFacts = await first.explanation.locator('dl.sp-facts').first().locator('dt').allTextContents();

    // The same context the page sent, with what the widget adds from the script tag, and the browser's clock.
    const { context, clock } = await page.evaluate(() => ({
      context: { ...window.__context, surface: 'order', locale: 'en' },
      clock: {
        now_unix_seconds: Math.floor(Date.now() / 1000),
        utc_offset_minutes: -new Date().getTimezoneOffset(),
      },
    }));
    const { status, body } = await postSuggestions({ context, clock });
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(Array.isArray(body.suggestions) && body.suggestions.length > 0, JSON.stringify(body));

    // The answer's shape, and its order (best first).
    for (const s of body.suggestions) {
      assert.ok(['article', 'action'].includes(s.item.kind), JSON.stringify(s.item));
      assert.equal(typeof s.priority, 'number');
      assert.ok(s.reasons.length > 0, `every suggestion has a reason: ${JSON.stringify(s)}`);
      for (const r of s.reasons) {
        assert.equal(typeof r.source, 'string');
        assert.equal(typeof r.text, 'string');
        for (const f of r.facts) assert.deepEqual(Object.keys(f).sort(), ['path', 'shown', 'value']);
      }
    }
    const priorities = body.suggestions.map((s) => s.priority);
    assert.deepEqual(priorities, [...priorities].sort((a, b) => b - a), 'best first');

    const [top] = body.suggestions;
    assert.equal(top.item.kind, 'article');
    assert.equal(top.item.id, 'late-delivery');
    assert.equal(top.item.title, lateTitle);
    assert.equal(top.reasons[0].source, 'rule');
    assert.equal(top.reasons[0].rule_id, widgetRule, 'the same rule as the widget shows');
    assert.match(top.reasons[0].text, /A-1043/);
    assert.match(top.reasons[0].text, /3 days ago/);
    assert.deepEqual(await Promise.all(top.reasons[0].facts.map((f) => label(f.path))), widgetFacts, 'the same facts, in order');
    const promised = top.reasons[0].facts.find((f) => f.path === 'order.promised_by');
    assert.equal(promised?.value, context.order.promised_by, 'a fact carries the value the page sent');

    // Everything the desk suggests (articles by title, actions such as contact by label), the widget lists, in
    // the same order.
    const deskTitles = body.suggestions.map((s) => (s.item.kind === 'article' ? s.item.title : s.item.label));
    assert.deepEqual(widgetTitles, deskTitles);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('order.amount = "lots": the widget warns in the console, naming the field, and keeps working', async () => {
  const lateTitle = await articleTitle('late-delivery');
  const { page, widget, record, cspViolations, close } = await openOrderContextPage('?amount=lots');
  try {
    assert.equal(await page.evaluate(() => window.__context.order.amount), 'lots', 'the page really sent a string');
    await widget.waitForFirstSuggestion(lateTitle);

    const warnings = record.console.filter((m) => m.type === 'warning' && m.text.includes('order.amount'));
    assert.equal(warnings.length, 1, `one warning naming order.amount: ${JSON.stringify(record.console)}`);
    assert.match(warnings[0].text, /^Signpost: .*`order\.amount`.*number/, 'says what was expected');
    assert.deepEqual(record.console.filter((m) => m.type === 'error'), [], 'no console errors');

    // The rest of the context still counts: the late order is explained with its id.
    const { why, explanation } = await widget.suggestion(lateTitle);
    await why.click();
    assert.match(await explanation.textContent(), /A-1043.*3 days ago/);

    // Search still works, and a later, valid setContext is taken up.
    await widget.search('track');
    assert.ok((await widget.resultOptions().count()) > 0, 'search answers');
    await widget.searchBox().fill('');
    await page.evaluate(() => window.Signpost('setContext', { order: { ...window.__context.order, amount: 129.5, status: 'delivered', delivered_at: new Date().toISOString() } }));
    await widget.waitForFirstSuggestion(await articleTitle('return-window'));
    assert.equal(
      record.console.filter((m) => m.text.includes('order.amount')).length, 1,
      'no new warning once the amount is a number',
    );

    // The desk, asked directly with the same bad context, answers cleanly: agreeing with the widget, or refusing
    // the field by name. Never a server error.
    const context = await page.evaluate(() => ({ ...window.__context, surface: 'order', locale: 'en' }));
    const { status, body } = await postSuggestions({ context });
    if (status === 200) {
      assert.equal(body.suggestions[0]?.item.id, 'late-delivery', JSON.stringify(body));
    } else {
      assert.ok(status >= 400 && status < 500, `a client error, not ${status}`);
      assert.match(body.message ?? JSON.stringify(body), /order\.amount/, 'the error names the field');
    }

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
