// Scheduled maintenance: an operator schedules Payouts maintenance with the desk's CLI. Seller onboarding (which
// Payouts concerns) warns of it ahead of time; checkout (which it does not concern) shows nothing. Once the window
// has begun, the launcher says so while the panel is closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, recordStatusEvents, runCli, setup } from './harness.mjs';

const TOKEN = 'e2e-agent-token-status-maintenance-0123456789abcdef';
const env = setup({ args: ['--agent-token', TOKEN] });
const cli = (...args) => runCli(env.desk, TOKEN, ...args);

const HOUR = 3_600_000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Opens `/demo/<name>` with the panel open, once the widget has had a summary that mentions `expected`. */
async function openDemo(name, expected) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await recordStatusEvents(session.page);
  await session.page.goto(`${env.desk.url}/demo/${name}`, { waitUntil: 'load' });
  await widget.ready();
  await session.page.waitForFunction(
    (text) => (window.__statusEvents || []).some((data) => data.includes(text)),
    expected,
    { timeout: 10_000 },
  );
  return { ...session, widget };
}

test('maintenance scheduled in 2 hours for Payouts is announced on onboarding, not on checkout', async () => {
  const name = 'Payout provider upgrade';
  const message = 'Payouts pause while our payout provider upgrades; nothing is lost.';
  const id = await cli(
    'maintenance', 'schedule', '--component', 'Payouts',
    '--from', iso(Date.now() + 2 * HOUR), '--until', iso(Date.now() + 4 * HOUR),
    '--message', message, name,
  );
  assert.match(id, /^\S+$/, `the CLI printed the maintenance's id: ${JSON.stringify(id)}`);

  const onboarding = await openDemo('onboarding', name);
  try {
    const { widget } = onboarding;
    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });
    await widget.statusBanner().waitFor({ state: 'visible', timeout: 2_000 });
    const banner = await widget.bannerText();
    assert.match(banner.className, /\bsp-banner--maintenance\b/);
    assert.equal(banner.impact, 'Scheduled maintenance');
    assert.equal(banner.title, name);
    assert.equal(banner.body, message);
    assert.ok(await widget.viewStatusButton().isVisible(), 'with a "View status" button');
    assert.deepEqual(await onboarding.cspViolations(), [], 'no CSP violations on onboarding');
    assert.deepEqual(onboarding.record.errors, [], describeErrors(onboarding.record.errors));
  } finally {
    await onboarding.close();
  }

  const checkout = await openDemo('checkout', name);
  try {
    const { page, widget } = checkout;
    // The widget has the summary with the maintenance (waited for above); give it a moment to render.
    await page.waitForTimeout(500);
    await widget.launcher().waitFor({ state: 'visible' });
    assert.equal(await widget.launcherBadge().isVisible(), false, 'no badge on checkout');
    await widget.open();
    await page.waitForTimeout(300);
    assert.equal(await widget.statusBanner().count(), 0, `no banner on checkout: ${JSON.stringify(await widget.bannerText())}`);
    assert.equal(await widget.resolvedNotice().count(), 0);
    assert.deepEqual(await checkout.cspViolations(), [], 'no CSP violations on checkout');
    assert.deepEqual(checkout.record.errors, [], describeErrors(checkout.record.errors));
  } finally {
    await checkout.close();
  }
});

test('maintenance in progress for identity verification: onboarding shows it, and the closed launcher says so', async () => {
  const name = 'Identity checks paused';
  await cli(
    'maintenance', 'schedule', '--component', 'Identity verification',
    '--from', iso(Date.now() - 5 * 60_000), '--until', iso(Date.now() + HOUR), name,
  );
  const { page, widget, record, cspViolations, close } = await openDemo('onboarding', name);
  try {
    const launcher = page.locator('signpost-widget .sp-launcher');
    await page.waitForFunction(
      () => document.querySelector('signpost-widget')?.shadowRoot?.querySelector('.sp-launcher')
        ?.getAttribute('aria-label')?.startsWith('Help — '),
      null,
      { timeout: 2_000 },
    ).catch(() => {});
    assert.equal(await launcher.getAttribute('aria-label'), 'Help — maintenance affecting seller onboarding');
    assert.ok(await widget.launcherBadge().isVisible(), 'the badge shows');
    assert.match(await widget.launcherBadge().getAttribute('class'), /\bsp-launcher__badge--maintenance\b/);

    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });
    await widget.statusBanner().filter({ hasText: name }).waitFor({ state: 'visible', timeout: 2_000 });
    const banner = await widget.bannerText();
    assert.match(banner.className, /\bsp-banner--maintenance\b/);
    assert.equal(banner.impact, 'Maintenance');
    assert.equal(banner.title, name);
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
