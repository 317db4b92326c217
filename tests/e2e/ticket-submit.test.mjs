// "Contact support" on the demo order page: the form checks what the user typed before anything leaves the
// browser, says what it will send along, and files exactly one ticket carrying the context the user agreed to —
// no more (an unchecked item stays behind) and no card numbers (masked before storage, and the user is told).
// The searches the user ran and the facts that explained the suggestions go on lines of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AgentApi, TICKET_DESK_ARGS, Widget, describeErrors, newPage, setup, storedJson,
} from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });
const agent = () => new AgentApi(env.desk.url);
const SEARCH = /\/v1\/search\?/;

/** The demo order page with the panel open on the contact form; records every ticket POST the page makes. */
async function openContactOnOrderPage() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  const ticketPosts = [];
  session.page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/v1/tickets') ticketPosts.push(req);
  });
  await session.page.goto(`${env.desk.url}/demo/order`);
  await widget.listen(['ticket:queued', 'ticket:created']);
  await widget.ready();
  await widget.open();
  // The suggestions are what the contact form offers to send along: wait for them first.
  await widget.suggestedSection().waitFor({ state: 'visible' });
  await widget.openContact();
  return { ...session, widget, ticketPosts };
}

/** The demo order page with the panel open and its suggestions shown. */
async function openOrderPage() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.desk.url}/demo/order`);
  await widget.ready();
  await widget.open();
  await widget.suggestedSection().waitFor({ state: 'visible' });
  return { ...session, widget };
}

/** Types `text` into the search box key by key, as a person does, and waits until the widget shows its answer. */
async function searchByTyping(widget, text) {
  const answer = widget.page.waitForResponse(
    (response) => SEARCH.test(response.url()) && new URL(response.url()).searchParams.get('q') === text,
  );
  await widget.searchBox().pressSequentially(text, { delay: 40 });
  await (await answer).finished();
  // The answer is painted within a frame of arriving.
  await widget.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}

/** Searches `text` in one go (one request) for a query that finds nothing, and waits for "No articles found". */
async function searchNothingFound(widget, text) {
  await widget.searchBox().fill(text);
  await widget.panel().getByText(`No articles found for “${text}”`).waitFor({ state: 'visible' });
}

test('an empty request is stopped in the form; a fixed one files one ticket with the order and the page', async () => {
  const { page, widget, ticketPosts, record, cspViolations, close } = await openContactOnOrderPage();
  try {
    // Empty: errors next to the fields, focus on the first bad one, nothing sent.
    await widget.sendRequestButton().click();
    await widget.fieldError('message').filter({ hasText: /\S/ }).waitFor();
    const errors = await widget.fieldErrors();
    assert.match(errors.message ?? '', /^Please fill this in\.$/, JSON.stringify(errors));
    assert.match(errors.email ?? '', /^Please fill this in\.$/, JSON.stringify(errors));
    assert.equal(await widget.messageInput().getAttribute('aria-invalid'), 'true');
    assert.equal(await widget.emailInput().getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(
      () => document.querySelector('signpost-widget').shadowRoot.activeElement?.getAttribute('name') === 'message',
      null, { timeout: 2_000 },
    ).catch(async () => assert.fail(`focus should be on the message, is on "${await widget.focusedName()}"`));

    // Fix one field: its error goes, the other stays and takes the focus, and what was typed is still there.
    const text = 'Order A-1043 was due three days ago and the tracking has not moved since.';
    await widget.messageInput().fill(text);
    await widget.sendRequestButton().click();
    await page.waitForFunction(
      () => document.querySelector('signpost-widget').shadowRoot.activeElement?.getAttribute('name') === 'email',
      null, { timeout: 2_000 },
    ).catch(async () => assert.fail(`focus should move to the email, is on "${await widget.focusedName()}"`));
    assert.equal(await widget.messageInput().inputValue(), text, 'the message is kept');
    assert.equal(await widget.messageInput().getAttribute('aria-invalid'), 'false');
    assert.equal(await widget.emailInput().getAttribute('aria-invalid'), 'true');
    assert.deepEqual(Object.keys(await widget.fieldErrors()), ['email']);

    // A malformed address is caught too, and still nothing went out.
    await widget.emailInput().fill('lena.example.com');
    await widget.sendRequestButton().click();
    await widget.fieldError('email').filter({ hasText: /look like an email/ }).waitFor();
    assert.equal(await widget.messageInput().inputValue(), text);
    assert.equal(ticketPosts.length, 0, 'no request left the browser while the form had errors');

    // The real thing.
    await widget.fillContact({ topic: 'order-not-arrived', email: 'lena@example.com' });
    const labels = await widget.consentLabels();
    assert.ok(labels.includes('Order number A-1043'), `the order is listed: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes(`This page: ${page.url()}`), `the page is listed: ${JSON.stringify(labels)}`);
    assert.ok(await widget.consentBox('Order number A-1043').isChecked(), 'sent unless the user unticks it');
    assert.ok(labels.some((l) => l.startsWith('Suggestions you saw: My order is late')), JSON.stringify(labels));

    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    const status = await widget.contactStatus().textContent();
    assert.match(status, /Orders and delivery team/, 'names the team');
    assert.match(status, /We usually reply within .+ — by .+/, 'says when to expect a reply');
    assert.doesNotMatch(status, /card number/, 'no card number to mention');
    assert.equal(ticketPosts.length, 1, 'one POST for one request');

    // The desk has it, once, with what the user agreed to send.
    const listed = await agent().list();
    assert.deepEqual(listed.map((t) => t.id), [id], 'exactly one ticket at the desk');
    const stored = await agent().ticket(id);
    assert.equal(stored.topic, 'order-not-arrived');
    assert.equal(stored.email, 'lena@example.com');
    assert.equal(stored.context.order_id, 'A-1043');
    assert.equal(stored.context.order_status, 'shipped');
    assert.equal(stored.context.page_url, page.url());
    assert.equal(stored.context.surface, 'order');
    assert.ok(stored.context.suggestions_shown?.some((s) => s.id === 'late-delivery'), JSON.stringify(stored.context));
    assert.deepEqual(stored.messages.map((m) => [m.author, m.body]), [['user', text]]);

    // The widget remembers it as this browser's, and told the page.
    const filed = await storedJson(page, 'signpost.tickets');
    assert.deepEqual(filed?.map((f) => f.created.id), [id]);
    assert.equal(await storedJson(page, 'signpost.outbox'), null, 'nothing waits in the outbox');
    const events = await widget.events();
    assert.deepEqual(events.map((e) => e.name), ['ticket:created'], JSON.stringify(events));
    assert.equal(events[0].detail.id, id);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('an unticked "Order number" stays behind: the stored ticket has no order facts', async () => {
  const { page, widget, record, cspViolations, close } = await openContactOnOrderPage();
  try {
    const before = (await agent().list()).length;
    await widget.fillContact({
      topic: 'order-not-arrived',
      subject: 'Parcel not here',
      message: 'Still waiting for my parcel.',
      email: 'lena@example.com',
    });
    await widget.consentBox('Order number A-1043').uncheck();
    assert.equal(await widget.consentBox('Order number A-1043').isChecked(), false);
    // The explanations cite the order ("Order id: A-1043"): they cannot go without it.
    assert.equal(await widget.consentBox('Why we suggested these').isDisabled(), true);
    assert.equal(await widget.consentBox('Why we suggested these').isChecked(), false);
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();

    const listed = await agent().list();
    assert.equal(listed.length, before + 1, 'one more ticket');
    const stored = await agent().ticket(id);
    assert.equal(stored.subject, 'Parcel not here');
    for (const fact of ['order_id', 'order_status', 'payment_status', 'order_amount', 'order_currency']) {
      assert.equal(stored.context[fact], undefined, `${fact} was not sent: ${JSON.stringify(stored.context)}`);
    }
    assert.equal(stored.context.page_url, page.url(), 'the page, still ticked, was sent');
    // Suggestion reasons quote the order ("Order A-1043 was due…"): without the order they go without reasons.
    assert.doesNotMatch(JSON.stringify(stored.context), /A-1043/, 'the order id is nowhere in the context');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('the searches, those that found nothing too, and the facts behind the suggestions reach the agent', async () => {
  const { widget, record, cspViolations, close } = await openOrderPage();
  try {
    await searchByTyping(widget, 'refund');
    const found = await widget.resultOptions().count();
    assert.ok(found > 0, 'a search with results');
    await searchNothingFound(widget, 'xqzvwkj');
    await widget.openContact();
    await widget.fillContact({
      topic: 'order-not-arrived',
      message: 'I looked for help first and found nothing about my late parcel.',
      email: 'lena@example.com',
    });
    const labels = await widget.consentLabels();
    assert.ok(labels.includes('Searches: “refund”, “xqzvwkj” (no results)'), JSON.stringify(labels));
    const why = labels.find((label) => label.startsWith('Why we suggested these: ')) ?? '';
    assert.match(why, /Order status: shipped/, JSON.stringify(labels));
    assert.match(why, /Order id: A-1043/, JSON.stringify(labels));
    assert.ok(await widget.consentBox('Searches').isChecked(), 'sent unless the user unticks it');
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();

    const { context } = await agent().ticket(id);
    // The query typed key by key is one search: the answers to "r", "re"… were only on the way to it.
    assert.deepEqual(context.searches, [
      { query: 'refund', results: found },
      { query: 'xqzvwkj', results: 0 },
    ]);
    const late = context.suggestions_shown?.find((s) => s.id === 'late-delivery');
    assert.ok(late, JSON.stringify(context.suggestions_shown));
    assert.ok(late.reasons.length > 0, 'the reasons go along');
    for (const [fact, detail] of [['Order status', 'shipped'], ['Order id', 'A-1043']]) {
      assert.ok(
        late.explanation?.some((item) => item.fact === fact && item.detail === detail),
        `${fact}: ${detail} in ${JSON.stringify(late.explanation)}`,
      );
    }

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('an unticked "Searches" stays behind; the explanations still go', async () => {
  const { widget, record, cspViolations, close } = await openOrderPage();
  try {
    await searchNothingFound(widget, 'xqzvwkj');
    await widget.openContact();
    await widget.fillContact({
      topic: 'order-not-arrived',
      message: 'My parcel is late.',
      email: 'lena@example.com',
    });
    await widget.consentBox('Searches').uncheck();
    assert.equal(await widget.consentBox('Searches').isChecked(), false);
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();

    const { context } = await agent().ticket(id);
    assert.equal(context.searches, undefined, JSON.stringify(context));
    assert.doesNotMatch(JSON.stringify(context), /xqzvwkj/, 'the query is nowhere in the context');
    const late = context.suggestions_shown?.find((s) => s.id === 'late-delivery');
    assert.ok(late?.explanation?.length > 0, JSON.stringify(context.suggestions_shown));

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a card number in the message is masked before storage, and the confirmation says so', async () => {
  const { widget, record, cspViolations, close } = await openContactOnOrderPage();
  try {
    await widget.fillContact({
      topic: 'payment-failed',
      message: 'I was charged twice on my card 4111 1111 1111 1111 for order A-1043.',
      email: 'lena@example.com',
    });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    assert.match(await widget.contactStatus().textContent(), /We hid a card number you typed/);

    const stored = await agent().ticket(id);
    const body = stored.messages[0]?.body ?? '';
    assert.doesNotMatch(JSON.stringify(stored), /4111 ?1111 ?1111 ?1111/, 'the number is nowhere in the ticket');
    assert.match(body, /1111 for order A-1043\.$/, `the last four digits stay: ${body}`);
    assert.match(body, /^I was charged twice on my card \D+1111 for/, `the rest is masked: ${body}`);
    assert.equal(stored.masked_card_numbers, true);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
