// After filing, the user follows the request in the widget: "Your requests" lists it, its thread shows what they
// wrote, an agent's reply (from the CLI) arrives while the thread is open, and the user's answer reaches the agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT_TOKEN, AgentApi, TICKET_DESK_ARGS, Widget, describeErrors, newPage, runCli, setup,
} from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });

test('a reply from the CLI appears in the open thread within 2 s, and the user\'s answer reaches the agent', async () => {
  const agent = new AgentApi(env.desk.url);
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    assert.equal(await widget.requestsButton().count(), 0, 'no "Your requests" before filing anything');

    await widget.openContact();
    await widget.fillContact({
      topic: 'order-not-arrived',
      subject: 'Where is A-1043?',
      message: 'My order A-1043 is three days late.',
      email: 'lena@example.com',
    });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();

    // Back home: "Your requests" is there now and lists it.
    await widget.backButton().click();
    await widget.openRequests();
    assert.deepEqual(await widget.requestIds(), [id]);
    await widget.openThread(id);
    assert.deepEqual(await widget.threadMessages(), [{ who: 'You', body: 'My order A-1043 is three days late.' }]);
    assert.match(
      await widget.panelElement().locator('.sp-thread .sp-thread__meta').textContent(),
      new RegExp(`^${id} · Open · Orders and delivery team$`),
    );

    // The agent answers from the command line; the open thread shows it without any action from the user.
    const repliedAt = Date.now();
    await runCli(env.desk, AGENT_TOKEN, 'tickets', 'reply', id, 'We are on it');
    const cliDone = Date.now();
    await page.waitForFunction(
      () => [...document.querySelector('signpost-widget').shadowRoot.querySelectorAll('.sp-thread .sp-message__body')]
        .some((el) => el.textContent === 'We are on it'),
      null, { timeout: 2_000 + (cliDone - repliedAt) },
    ).catch(async () => assert.fail(`the reply did not show within 2 s: ${JSON.stringify(await widget.threadMessages())}`));
    assert.deepEqual(await widget.threadMessages(), [
      { who: 'You', body: 'My order A-1043 is three days late.' },
      { who: 'Support', body: 'We are on it' },
    ]);
    assert.match(await widget.panelElement().locator('.sp-thread .sp-thread__meta').textContent(), /Awaiting your reply/);

    // The user answers in the reply box; the agent sees it.
    await widget.replyBox().fill('Thanks! The tracking number is SP 4821 7730 1956 PT.');
    await widget.sendReplyButton().click();
    await widget.panelElement().locator('.sp-thread .sp-message--user .sp-message__body', { hasText: 'Thanks!' }).waitFor();
    assert.equal(await widget.replyBox().inputValue(), '', 'the box is emptied once sent');
    const stored = await agent.ticket(id);
    assert.deepEqual(stored.messages.map((m) => [m.author, m.body]), [
      ['user', 'My order A-1043 is three days late.'],
      ['agent', 'We are on it'],
      ['user', 'Thanks! The tracking number is SP 4821 7730 1956 PT.'],
    ]);
    assert.equal(stored.status, 'open', 'the user\'s answer reopens the ticket');
    const shown = await runCli(env.desk, AGENT_TOKEN, 'tickets', 'show', id);
    assert.match(shown, /Thanks! The tracking number is SP 4821 7730 1956 PT\./, 'the CLI shows it too');

    // Solved from the CLI: the open thread follows.
    await runCli(env.desk, AGENT_TOKEN, 'tickets', 'status', id, 'solved');
    await widget.panelElement().locator('.sp-thread .sp-thread__meta', { hasText: 'Solved' }).waitFor({ timeout: 2_000 });
    assert.deepEqual((await widget.threadMessages()).map((m) => m.who), ['You', 'Support', 'You'], 'each message once');

    // Solved, the thread asks how the help was. Sending without a rating says what is missing and keeps the
    // comment; a rating is sent, thanked for, and counted in the responses report with its response rate.
    const csat = widget.panelElement().locator('[data-part="csat"]');
    await csat.getByRole('group', { name: 'How was the help you got?' }).waitFor();
    await csat.getByLabel('Anything to add? (optional)').fill('Quick and kind.');
    await csat.getByRole('button', { name: 'Send rating' }).click();
    await csat.getByRole('alert').filter({ hasText: 'How was the help you got?' }).waitFor();
    assert.equal(await csat.getByLabel('Anything to add? (optional)').inputValue(), 'Quick and kind.');
    await csat.getByRole('radio', { name: 'Good', exact: true }).check();
    await csat.getByRole('button', { name: 'Send rating' }).click();
    await csat.getByRole('status').filter({ hasText: 'Thanks: you rated the help 4 out of 5.' }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const responses = await agent.ok('GET', `/v1/agent/insights/responses?from=${today}&to=${today}`);
    const row = responses.rows.find((r) => r.queue === 'orders');
    assert.equal(row?.solved, 1, JSON.stringify(responses));
    assert.deepEqual([row.csat_response_rate.successes, row.csat_response_rate.trials], [1, 1]);
    assert.deepEqual([row.satisfied_rate.successes, row.satisfied_rate.trials], [1, 1]);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('"Your requests" lists only this browser\'s requests, newest first, after a reload', async () => {
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    assert.equal(await widget.requestsButton().count(), 0, 'another browser\'s request is not listed here');
    const ids = [];
    for (const subject of ['First question', 'Second question']) {
      await widget.openContact();
      await widget.fillContact({ topic: 'other', subject, message: `${subject}, in detail.`, email: 'lena@example.com' });
      await widget.sendRequestButton().click();
      ids.push(await widget.waitForSent());
      await widget.backButton().click();
    }
    await page.reload();
    await widget.ready();
    await widget.open();
    await widget.openRequests();
    assert.deepEqual(await widget.requestIds(), [...ids].reverse(), 'newest first');
    await widget.openThread(ids[0]);
    assert.deepEqual(await widget.threadMessages(), [{ who: 'You', body: 'First question, in detail.' }]);
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('with the thread\'s event stream refused by a proxy, agent replies still arrive by polling', async () => {
  const { page, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.route('**/v1/tickets/*/stream*', (route) =>
      route.fulfill({ status: 403, contentType: 'text/plain', body: 'Forbidden by proxy' }));
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.openContact();
    await widget.fillContact({ topic: 'refund', subject: 'Refund?', message: 'Where is my refund?', email: 'lena@example.com' });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    await widget.backButton().click();
    await widget.openRequests();
    await widget.openThread(id);

    await runCli(env.desk, AGENT_TOKEN, 'tickets', 'reply', id, 'Refunded today');
    await page.waitForFunction(
      () => [...document.querySelector('signpost-widget').shadowRoot.querySelectorAll('.sp-thread .sp-message__body')]
        .some((el) => el.textContent === 'Refunded today'),
      null, { timeout: 12_000 },
    ).catch(async () => assert.fail(`the reply never showed: ${JSON.stringify(await widget.threadMessages())}`));
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
