// Service status when the desk's event stream cannot get through (a proxy or firewall that drops it): the widget
// falls back to polling the desk's summary.json and still shows a newly opened incident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, runCli, setup } from './harness.mjs';

const TOKEN = 'e2e-agent-token-status-polling-0123456789abcdef';
const env = setup({ args: ['--agent-token', TOKEN] });
const cli = (...args) => runCli(env.desk, TOKEN, ...args);

/** Polling every ~10 s, plus the stream's failed attempts first. */
const POLL_MS = 25_000;
const STREAM = '**/v1/status/stream';
const SUMMARY = /\/api\/v2\/summary\.json(\?|$)/;

/**
 * Opens /demo/checkout with the stream answered by `block` (a page.route handler), opens an incident once the
 * widget polls, and checks that the banner shows it.
 */
async function picksUpByPolling(block, title) {
  const { page, record, requested, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  let streamAttempts = 0;
  await page.route(STREAM, (route) => {
    streamAttempts += 1;
    return block(route);
  });
  try {
    const firstPoll = page.waitForResponse(SUMMARY, { timeout: 15_000 });
    await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    await widget.ready();
    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });
    const poll = await firstPoll.catch((err) => {
      throw new Error(`the widget never polled summary.json (the stream was tried ${streamAttempts} time(s))\n${err.message}`);
    });
    assert.equal(poll.status(), 200, 'the widget fell back to polling summary.json');
    assert.ok(streamAttempts >= 1, 'it tried the stream first');
    assert.equal(await widget.statusBanner().count(), 0, 'no banner while all is well');

    const id = await cli('incident', 'open', '--component', 'Payments', '--impact', 'minor', title);
    const started = Date.now();
    await widget.statusBanner().filter({ hasText: title }).waitFor({ state: 'visible', timeout: POLL_MS })
      .catch(async (err) => {
        const polls = requested(SUMMARY).map((r) => new Date(r.at).toISOString());
        throw new Error(`no banner within ${POLL_MS / 1000} s; summary.json polled at ${polls.join(', ')}\n${err.message}`);
      });
    const banner = await widget.bannerText();
    assert.match(banner.className, /\bsp-banner--minor\b/);
    assert.equal(banner.impact, 'Service issue');
    assert.ok(Date.now() - started < POLL_MS);

    // It keeps polling at a steady pace rather than hammering the desk.
    const polls = requested(SUMMARY);
    const spanSeconds = (polls.at(-1).at - polls[0].at) / 1000;
    assert.ok(polls.length <= 2 + spanSeconds / 7, `${polls.length} polls in ${spanSeconds} s`);

    await cli('incident', 'resolve', id);
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
}

test('with the event stream aborted, the widget polls summary.json and shows a new incident', async () => {
  await picksUpByPolling((route) => route.abort(), 'Card payments slow (stream aborted)');
});

// An EventSource whose response is not a 200 text/event-stream fails for good after one error event (no reconnect):
// the widget must fall back to polling on that single error.
test('with the event stream refused (HTTP 403 from a proxy), the widget polls summary.json and shows a new incident', async () => {
  await picksUpByPolling(
    (route) => route.fulfill({ status: 403, contentType: 'text/plain', body: 'Forbidden by proxy' }),
    'Card payments slow (stream refused)',
  );
});
