// The desk's ticket API as a client other than the widget meets it: filing is idempotent by key (a retry is the
// same ticket, a reused key with another body is refused), bad requests are refused with the fields named, and a
// ticket is readable only with its own access token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AgentApi, TICKET_DESK_ARGS, postTicket, setup, ticketBody } from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS, content: 'content' });
const agent = () => new AgentApi(env.desk.url);
const count = async () => (await agent().list()).length;

test('the same Idempotency-Key and body twice is one ticket with the same answer; another body is 409', async () => {
  const key = `e2e-${randomUUID()}`;
  const body = ticketBody({ subject: `Idempotent ${key}` });
  const before = await count();

  const first = await postTicket(env.desk.url, key, body);
  assert.equal(first.status, 201, first.text);
  assert.match(first.body.id, /^SP-\d+$/);
  assert.match(first.body.access_token, /^[0-9a-f]{64}$/, 'a 256-bit token, hex');
  assert.equal(first.body.queue, 'orders');
  assert.ok(['urgent', 'high', 'normal', 'low'].includes(first.body.priority), first.text);
  assert.ok(!Number.isNaN(Date.parse(first.body.first_response_due)), first.text);
  assert.ok(first.body.reasons.length > 0, first.text);
  assert.equal(first.body.masked_card_numbers, false);

  // A retry (the answer was lost, say) is the same ticket, answered the same way.
  const again = await postTicket(env.desk.url, key, body);
  assert.equal(again.status, 201, again.text);
  assert.deepEqual(again.body, first.body, 'the same answer, token included');

  // Retries racing each other still make one ticket.
  const racing = await Promise.all([1, 2, 3, 4, 5].map(() => postTicket(env.desk.url, key, body)));
  assert.deepEqual(racing.map((r) => r.status), [201, 201, 201, 201, 201]);
  assert.deepEqual(new Set(racing.map((r) => r.body.id)), new Set([first.body.id]));
  assert.equal(await count(), before + 1, 'one ticket stored');

  // The key with another body is a client bug: refused, and nothing is stored.
  const other = await postTicket(env.desk.url, key, { ...body, message: 'Something else entirely.' });
  assert.equal(other.status, 409, other.text);
  assert.equal(other.body.code, 'conflict');
  assert.match(other.body.message, /Idempotency-Key/);
  assert.equal(await count(), before + 1, 'still one ticket');

  // A new key with the first body is a new ticket (two people may well write the same words).
  const second = await postTicket(env.desk.url, `e2e-${randomUUID()}`, body);
  assert.equal(second.status, 201, second.text);
  assert.notEqual(second.body.id, first.body.id);
  assert.equal(await count(), before + 2);
});

test('422 names every bad field, including a missing or too short Idempotency-Key; 400 for broken JSON', async () => {
  const before = await count();

  const bad = await postTicket(env.desk.url, `e2e-${randomUUID()}`, {
    topic: 'no-such-topic',
    subject: '',
    message: 'x'.repeat(5001),
    email: 'not-an-address',
    context: { page_url: 'y'.repeat(3000) },
  });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.body.code, 'validation_failed');
  assert.equal(typeof bad.body.message, 'string');
  const fields = Object.fromEntries(bad.body.fields.map((f) => [f.field, f.message]));
  assert.deepEqual(Object.keys(fields).sort(), ['context.page_url', 'email', 'message', 'subject', 'topic'], bad.text);
  assert.match(fields.topic, /order-not-arrived/, 'says which topics there are');
  assert.match(fields.subject, /required/);
  assert.match(fields.message, /5000/);
  assert.match(fields.email, /email/);

  for (const key of [null, 'short', 'k'.repeat(129)]) {
    const answer = await postTicket(env.desk.url, key, ticketBody());
    assert.equal(answer.status, 422, `key ${JSON.stringify(key)}: ${answer.text}`);
    assert.deepEqual(answer.body.fields.map((f) => f.field), ['Idempotency-Key'], answer.text);
  }
  const longest = await postTicket(env.desk.url, 'k'.repeat(128), ticketBody({ subject: 'Longest key' }));
  assert.equal(longest.status, 201, `128 characters are allowed: ${longest.text}`);
  const shortest = await postTicket(env.desk.url, 'k'.repeat(8), ticketBody({ subject: 'Shortest key' }));
  assert.equal(shortest.status, 201, `8 characters are allowed: ${shortest.text}`);

  const wrongType = await postTicket(env.desk.url, `e2e-${randomUUID()}`, ticketBody({ context: { order_amount: 'lots' } }));
  assert.equal(wrongType.status, 422, wrongType.text);
  assert.ok(wrongType.body.fields.length > 0, wrongType.text);

  const broken = await postTicket(env.desk.url, `e2e-${randomUUID()}`, '{"topic": ');
  assert.equal(broken.status, 400, broken.text);
  assert.equal(broken.body.code, 'bad_request');

  assert.equal(await count(), before + 2, 'only the two valid requests were stored');
});

test('a body over 64 KiB is 413 with a JSON error; exactly 64 KiB is read (and judged on its fields)', async () => {
  const before = await count();
  const padded = (bytes) => {
    const body = JSON.stringify(ticketBody({ message: '' }));
    // Fill the message so the whole body is exactly `bytes` long.
    return body.replace('"message":""', `"message":"${'a'.repeat(bytes - body.length)}"`);
  };
  assert.equal(Buffer.byteLength(padded(65_536)), 65_536);

  const over = await postTicket(env.desk.url, `e2e-${randomUUID()}`, padded(65_537));
  assert.equal(over.status, 413, over.text);
  assert.equal(over.headers.get('content-type')?.split(';')[0], 'application/json', over.text);
  assert.equal(over.body?.code, 'payload_too_large', over.text);
  assert.equal(typeof over.body.message, 'string');

  const limit = await postTicket(env.desk.url, `e2e-${randomUUID()}`, padded(65_536));
  assert.equal(limit.status, 422, `64 KiB is read; the message is then too long: ${limit.text}`);
  assert.deepEqual(limit.body.fields.map((f) => f.field), ['message'], limit.text);
  assert.equal(await count(), before);
});

test('a ticket is read with its own token only: none is 401, a wrong one 404, the right one the thread', async () => {
  const created = await postTicket(env.desk.url, `e2e-${randomUUID()}`, ticketBody({ subject: 'Token check' }));
  assert.equal(created.status, 201, created.text);
  const { id, access_token: token } = created.body;
  const other = await postTicket(env.desk.url, `e2e-${randomUUID()}`, ticketBody({ subject: 'Someone else' }));
  const read = (path, headers = {}) =>
    fetch(`${env.desk.url}${path}`, { headers }).then(async (r) => ({ status: r.status, text: await r.text() }));

  const none = await read(`/v1/tickets/${id}`);
  assert.equal(none.status, 401, none.text);
  assert.equal(JSON.parse(none.text).code, 'unauthorized');

  const wrong = await read(`/v1/tickets/${id}`, { authorization: `Bearer ${'0'.repeat(64)}` });
  assert.equal(wrong.status, 404, wrong.text);
  const anothers = await read(`/v1/tickets/${id}`, { authorization: `Bearer ${other.body.access_token}` });
  assert.equal(anothers.status, 404, `another ticket's token opens nothing: ${anothers.text}`);
  const missing = await read('/v1/tickets/SP-999999', { authorization: `Bearer ${token}` });
  assert.equal(missing.status, 404, 'a ticket that does not exist looks the same as a wrong token');
  assert.equal(missing.text, wrong.text);

  const right = await read(`/v1/tickets/${id}`, { authorization: `Bearer ${token}` });
  assert.equal(right.status, 200, right.text);
  const thread = JSON.parse(right.text);
  assert.equal(thread.id, id);
  assert.equal(thread.subject, 'Token check');
  assert.deepEqual(thread.messages.map((m) => m.author), ['user']);
  assert.equal(thread.email, undefined, 'the public view carries no email');
  assert.equal(thread.context, undefined, 'nor the context');

  // Posting to the thread needs the token too.
  const post = (headers) => fetch(`${env.desk.url}/v1/tickets/${id}/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ body: 'Any news?' }),
  }).then((r) => r.status);
  assert.equal(await post({}), 401);
  assert.equal(await post({ authorization: `Bearer ${other.body.access_token}` }), 404);
  assert.equal(await post({ authorization: `Bearer ${token}` }), 201);

  // The agent API wants the agent token, not a ticket's.
  const asUser = await read('/v1/agent/tickets', { authorization: `Bearer ${token}` });
  assert.equal(asUser.status, 401, asUser.text);
  const stored = await agent().ticket(id);
  assert.deepEqual(stored.messages.map((m) => [m.author, m.body]).slice(1), [['user', 'Any news?']]);
});
