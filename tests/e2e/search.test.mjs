// Help-center search in the panel, on the demo order page (strict CSP): results while typing, forgiving typos,
// announced to screen readers, chosen with the arrow keys; an article opens in the panel and can be rated; Escape
// clears before it closes; and fast typing asks at every keystroke, aborting what each key makes stale, so a
// stale answer never wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, articleTitle, describeErrors, newPage, setup, until, widgetSettled } from './harness.mjs';

const env = setup();
const SEARCH = /\/v1\/search\?/;

async function openOrderPage() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.desk.url}/demo/order`);
  await widget.listen(['suggestion:clicked', 'article:viewed', 'article:rated']);
  await widget.ready();
  await widget.open();
  // Suggestions are there, so the panel is fully up.
  await widget.waitForFirstSuggestion(await articleTitle('late-delivery'));
  return { ...session, widget };
}

/** Types like a person into the focused search box, without pressing Enter. */
async function typeQuery(widget, text, delay = 60) {
  await widget.searchBox().click();
  await widget.page.keyboard.type(text, { delay });
}

/** Searches "refnd" (a typo) and opens the first result with ArrowDown + Enter; returns the result titles. */
async function openFirstRefundResult(widget) {
  await typeQuery(widget, 'refnd');
  await widget.results().waitFor({ state: 'visible' });
  const titles = await widget.resultTitles();
  await widget.page.keyboard.press('ArrowDown');
  await widget.page.keyboard.press('Enter');
  await widget.articleHeading().waitFor({ state: 'visible' });
  return titles;
}

test('a misspelt query finds the refund articles while typing, announces them, and ArrowDown + Enter opens one', async () => {
  const refundTitles = [await articleTitle('refund-timeline'), await articleTitle('request-refund')];
  const { page, widget, record, cspViolations, close } = await openOrderPage();
  try {
    const box = widget.searchBox();
    assert.equal(await box.getAttribute('aria-expanded'), 'false', 'collapsed before typing');
    await typeQuery(widget, 'refnd');
    // No Enter: results come from typing alone.
    await widget.results().waitFor({ state: 'visible' });
    const titles = await widget.resultTitles();
    for (const title of refundTitles) assert.ok(titles.includes(title), `"${title}" is found: ${JSON.stringify(titles)}`);
    assert.equal(await widget.resultOptions().count(), titles.length, 'each result is an option');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.ok(await widget.suggestedSection().count() === 0, '"Suggested for you" steps aside while searching');

    // The live region announces the count.
    const status = widget.searchStatus();
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.textContent(), `${titles.length} articles found`);
    assert.ok(
      await status.evaluate((el) => el.getBoundingClientRect().width <= 1 && el.getBoundingClientRect().height <= 1),
      'the status is visually hidden',
    );

    // ArrowDown makes the first option active; focus stays in the box.
    await page.keyboard.press('ArrowDown');
    const first = widget.resultOptions().first();
    assert.equal(await box.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await widget.focusedClass(), 'sp-search__input');

    await page.keyboard.press('Enter');
    await widget.articleHeading().waitFor({ state: 'visible' });
    assert.equal(await widget.articleHeading().textContent(), titles[0]);
    assert.equal(await widget.articleHeading().evaluate((h) => h.localName), 'h3');
    assert.ok((await widget.articleBody().innerText()).length > 100, 'the body is rendered');
    assert.ok(await widget.backButton().isVisible(), 'a Back button');

    const events = await widget.events();
    const firstId = events.find((e) => e.name === 'suggestion:clicked')?.detail.article;
    assert.deepEqual(events.map((e) => e.name), ['suggestion:clicked', 'article:viewed']);
    assert.equal(events[0].detail.source, 'search');
    assert.equal(events[1].detail.id, firstId);

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('Back returns from an article to the search results, with the query kept', async () => {
  const { widget, record, cspViolations, close } = await openOrderPage();
  try {
    const titles = await openFirstRefundResult(widget);
    await widget.backButton().click();
    await widget.searchBox().waitFor({ state: 'visible' });
    assert.equal(await widget.searchBox().inputValue(), 'refnd', 'the query is still in the box');
    await widget.results().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
    assert.deepEqual(await widget.resultTitles(), titles, 'the same results are listed again');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('Back returns focus to the search box with the query kept; Escape clears it, then closes', async () => {
  const { page, widget, close } = await openOrderPage();
  try {
    await openFirstRefundResult(widget);
    await widget.backButton().focus();
    await page.keyboard.press('Enter');
    await widget.searchBox().waitFor({ state: 'visible' });
    // The widget moves focus in the animation frame after the view shows, so give it that frame.
    await page.waitForFunction(
      () => document.querySelector('signpost-widget')?.shadowRoot?.activeElement?.classList.contains('sp-search__input'),
      null,
      { timeout: 1_000 },
    ).catch(() => {});
    assert.ok(
      await widget.focusIsInPanel(),
      `focus is in the panel after Back (focused in the widget: "${await widget.focusedClass()}", in the page: ${
        await page.evaluate(() => document.activeElement?.localName)})`,
    );
    assert.equal(await widget.focusedClass(), 'sp-search__input', 'the reader is back where they left off');
    assert.equal(await widget.searchBox().inputValue(), 'refnd', 'the search survives reading an article');
    await page.keyboard.press('Escape');
    assert.equal(await widget.searchBox().inputValue(), '', 'the first Escape clears the search');
    await page.keyboard.press('Escape');
    await widget.panel().waitFor({ state: 'hidden', timeout: 2_000 });
  } finally {
    await close();
  }
});

test('"Was this helpful?" Yes thanks the reader and the desk records the vote', async () => {
  const { page, widget, record, cspViolations, close } = await openOrderPage();
  try {
    await openFirstRefundResult(widget);
    const id = (await widget.events()).find((e) => e.name === 'article:viewed').detail.id;
    assert.ok(await widget.panel().getByText('Was this helpful?').isVisible());

    const vote = page.waitForResponse((r) => r.url().endsWith(`/v1/articles/${id}/feedback`));
    await widget.feedbackButton('Yes').click();
    const response = await vote;
    assert.equal(response.status(), 201, 'the desk recorded it');
    assert.equal(response.request().method(), 'POST');
    const sent = response.request().postDataJSON();
    assert.equal(sent.helpful, true);
    assert.equal(sent.surface, 'order');
    assert.match(sent.session_id, /^[A-Za-z0-9_-]{8,64}$/);

    await widget.panel().getByText('Thanks for your feedback.').waitFor({ state: 'visible' });
    assert.equal(await widget.feedbackButton('Yes').count(), 0, 'the buttons are gone once answered');
    const rated = (await widget.events()).filter((e) => e.name === 'article:rated');
    assert.deepEqual(rated.map((e) => e.detail), [{ id, helpful: true }]);
    assert.equal(record.requests.filter((r) => /\/feedback$/.test(r.url)).length, 1, 'one vote, one request');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('Escape clears a non-empty search and keeps the panel open; a second Escape closes it', async () => {
  const { page, widget, record, cspViolations, close } = await openOrderPage();
  try {
    await typeQuery(widget, 'refund');
    await widget.results().waitFor({ state: 'visible' });

    await page.keyboard.press('Escape');
    assert.equal(await widget.searchBox().inputValue(), '', 'the first Escape clears the box');
    await widget.results().waitFor({ state: 'hidden' });
    assert.ok(await widget.panel().isVisible(), 'the panel stays open');
    assert.equal(await widget.focusedClass(), 'sp-search__input', 'focus stays in the box');
    await widget.suggestedSection().waitFor({ state: 'visible' });

    await page.keyboard.press('Escape');
    await widget.panel().waitFor({ state: 'hidden' });
    assert.equal(await widget.focusedClass(), 'sp-launcher', 'focus back on the launcher');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a nonsense query says "No articles found"', async () => {
  const { widget, record, cspViolations, close } = await openOrderPage();
  try {
    await typeQuery(widget, 'xqzvwkj');
    await widget.panel().getByText(/^No articles found for “xqzvwkj”/).waitFor({ state: 'visible' });
    assert.equal(await widget.searchStatus().textContent(), 'No articles found');
    assert.equal(await widget.results().count(), 0, 'no results list');
    assert.equal(await widget.searchBox().getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('typing asks at every keystroke, a stale answer is never shown, and the results stay up while typing', async () => {
  const { page, widget, context, record, requested, cspViolations, close } = await openOrderPage();
  try {
    // A 6-letter word typed quickly: one request per keystroke (each aborting the one it made stale).
    const before = requested(SEARCH).length;
    await typeQuery(widget, 'refund', 25);
    await widget.results().waitFor({ state: 'visible' });
    await until(() => requested(SEARCH).length - before >= 6, 'a request per keystroke');
    const sent = requested(SEARCH).slice(before).map((r) => new URL(r.url).searchParams.get('q'));
    assert.deepEqual(sent, ['r', 're', 'ref', 'refu', 'refun', 'refund']);

    // A stale answer arriving last must not replace the newer one: hold "cancel" back, then ask for "refund".
    await widget.searchBox().fill('');
    let releaseStale;
    const staleHeld = new Promise((resolve) => { releaseStale = resolve; });
    await context.route(SEARCH, async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === 'cancel') await staleHeld;
      await route.continue().catch(() => {}); // the widget may have aborted it meanwhile
    });
    const staleRequest = page.waitForRequest((r) => SEARCH.test(r.url()) && r.url().includes('q=cancel'));
    // Over once the widget has aborted it, or once its answer has come.
    const staleOver = new Promise((resolve) => {
      const over = (r) => { if (SEARCH.test(r.url()) && r.url().includes('q=cancel')) resolve(); };
      page.on('requestfailed', over);
      page.on('requestfinished', over);
    });
    await typeQuery(widget, 'cancel', 25);
    await staleRequest; // in flight, held
    const fresh = page.waitForResponse((r) => SEARCH.test(r.url()) && r.url().includes('q=refund'));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('refund', { delay: 25 });
    const freshBody = await (await fresh).json();
    await widget.results().waitFor({ state: 'visible' });
    releaseStale();
    await staleOver;
    await widgetSettled(page); // an answer read now would be painted by then

    const expected = freshBody.results.map((r) => r.title);
    assert.ok(expected.length > 0);
    assert.deepEqual(await widget.resultTitles(), expected, 'the results are the answer for "refund"');
    assert.equal(await widget.searchStatus().textContent(), `${expected.length} articles found`);
    assert.equal(await widget.searchBox().inputValue(), 'refund');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
