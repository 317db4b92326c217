// The demo checkout: with a pending payment no rule applies and the widget offers the checkout reading list
// (explained as such); a declined card (the Pay form calls setContext with payment_status "failed") brings the
// payment-failure articles first, and choosing one opens it in the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, articleTitle, describeErrors, newPage, reasonPattern, ruleReason, setup } from './harness.mjs';

const env = setup();
// Wide enough that the open panel does not cover the Pay button.
const VIEWPORT = { width: 1920, height: 1080 };

test('a declined payment replaces the checkout reading list with payment-failure help, live', async () => {
  const fallbackFirst = await articleTitle('payment-methods');
  const declinedTitle = await articleTitle('payment-declined');
  const reason = reasonPattern(await ruleReason('payment-failed'));
  const { page, record, cspViolations, close } = await newPage(env.browser, { viewport: VIEWPORT });
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/checkout`);
    await widget.listen(['suggestion:clicked', 'article:viewed']);
    await widget.ready();
    await widget.open();

    // Pending payment: the fallback list, explained as such.
    await widget.waitForFirstSuggestion(fallbackFirst);
    const fallback = await widget.suggestion(fallbackFirst);
    await fallback.why.click();
    assert.match(await fallback.explanation.textContent(), /Suggested for pages like this one/);
    assert.doesNotMatch(await fallback.explanation.textContent(), /Matched rule/);

    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('alert').filter({ hasText: /declined/ }).waitFor({ state: 'visible' });
    await widget.waitForFirstSuggestion(declinedTitle);
    const titles = await widget.suggestionTitles();
    assert.ok(!titles.includes(fallbackFirst), `the reading list is gone: ${JSON.stringify(titles)}`);
    const declined = await widget.suggestion(declinedTitle);
    await declined.why.click();
    await declined.explanation.waitFor({ state: 'visible' });
    assert.match(await declined.explanation.locator('.sp-explanation__text').first().textContent(), reason);
    assert.match(await declined.explanation.textContent(), /Matched rule “payment-failed”/);

    // Choosing the suggestion opens the article in the panel.
    await declined.open.click();
    await widget.articleHeading().waitFor({ state: 'visible' });
    assert.equal(await widget.articleHeading().textContent(), declinedTitle);
    const events = await widget.events();
    assert.deepEqual(events, [
      { name: 'suggestion:clicked', detail: { article: 'payment-declined', source: 'suggestion' } },
      { name: 'article:viewed', detail: { id: 'payment-declined' } },
    ]);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
