// The desk restarts while widgets are connected: a thread left open and the status feed pick up again without a
// reload (their streams reconnect), and a request written while the desk was down is filed exactly once when it
// is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AgentApi, TICKET_DESK_ARGS, Widget, describeErrors, freePort, launchBrowser, newPage, startDesk, startStaticServer,
  storedJson,
} from './harness.mjs';

const SAVED = "Saved. We'll send it as soon as we can reach support.";
const env = {};

before(async () => {
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
});

async function fileRequest(widget, message) {
  await widget.openContact();
  await widget.fillContact({ topic: 'order-not-arrived', message, email: 'lena@example.com' });
  await widget.sendRequestButton().click();
}

test('a restarted desk: open threads and the status feed reconnect, a queued request is filed once', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signpost-e2e-restart-'));
  const deskOptions = { dir, listen: `127.0.0.1:${await freePort()}`, args: TICKET_DESK_ARGS };
  let desk = await startDesk(deskOptions);
  const pages = await startStaticServer(desk.url);
  const agent = new AgentApi(desk.url);
  // Two tabs of one shopper: one keeps a thread open, the other writes while the desk is down.
  const { page, context, record, close } = await newPage(env.browser);
  const other = await context.newPage();
  const reading = new Widget(page);
  const writing = new Widget(other);
  try {
    await page.goto(`${pages.url}/order-context.html`);
    await reading.listen(['status:changed']);
    await reading.ready();
    await reading.open();
    await fileRequest(reading, 'Order A-1043 is late.');
    const first = await reading.waitForSent();
    await reading.backButton().click();
    await reading.openRequests();
    await reading.openThread(first);

    await other.goto(`${pages.url}/order-context.html`);
    await writing.ready();
    await writing.open();

    await desk.stop();
    await fileRequest(writing, 'Written while support was down.');
    await writing.contactStatus().getByText(SAVED).waitFor({ timeout: 10_000 });
    assert.equal((await storedJson(other, 'signpost.outbox'))?.length, 1, 'one request waits in the outbox');

    desk = await startDesk(deskOptions);
    await other.waitForFunction(() => {
      const text = window.localStorage.getItem('signpost.outbox');
      return text === null || JSON.parse(text).length === 0;
    }, null, { timeout: 60_000, polling: 250 })
      .catch(() => assert.fail('the outbox did not empty within 60 s of the desk coming back'));
    const listed = await agent.list();
    assert.equal(listed.length, 2, `the first request and the queued one, once each: ${JSON.stringify(listed)}`);
    const queued = listed.find((t) => t.id !== first);
    assert.deepEqual((await agent.ticket(queued.id)).messages.map((m) => m.body), ['Written while support was down.']);

    // The thread open through the restart shows the agent's reply, with no action from the user.
    await agent.reply(first, 'We are back, and on it.');
    await page.waitForFunction(
      () => [...document.querySelector('signpost-widget').shadowRoot.querySelectorAll('.sp-thread .sp-message__body')]
        .some((el) => el.textContent === 'We are back, and on it.'),
      null, { timeout: 30_000 },
    ).catch(async () => assert.fail(`the open thread never showed the reply: ${JSON.stringify(await reading.threadMessages())}`));

    // And the status feed followed through the restart.
    await agent.ok('POST', '/v1/agent/incidents', { name: 'Card payments failing', impact: 'major', components: ['Payments'] });
    await page.waitForFunction(
      () => JSON.stringify(window.__spEvents ?? []).includes('Card payments failing'),
      null, { timeout: 30_000, polling: 250 },
    ).catch(async () => assert.fail(`no status:changed with the incident: ${JSON.stringify(await reading.events())}`));

    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
    await pages.stop();
    await desk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
