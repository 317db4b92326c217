// The support team's console (/console/) with the real desk: agents made by `agents add`, a buyer filing from the
// demo checkout page through the real widget, and what each agent sees, live, in their own browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  AgentApi, SCREENSHOTS_DIR, TICKET_DESK_ARGS, Widget, describeErrors, newPage, postTicket, setup, ticketBody, until,
} from './harness.mjs';
import { Console, addAgent, agentsCommand } from './console-harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });
const ADMIN = { name: 'Ana Admin', email: 'ana@example.com', role: 'admin' };
const AGENT = { name: 'Ben Agent', email: 'ben@example.com', role: 'agent' };
let agentsAdded = null;

/** Both test agents, added once per desk. */
function agents() {
  agentsAdded ??= Promise.all([addAgent(env.desk, ADMIN), addAgent(env.desk, AGENT)]);
  return agentsAdded;
}

/** A console page signed in as `who`. */
async function signedIn(who, contextOptions = {}) {
  await agents();
  const opened = await newPage(env.browser, contextOptions);
  const console = new Console(opened.page, env.desk.url);
  await console.open();
  await console.signIn(who.email);
  await console.byId('views').waitFor();
  return { ...opened, console };
}

/** Files a ticket through the API (not the widget) for tests about the console alone. */
async function fileTicket(overrides = {}) {
  const answer = await postTicket(env.desk.url, crypto.randomUUID(), ticketBody(overrides));
  assert.equal(answer.status, 201, answer.text);
  return answer.body.id;
}

/** Saves the console as it is now in docs/screenshots/ (the README shows them). */
async function screenshot(page, file) {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.mouse.move(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, file), animations: 'disabled', caret: 'hide' });
}

/** Console messages worth failing on: errors other than the 401 of the first session check. */
function consoleErrors(record) {
  return record.console.filter((m) => m.type === 'error' && !/status of 401/.test(m.text));
}

test('an agent sees a buyer\'s ticket from the demo checkout arrive live, with what the buyer saw, and the reply reaches the buyer\'s open widget', { timeout: 240_000 }, async () => {
  await agents();
  const agentPage = await newPage(env.browser);
  const buyer = await newPage(env.browser);
  const console = new Console(agentPage.page, env.desk.url);
  const widget = new Widget(buyer.page);
  try {
    await console.open();
    await console.audit('sign-in');
    await console.signIn(ADMIN.email);
    await console.byId('views').waitFor();
    await console.audit('inbox');
    // Marks this document: if the inbox reloaded the page to show the new ticket, the mark would be gone.
    await agentPage.page.evaluate(() => { window.__notReloaded = true; });
    const before = await console.viewCount('all');

    // The buyer, on the demo checkout page, reads why a suggestion is shown, searches, and asks for a person.
    await buyer.page.goto(`${env.desk.url}/demo/checkout`);
    await widget.ready();
    await widget.open();
    await widget.suggestedSection().waitFor();
    const [firstTitle] = await widget.suggestionTitles();
    const shown = await widget.suggestion(firstTitle);
    await shown.why.click();
    await shown.explanation.waitFor({ state: 'visible' });
    // What the explanation said: the reason's sentence and the facts behind it (label and value).
    const reasonText = (await shown.explanation.locator('.sp-explanation__text').first().textContent()).trim();
    const factValues = (await shown.explanation.locator('.sp-facts dd').allTextContents()).map((v) => v.trim());
    await widget.search('refund');
    await widget.searchBox().fill('zzqx flurble');
    await widget.searchStatus().filter({ hasText: /no articles|No articles|nothing/i }).waitFor().catch(() => {});
    await widget.openContact();
    await widget.fillContact({
      topic: 'payment-failed',
      subject: 'My card keeps being declined',
      message: 'I tried my card three times at checkout and it is declined every time.',
      email: 'lena@example.com',
    });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();

    // The agent's inbox shows it without a reload, with the counts updated.
    await console.row(id).waitFor({ timeout: 15_000 });
    assert.equal(await agentPage.page.evaluate(() => window.__notReloaded), true, 'the inbox was not reloaded');
    await until(async () => (await console.viewCount('all')) === before + 1, 'the "All open" count to go up by one');
    assert.match(await console.row(id).innerText(), /My card keeps being declined/);
    await screenshot(agentPage.page, 'console-inbox.png');

    // The ticket view: what the buyer saw before asking.
    await console.openTicket(id);
    const seen = console.byId('seen');
    assert.match(await console.byId('seen-page').innerText(), /Checkout/);
    assert.match(await console.byId('seen-page').innerText(), /\/demo\/checkout/);
    const suggestions = await console.byId('seen-suggestions').innerText();
    assert.ok(suggestions.includes(firstTitle), `the suggestion "${firstTitle}" is listed:\n${suggestions}`);
    const firstShown = console.byId('suggestion').filter({ hasText: firstTitle }).first();
    const why = await firstShown.innerText();
    assert.ok(why.includes(reasonText), `the reason the buyer read ("${reasonText}") is shown:\n${why}`);
    assert.ok(factValues.length > 0, 'the buyer\'s explanation listed the facts behind it');
    for (const value of factValues) assert.ok(why.includes(value), `the fact "${value}" is shown:\n${why}`);
    const searches = await console.byId('seen-searches').innerText();
    assert.match(searches, /refund/);
    assert.match(searches, /zzqx flurble/);
    assert.equal(await console.byId('seen-searches').getByTestId('no-results').count(), 1, 'one search found nothing');
    assert.match(await console.byId('seen-identity').innerText(), /lena@example\.com/);
    assert.match(await seen.innerText(), /en/);
    await console.audit('ticket');

    // The buyer opens the request's thread; the agent replies, then writes an internal note.
    await widget.backButton().click();
    await widget.openRequests();
    await widget.openThread(id);
    await console.write('We are looking at the payment now.');
    await console.waitForMessage('We are looking at the payment now.');
    await widget.panelElement().locator('.sp-thread .sp-message__body', { hasText: 'We are looking at the payment now.' })
      .waitFor({ timeout: 10_000 });
    await console.write('Card issuer declined: check 3-D Secure logs.', { note: true });
    await console.waitForMessage('Card issuer declined');
    const messages = await console.messages();
    assert.deepEqual(messages.map((m) => [m.author, m.internal]), [['user', false], ['agent', false], ['agent', true]]);
    const agentView = await new AgentApi(env.desk.url).ticket(id);
    assert.equal(agentView.messages.at(-1).agent?.name ?? agentView.messages.at(-1).agent, ADMIN.name, 'the note names its author');
    // The buyer's thread never shows the note (the reply has arrived, so the thread is live).
    assert.deepEqual((await widget.threadMessages()).map((m) => m.body), [
      'I tried my card three times at checkout and it is declined every time.',
      'We are looking at the payment now.',
    ]);
    await screenshot(agentPage.page, 'console-ticket.png');

    assert.deepEqual(await agentPage.cspViolations(), [], 'no CSP violations in the console');
    assert.deepEqual(agentPage.record.errors, [], describeErrors(agentPage.record.errors));
    assert.deepEqual(consoleErrors(agentPage.record), []);
  } finally {
    await agentPage.close();
    await buyer.close();
  }
});

test('two agents on one ticket see each other, and one is warned before sending while the other types a reply', { timeout: 240_000 }, async () => {
  const id = await fileTicket({ subject: 'Two agents, one ticket' });
  const ana = await signedIn(ADMIN);
  const ben = await signedIn(AGENT);
  try {
    await ana.console.row(id).waitFor({ timeout: 15_000 });
    await ana.console.openTicket(id);
    await ben.console.row(id).waitFor({ timeout: 15_000 });
    await ben.console.openTicket(id);
    await ana.console.byId('presence').filter({ hasText: 'Ben Agent' }).waitFor({ timeout: 15_000 });
    await ben.console.byId('presence').filter({ hasText: 'Ana Admin' }).waitFor({ timeout: 15_000 });

    // Ben starts a reply; Ana sees him typing, and is asked before her own reply goes out.
    await ben.console.byId('reply-toggle').click();
    await ben.console.byId('composer-body').pressSequentially('Hello, I am checking');
    await ana.console.byId('presence').filter({ hasText: /Ben Agent.*typing/ }).waitFor({ timeout: 15_000 });
    await ana.console.byId('reply-toggle').click();
    await ana.console.byId('composer-body').fill('Hi! Ana here.');
    await ben.console.byId('composer-body').press('.'); // still typing as Ana sends
    await ana.console.byId('send-button').click();
    const confirm = ana.console.byId('send-confirm');
    await confirm.waitFor({ state: 'visible' });
    assert.match(await confirm.innerText(), /Ben Agent/);
    await ana.console.audit('send confirmation');
    await ana.console.byId('send-cancel').click();
    assert.equal(await ana.console.byId('composer-body').inputValue(), 'Hi! Ana here.', 'cancelling keeps the reply');
    assert.equal((await ana.console.messages()).length, 1, 'nothing was sent');
    await ana.console.byId('send-button').click();
    await ana.console.byId('send-anyway').click();
    await ana.console.waitForMessage('Hi! Ana here.');
    // Ben's open ticket shows Ana's reply live.
    await ben.console.waitForMessage('Hi! Ana here.');
  } finally {
    await ana.close();
    await ben.close();
  }
});

test('a re-route needs a reason from the list, and is recorded with it as a correction for triage', { timeout: 240_000 }, async () => {
  const id = await fileTicket({ subject: 'Seller never answered', topic: 'order-not-arrived' });
  const ana = await signedIn(ADMIN);
  const service = new AgentApi(env.desk.url);
  try {
    await ana.console.row(id).waitFor({ timeout: 15_000 });
    await ana.console.openTicket(id);
    await ana.console.byId('reroute-button').click();
    const dialog = ana.console.byId('reroute-dialog');
    await dialog.waitFor({ state: 'visible' });
    await ana.console.audit('re-route dialog');
    // "Other" needs words: the dialog says so and keeps the choices made.
    await ana.console.byId('reroute-queue').selectOption('disputes');
    await ana.console.byId('reroute-priority').selectOption('high');
    await ana.console.byId('reroute-reason-other').check();
    await ana.console.byId('reroute-submit').click();
    await ana.console.byId('reroute-details-error').waitFor({ state: 'visible' });
    assert.equal(await ana.console.byId('reroute-queue').inputValue(), 'disputes');
    await ana.console.byId('reroute-reason-wrong_topic').check();
    await ana.console.byId('reroute-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await ana.console.byId('ticket-meta').filter({ hasText: /Disputes/ }).waitFor();

    const actions = await service.ok('GET', `/v1/agent/actions?subject=${id}`);
    const reroute = actions.find((a) => a.action === 'reroute');
    assert.ok(reroute, `a reroute of ${id} is recorded: ${JSON.stringify(actions)}`);
    assert.equal(reroute.agent, ADMIN.name);
    assert.equal(reroute.detail.reason_code, 'wrong_topic');
    const view = await service.ticket(id);
    assert.equal(view.queue, 'disputes');
    assert.equal(view.priority, 'high');
    // The next training learns from it.
    const trained = await service.ok('POST', '/v1/agent/triage/models');
    assert.ok(trained.corrections >= 1, `training counts the correction: ${JSON.stringify(trained)}`);
  } finally {
    await ana.close();
  }
});

test('a disabled agent is signed out of the open console, and a cross-site form cannot write as an agent', { timeout: 240_000 }, async () => {
  const id = await fileTicket({ subject: 'Forged replies must not land' });
  const ben = await signedIn(AGENT);
  try {
    await ben.console.row(id).waitFor({ timeout: 15_000 });
    // A page on another origin of the same site (the cookie is sent: SameSite does not help) posts a form to
    // the agent reply route, in the shape a JSON API might accept.
    const attacker = await ben.context.newPage();
    await attacker.goto(`${env.pages.url}/plain.html`);
    await attacker.evaluate(({ desk, ticket }) => {
      // The answer lands in a frame, so the page stays where it is (a page navigated to the desk's error body
      // is one more thing for the browser to close).
      const sink = document.createElement('iframe');
      sink.name = 'sink';
      document.body.append(sink);
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'text/plain';
      form.target = 'sink';
      form.action = `${desk}/v1/agent/tickets/${ticket}/reply`;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = '{"body":"forged reply","x":"';
      input.value = '"}';
      const submit = document.createElement('button');
      submit.id = 'forge';
      submit.textContent = 'Win a prize';
      form.append(input, submit);
      document.body.append(form);
    }, { desk: env.desk.url, ticket: id });
    const [refused] = await Promise.all([
      attacker.waitForResponse((response) => response.url().includes(`/v1/agent/tickets/${id}/reply`)),
      attacker.locator('#forge').click(),
    ]);
    assert.match(await refused.request().headerValue('cookie') ?? '', /signpost_session=/, 'the session cookie went along');
    assert.equal(refused.status(), 403, 'the forged post is refused');
    const view = await new AgentApi(env.desk.url).ticket(id);
    assert.deepEqual(view.messages.map((m) => m.body).filter((b) => b.includes('forged')), [], 'nothing was written');
    await attacker.close();

    // Disabled by an admin from the command line: the open console goes back to the sign-in form.
    await agentsCommand(env.desk, 'disable', AGENT.email);
    // The desk re-checks an open stream's session every 15 s; the console then asks, and hears the 401.
    await ben.console.byId('sign-in-form').waitFor({ timeout: 60_000 });
    await ben.page.reload();
    await ben.console.byId('sign-in-form').waitFor({ timeout: 30_000 });
    // And cannot sign in again.
    await ben.console.byId('sign-in-email').fill(AGENT.email);
    await ben.console.byId('sign-in-password').fill('correct horse battery staple');
    await ben.console.byId('sign-in-submit').click();
    await ben.console.byId('sign-in-message').waitFor({ state: 'visible' });
    assert.equal(await ben.console.byId('views').count(), 0, 'no inbox for a disabled agent');
  } finally {
    await ben.close();
  }
});

test('keyboard only: j/k move, Enter opens, r replies, a takes the ticket, Escape goes back, ? lists the shortcuts', { timeout: 240_000 }, async () => {
  await fileTicket({ subject: 'Keyboard first' });
  await fileTicket({ subject: 'Keyboard second' });
  await agents();
  const { page, close } = await newPage(env.browser);
  const console = new Console(page, env.desk.url);
  try {
    await console.open();
    // Sign in with the keyboard alone.
    await console.byId('sign-in-email').focus();
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct horse battery staple');
    await page.keyboard.press('Enter');
    await console.byId('views').waitFor({ timeout: 20_000 });
    await console.byId('ticket-row').nth(1).waitFor();

    const current = () => page.locator('[data-testid="ticket-row"][aria-current="true"]').getAttribute('data-ticket-id');
    const ids = await console.rowIds();
    await page.keyboard.press('j');
    await until(async () => (await current()) === ids[0], 'j to select the first row');
    await page.keyboard.press('j');
    await until(async () => (await current()) === ids[1], 'j to select the second row');
    await page.keyboard.press('k');
    await until(async () => (await current()) === ids[0], 'k to go back to the first row');
    await page.keyboard.press('Enter');
    await console.byId('ticket-id').filter({ hasText: ids[0] }).waitFor();

    await page.keyboard.press('a');
    await until(async () => (await new AgentApi(env.desk.url).ticket(ids[0])).assignee?.name === ADMIN.name,
      '"a" to assign the ticket to the signed-in agent');
    await page.keyboard.press('r');
    await until(async () => (await page.evaluate(() => document.activeElement?.dataset.testid)) === 'composer-body',
      '"r" to focus the reply');
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Control+Enter');
    await console.waitForMessage('Typed without a mouse.');

    await page.keyboard.press('Escape'); // leaves the field
    await page.keyboard.press('Escape'); // back to the inbox
    await console.byId('ticket-list').waitFor();
    await page.keyboard.press('?');
    const dialog = console.byId('shortcuts-dialog');
    await dialog.waitFor({ state: 'visible' });
    const listed = await dialog.innerText();
    for (const key of ['j', 'k', 'Enter', 'r', 'a', 'Escape', '?']) assert.ok(listed.includes(key), `"${key}" is listed`);
    await console.audit('shortcuts dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  } finally {
    await close();
  }
});

for (const { lang, width } of [{ lang: 'ar', width: 768 }, { lang: 'es', width: 1280 }, { lang: 'ja', width: 768 }]) {
  test(`the console in ${lang} at ${width} px: translated, ${lang === 'ar' ? 'right to left, ' : ''}no sideways scrolling, axe clean`, { timeout: 240_000 }, async () => {
    // In Arabic, a Spanish customer's: their words are quoted in the Arabic reasons.
    const id = await fileTicket(lang === 'ar'
      ? { subject: 'Me cobraron dos veces el pedido A-2291', message: 'Veo dos cargos de 89,90 € en mi banco.' }
      : { subject: `A ticket for ${lang}` });
    await agents();
    const { page, close } = await newPage(env.browser, { viewport: { width, height: 900 } });
    const console = new Console(page, env.desk.url);
    try {
      await console.open('', `?lang=${lang}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
      assert.notEqual(await console.byId('sign-in-submit').innerText(), 'Sign in', 'the button is translated');
      await console.audit(`sign-in, ${lang}`);
      await console.signIn(ADMIN.email);
      await console.byId('ticket-row').first().waitFor();
      const noSideways = () => page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth);
      assert.ok(await noSideways(), 'the inbox fits the width');
      await console.audit(`inbox, ${lang}`);
      await console.openTicket(id);
      assert.ok(await noSideways(), 'the ticket view fits the width');
      // What customers wrote reads in its own direction, whatever the console's: English in Arabic too.
      const direction = (locator) => locator.evaluate((el) => getComputedStyle(el).direction);
      assert.equal(await direction(console.byId('ticket-subject')), 'ltr', 'the English subject reads left to right');
      assert.equal(await direction(page.locator('.sp-message__body').first()), 'ltr', 'the customer\'s message reads left to right');
      if (lang === 'ar') {
        // The customer's words quoted in an Arabic reason follow the sentence, right to left: the first on the right.
        const reason = page.getByTestId('triage-reason').filter({ hasText: 'dos veces' }).first();
        const [first, second] = await reason.evaluate((li) => {
          const node = [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.includes('dos veces'));
          const box = (word) => {
            const range = document.createRange();
            range.setStart(node, node.data.indexOf(word));
            range.setEnd(node, node.data.indexOf(word) + word.length);
            const { x, y } = range.getBoundingClientRect();
            return { x, y };
          };
          return [box('cobraron'), box('dos veces')];
        });
        assert.ok(Math.abs(first.y - second.y) < 2, `the two words on one line: ${JSON.stringify([first, second])}`);
        assert.ok(first.x > second.x, `"cobraron" right of "dos veces": ${JSON.stringify([first, second])}`);
      }
      await console.audit(`ticket, ${lang}`);
    } finally {
      await close();
    }
  });
}
