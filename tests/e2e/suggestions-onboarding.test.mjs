// The demo seller onboarding is a single-page wizard: it opens at identity verification with a rejected ID
// document, and reports every route change with setContext. The widget suggests help for the blocker, explains
// why, and follows the seller from step to step without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Widget, articleTitle, describeErrors, newPage, reasonPattern, ruleReason, setup,
} from './harness.mjs';

const env = setup();

async function openOnboarding() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.desk.url}/demo/onboarding`);
  await widget.listen(['suggestion:shown', 'suggestion:clicked']);
  await widget.ready();
  await widget.open();
  return { ...session, widget };
}

/** A step link in the page's own wizard (not the widget). */
const wizardStep = (page, name) =>
  page.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('link', { name: new RegExp(`^${name}`) });

test('a rejected ID document is suggested first, explained by the identity verification step', async () => {
  const rejectedTitle = await articleTitle('document-rejected');
  const reason = reasonPattern(await ruleReason('document-rejected'), {
    'onboarding.step|words': 'identity verification',
  });
  const { page, widget, record, cspViolations, close } = await openOnboarding();
  try {
    assert.match(page.url(), /#identity_verification$/, 'the wizard opened at identity verification');
    await widget.waitForFirstSuggestion(rejectedTitle);

    const { why, explanation } = await widget.suggestion(rejectedTitle);
    assert.equal(await why.getAttribute('aria-expanded'), 'false');
    await why.click();
    assert.equal(await why.getAttribute('aria-expanded'), 'true');
    await explanation.waitFor({ state: 'visible' });
    const text = await explanation.locator('.sp-explanation__text').first().textContent();
    assert.match(text, /identity verification step/, 'names the step, in words');
    assert.match(text, /ID document was rejected/, 'names the blocker');
    assert.match(text, reason);
    assert.match(await explanation.textContent(), /Matched rule “document-rejected”/);
    const facts = await explanation.locator('dl.sp-facts').first().evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
    );
    assert.match(facts['Blockers'] ?? '', /document_rejected/, JSON.stringify(facts));

    // The rule's action is offered too, and tells the page (which owns its routes) where to go.
    const action = widget.panel().getByRole('button', { name: 'Resubmit your ID', exact: true });
    await action.click();
    const clicked = (await widget.events()).filter((e) => e.name === 'suggestion:clicked');
    assert.deepEqual(clicked.map((e) => e.detail), [{ action: 'onboarding_step', step: 'identity_verification' }]);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('moving through the wizard updates the suggestions live', async () => {
  const rejectedTitle = await articleTitle('document-rejected');
  const payoutTitle = await articleTitle('payout-account');
  const paidTitle = await articleTitle('getting-paid');
  const profileTitle = await articleTitle('shop-profile');
  const { page, widget, record, cspViolations, close } = await openOnboarding();
  try {
    await widget.waitForFirstSuggestion(rejectedTitle);
    await page.evaluate(() => { window.__samePage = true; });

    // A click on a step in the page's wizard: a hash route change, reported with setContext.
    await wizardStep(page, 'Payout account').click();
    await widget.waitForFirstSuggestion(payoutTitle);
    assert.match(page.url(), /#payout_account$/);
    assert.deepEqual(await widget.suggestionTitles(), [payoutTitle, paidTitle],
      'only the payout step\'s help: the ID blocker belongs to another step');
    const { why, explanation } = await widget.suggestion(payoutTitle);
    await why.click();
    await explanation.waitFor({ state: 'visible' });
    assert.match(await explanation.textContent(), /step 4 of 5/);
    assert.match(await explanation.textContent(), /Matched rule “onboarding-payout-account”/);

    // The page's own Back button, then the browser's history.
    await page.locator('main').getByRole('button', { name: 'Back', exact: true }).click();
    await widget.waitForFirstSuggestion(rejectedTitle);
    await wizardStep(page, 'Shop profile').click();
    await widget.waitForFirstSuggestion(profileTitle);
    await page.goBack();
    await widget.waitForFirstSuggestion(rejectedTitle);

    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was not reloaded');
    assert.ok(await widget.panel().isVisible(), 'the panel stayed open');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
