// The demo order page tells the widget about a late order (promised 3 days ago, shipped, not delivered). The
// widget suggests what to read first and explains each suggestion on demand; when the page's situation changes
// (the demo's "Simulate" buttons call setContext) the suggestions follow without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Widget, articleTitle, describeErrors, newPage, reasonPattern, ruleReason, setup,
} from './harness.mjs';

const env = setup();
// Wide enough that the open panel (fixed, bottom right) does not cover the demo controls in the page's side column.
const VIEWPORT = { width: 1920, height: 1080 };

async function openOrderPage() {
  const session = await newPage(env.browser, { viewport: VIEWPORT });
  const widget = new Widget(session.page);
  await session.page.goto(`${env.desk.url}/demo/order`);
  await widget.listen(['suggestion:shown']);
  await widget.ready();
  await widget.open();
  return { ...session, widget };
}

test('the late order comes first, and its explanation opens from the keyboard and names the order', async () => {
  const lateTitle = await articleTitle('late-delivery');
  const lateReason = reasonPattern(await ruleReason('late-delivery'), {
    'order.id': 'A-1043',
    'order.promised_by|days_since': 3,
  });
  const { page, widget, record, cspViolations, close } = await openOrderPage();
  try {
    await widget.suggestedSection().waitFor({ state: 'visible' });
    await widget.waitForFirstSuggestion(lateTitle);
    const { why, box, explanation, open } = await widget.suggestion(lateTitle);
    assert.ok(await open.isVisible(), 'the suggestion is a visible button');

    // Collapsed at first.
    assert.equal(await why.getAttribute('aria-expanded'), 'false');
    assert.ok(await box.isHidden(), 'the explanation is hidden while collapsed');

    // Enter expands it, from the keyboard, and focus stays on the toggle.
    await why.focus();
    await page.keyboard.press('Enter');
    assert.equal(await why.getAttribute('aria-expanded'), 'true', 'Enter expands');
    await explanation.waitFor({ state: 'visible' });
    assert.equal(await widget.focusedClass(), 'sp-why', 'focus stays on "Why am I seeing this?"');

    const text = await explanation.locator('.sp-explanation__text').first().textContent();
    assert.match(text, /A-1043/, 'the explanation names the order');
    assert.match(text, /3 days ago/, 'the explanation says how late it is');
    assert.match(text, lateReason, 'the explanation is the late-delivery rule\'s reason, filled in');
    assert.match(await explanation.textContent(), /Matched rule “late-delivery”/);

    // The facts behind it, as a description list.
    const facts = await explanation.locator('dl.sp-facts').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
    );
    assert.equal(facts['Order id'], 'A-1043', JSON.stringify(facts));
    assert.match(facts['Delivery promised by'] ?? '', /\(3 days ago\)/, JSON.stringify(facts));
    assert.equal(facts['Order status'], 'shipped', JSON.stringify(facts));

    // Space toggles it too.
    await page.keyboard.press('Space');
    assert.equal(await why.getAttribute('aria-expanded'), 'false', 'Space collapses');
    await explanation.waitFor({ state: 'hidden' });
    await page.keyboard.press('Space');
    assert.equal(await why.getAttribute('aria-expanded'), 'true', 'Space expands');
    await explanation.waitFor({ state: 'visible' });

    const shown = (await widget.events()).filter((e) => e.name === 'suggestion:shown');
    assert.ok(shown.length >= 1, 'suggestion:shown fired when the panel opened');
    assert.equal(shown.at(-1).detail.items[0], 'article:late-delivery');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('"Simulate: delivered 20 days ago" switches the suggestions to the return window, live', async () => {
  const lateTitle = await articleTitle('late-delivery');
  const returnTitle = await articleTitle('return-window');
  const returnReason = reasonPattern(await ruleReason('return-window'), {
    'order.id': 'A-1043',
    'order.delivered_at|days_until+30': 10,
  });
  const { page, widget, record, cspViolations, close } = await openOrderPage();
  try {
    await widget.waitForFirstSuggestion(lateTitle);
    await page.evaluate(() => { window.__samePage = true; });

    // The panel stays open while the user clicks the page.
    await page.getByRole('button', { name: 'Simulate: delivered 20 days ago' }).click();
    await widget.waitForFirstSuggestion(returnTitle);
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was not reloaded');
    assert.ok(await widget.panel().isVisible(), 'the panel is still open');
    const titles = await widget.suggestionTitles();
    assert.ok(!titles.includes(lateTitle), `the late-order article is gone: ${JSON.stringify(titles)}`);

    const { why, explanation } = await widget.suggestion(returnTitle);
    assert.equal(await why.getAttribute('aria-expanded'), 'false', 'a new suggestion starts collapsed');
    await why.click();
    await explanation.waitFor({ state: 'visible' });
    const text = await explanation.locator('.sp-explanation__text').first().textContent();
    assert.match(text, /delivered on/, 'the explanation mentions the delivery');
    assert.match(text, /10 days left/, 'the explanation counts the days left in the 30-day window');
    assert.match(text, returnReason);
    assert.match(await explanation.textContent(), /Matched rule “return-window”/);
    const deliveredAt = await explanation
      .locator('dl.sp-facts div', { has: page.locator('dt', { hasText: /^Delivered$/ }) })
      .locator('dd')
      .textContent();
    assert.match(deliveredAt, /\(20 days ago\)/);

    // And back.
    await page.getByRole('button', { name: 'Simulate: late order' }).click();
    await widget.waitForFirstSuggestion(lateTitle);

    const shown = (await widget.events()).filter((e) => e.name === 'suggestion:shown').map((e) => e.detail.items[0]);
    assert.deepEqual(shown, ['article:late-delivery', 'article:return-window', 'article:late-delivery'],
      'suggestion:shown fired for each new set of suggestions');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
