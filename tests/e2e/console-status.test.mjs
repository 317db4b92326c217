// The console's status page: an admin opens an incident with a banner preview per demo page, the buyer's open
// widget shows that banner live, and resolving it from the console takes it away. Agents cannot publish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_DESK_ARGS, Widget, describeErrors, newPage, setup, until } from './harness.mjs';
import { Console, addAgent } from './console-harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });
const ADMIN = { name: 'Ana Admin', email: 'ana@example.com', role: 'admin' };
const AGENT = { name: 'Ben Agent', email: 'ben@example.com', role: 'agent' };
let agentsAdded = null;

function agents() {
  agentsAdded ??= Promise.all([addAgent(env.desk, ADMIN), addAgent(env.desk, AGENT)]);
  return agentsAdded;
}

/** The preview banner for `surface` (`now` or `after` publishing), as text, or null when it shows none. */
function previewBanner(page, surface, when) {
  const banner = page.locator(
    `[data-testid="preview-surface"][data-surface="${surface}"] [data-testid="preview-${when}"] [data-testid="preview-banner"]`,
  );
  return banner.count().then((n) => (n === 0 ? null : banner.evaluate((el) => ({
    impact: el.querySelector('.sp-banner__impact')?.textContent ?? null,
    title: el.querySelector('.sp-banner__title')?.textContent ?? null,
    body: el.querySelector('.sp-banner__body')?.textContent ?? null,
    markup: el.querySelectorAll('b, script').length,
  }))));
}

test('an admin publishes an incident from the console: the preview matches the banner the open widget then shows, live', { timeout: 240_000 }, async () => {
  await agents();
  const admin = await newPage(env.browser);
  const buyer = await newPage(env.browser);
  const console = new Console(admin.page, env.desk.url);
  const widget = new Widget(buyer.page);
  try {
    await buyer.page.goto(`${env.desk.url}/demo/checkout`);
    await widget.ready();
    await widget.open();
    assert.equal(await widget.bannerText(), null, 'no banner before the incident');

    await console.open('#/status');
    await console.signIn(ADMIN.email);
    await console.byId('incident-name').waitFor({ timeout: 20_000 });
    await console.audit('status page');

    // Validation: a nameless incident is refused beside the field, and what was typed stays.
    const message = 'Cards are declined at checkout. <b>We are on it</b> <script>window.__pwned = 1</script>';
    await console.byId('incident-message').fill(message);
    await console.byId('incident-submit').click();
    await console.byId('incident-name-error').waitFor({ state: 'visible' });
    await until(async () => (await admin.page.evaluate(() => document.activeElement?.dataset.testid)) === 'incident-name',
      'focus to move to the field to fix');
    assert.equal(await console.byId('incident-message').inputValue(), message, 'the message is kept');

    await console.byId('incident-name').fill('Card payments failing');
    await console.byId('incident-impact').selectOption('major');
    await admin.page.locator('[data-testid="incident-component"][data-component="Checkout"]').check();
    await until(async () => (await previewBanner(admin.page, 'checkout', 'after'))?.title === 'Card payments failing',
      'the checkout preview to show the incident being written');
    const preview = await previewBanner(admin.page, 'checkout', 'after');
    assert.equal(preview.body, message, 'the preview shows the message as text');
    assert.equal(preview.markup, 0, 'no markup from the message');
    assert.equal(await previewBanner(admin.page, 'onboarding', 'after'), null, 'a checkout incident shows no banner to sellers onboarding');
    await console.audit('status page with a preview');

    await console.byId('incident-submit').click();
    await console.byId('status-announcer').filter({ hasText: 'Card payments failing' }).waitFor();
    await until(async () => (await widget.bannerText())?.title === 'Card payments failing',
      'the open widget on the demo checkout to show the new incident', 10_000);
    const banner = await widget.bannerText();
    assert.deepEqual({ impact: banner.impact, title: banner.title, body: banner.body },
      { impact: preview.impact, title: preview.title, body: preview.body }, 'the widget shows what the preview showed');
    assert.equal(await buyer.page.evaluate(() => typeof window.__pwned), 'undefined');
    const item = admin.page.locator('[data-testid="status-item"]', { hasText: 'Card payments failing' });
    await item.waitFor();

    // Resolved from the console: the widget's banner goes.
    await item.getByTestId('resolve-button').click();
    await console.byId('update-message').fill('Payments work again.');
    await console.byId('update-submit').click();
    await until(async () => (await widget.bannerText())?.title !== 'Card payments failing',
      'the widget\'s banner to go once resolved', 10_000);
    await item.waitFor({ state: 'detached', timeout: 10_000 });

    assert.deepEqual(await admin.cspViolations(), [], 'no CSP violations in the console');
    assert.deepEqual(admin.record.errors, [], describeErrors(admin.record.errors));
  } finally {
    await admin.close();
    await buyer.close();
  }
});

test('an agent has no status page: no link, and the page says it is for admins', { timeout: 240_000 }, async () => {
  await agents();
  const { page, close } = await newPage(env.browser);
  const console = new Console(page, env.desk.url);
  try {
    await console.open();
    await console.signIn(AGENT.email);
    assert.equal(await page.getByRole('link', { name: 'Status page' }).count(), 0, 'no link for an agent');
    await page.evaluate(() => { window.location.hash = '#/status'; });
    await console.byId('admins-only').waitFor();
    assert.equal(await console.byId('incident-form').count(), 0);
    await console.audit('admins only');
  } finally {
    await close();
  }
});
