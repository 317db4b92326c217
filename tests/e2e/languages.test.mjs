// The widget in the user's language: chosen from data-locale, setLocale, the page's lang or the browser's;
// Arabic right to left with the launcher and panel on the left; articles in the language where translated, else
// in English with a note. Expected words come from the locale files, the translators' source of truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT_TOKEN, AgentApi, Widget, articleTitle, describeErrors, message, newPage, reasonPattern, ruleReason, setup, sleep,
  until,
} from './harness.mjs';

// The agent API reads the triage reasons a ticket was given.
const env = setup({ args: ['--agent-token', AGENT_TOKEN] });

/** A language's interface messages, fetched from the widget build. */
const MESSAGES = /\/widget\/[^/]+\/messages-([\w-]+)\.json$/;

async function embedded(options, contextOptions = {}) {
  const opened = await newPage(env.browser, contextOptions);
  await opened.page.goto(`${env.pages.url}/embed.html?${new URLSearchParams(options)}`);
  return { ...opened, widget: new Widget(opened.page) };
}

const inShadow = (page, fn, arg) => page.evaluate(
  ([source, value]) => new Function('root', 'value', `return (${source})(root, value)`)(
    document.querySelector('signpost-widget').shadowRoot, value,
  ),
  [fn.toString(), arg],
);

test('Spanish from data-locale: launcher, panel, search and a translated article', async () => {
  const { page, widget, record, requested, close } = await embedded({ locale: 'es-MX' });
  try {
    const help = await message('es', 'help');
    // The loader's placeholder already speaks Spanish, before the widget is fetched.
    const launcher = page.getByRole('button', { name: help, exact: true });
    await launcher.waitFor();
    await launcher.click();
    const panel = page.getByRole('dialog', { name: help });
    await panel.waitFor();
    assert.equal(await page.getByRole('button', { name: await message('es', 'close_help') }).count(), 1);
    const box = page.getByRole('combobox', { name: await message('es', 'search_label') });
    assert.equal(await box.getAttribute('placeholder'), await message('es', 'search_placeholder'));

    await box.fill('reembolso');
    const first = page.locator('signpost-widget .sp-result__title').first();
    await first.waitFor();
    assert.equal(await first.textContent(), '¿Cómo obtengo un reembolso?');
    await first.click();
    await widget.articleHeading().waitFor();
    assert.equal(await widget.articleHeading().getAttribute('lang'), 'es');
    assert.equal(await page.locator('signpost-widget .sp-article__note').count(), 0, 'no "in English" note');

    // Not translated: English, marked as such, in Spanish words.
    await widget.call('showArticle', 'service-status');
    await page.locator('signpost-widget .sp-article__title', { hasText: 'Outages and service status' }).waitFor();
    assert.equal(await page.locator('signpost-widget .sp-article__note').textContent(), await message('es', 'article_in_english'));
    assert.equal(await widget.articleHeading().getAttribute('lang'), 'en');

    // The page paid for Spanish alone, fetched once beside the module; switching language fetches that one.
    const messages = () => requested(MESSAGES).map((r) => MESSAGES.exec(r.url)[1]);
    assert.deepEqual(messages(), ['es']);
    await widget.call('setLocale', 'fr');
    await page.locator('signpost-widget .sp-root[lang="fr"]').waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('dialog', { name: await message('fr', 'help') }).count(), 1);
    await widget.call('setLocale', 'es');
    await page.locator('signpost-widget .sp-root[lang="es"]').waitFor({ state: 'attached' });
    assert.deepEqual(messages(), ['es', 'fr'], 'each language fetched once');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('an English page fetches no other language\'s messages', async () => {
  const { page, widget, requested, close } = await embedded({ locale: 'en-GB' });
  try {
    await widget.open();
    assert.deepEqual(requested(MESSAGES).map((r) => r.url), []);
  } finally {
    await close();
  }
});

test('Arabic reads right to left, with the launcher and panel on the left; setLocale switches back live', async () => {
  const { page, widget, record, close } = await embedded({ locale: 'ar' });
  try {
    await widget.ready();
    const help = await message('ar', 'help');
    const launcher = page.getByRole('button', { name: help, exact: true });
    await launcher.click();
    await page.getByRole('dialog', { name: help }).waitFor();
    const width = page.viewportSize().width;
    const layout = () => inShadow(page, (root) => ({
      dir: root.querySelector('.sp-root').dir,
      lang: root.querySelector('.sp-root').lang,
      direction: getComputedStyle(root.querySelector('.sp-search__input')).direction,
      launcher: root.querySelector('.sp-launcher').getBoundingClientRect().x,
      panel: root.querySelector('.sp-panel').getBoundingClientRect().x,
    }));
    const arabic = await layout();
    assert.equal(arabic.dir, 'rtl');
    assert.equal(arabic.lang, 'ar');
    assert.equal(arabic.direction, 'rtl', 'text runs right to left');
    assert.ok(arabic.launcher < width / 2 && arabic.panel < width / 2, `on the left: ${JSON.stringify(arabic)}`);

    await page.getByRole('combobox').fill('استرداد المبلغ');
    const status = widget.searchStatus();
    await page.locator('signpost-widget .sp-result__title').first().waitFor();
    assert.match(await status.textContent(), /تم العثور على|مقال/, 'the result count is announced in Arabic');

    await widget.call('setLocale', 'en');
    await page.getByRole('dialog', { name: 'Help' }).waitFor();
    const english = await layout();
    assert.equal(english.dir, 'ltr');
    assert.ok(english.launcher > width / 2 && english.panel > width / 2, `back on the right: ${JSON.stringify(english)}`);

    await widget.call('setLocale', 'xx-YY');
    const warned = () => record.console.some((m) => m.type === 'warning' && /setLocale: `xx-YY` is not translated/.test(m.text));
    for (let waited = 0; !warned() && waited < 5_000; waited += 50) await sleep(50);
    assert.ok(warned(), JSON.stringify(record.console));
    assert.equal(await page.getByRole('dialog', { name: 'Help' }).count(), 1, 'still English');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a language set while the first catalog is on its way wins, whichever answer arrives last', async () => {
  const { page, close } = await newPage(env.browser);
  const widget = new Widget(page);
  const englishCatalog = (url) => url.pathname === '/v1/site' && (url.searchParams.get('locale') ?? 'en').startsWith('en');
  // The English catalog answers late, as on a slow network: after the Spanish one.
  await page.route((url) => englishCatalog(url), async (route) => {
    await sleep(1_500);
    await route.continue();
  });
  try {
    const english = page.waitForResponse((response) => englishCatalog(new URL(response.url())), { timeout: 30_000 });
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.call('setLocale', 'es');
    await (await english).finished();
    await widget.call('open');
    const spanish = await articleTitle('late-delivery', 'content/articles/es');
    await until(async () => (await widget.suggestionTitles()).includes(spanish),
      'the Spanish catalog\'s suggestions', 20_000);
    assert.ok(!(await widget.suggestionTitles()).includes(await articleTitle('late-delivery')), 'no English title');
  } finally {
    await close();
  }
});

test('a regional tag finds its language: pt-PT gets Brazilian Portuguese, in the launcher before the widget loads', async () => {
  const { page, close } = await embedded({ locale: 'pt-PT', load: 'interaction' });
  try {
    await page.getByRole('button', { name: await message('pt-BR', 'help'), exact: true }).waitFor();
  } finally {
    await close();
  }
});

test('without data-locale: the page\'s lang, else the browser\'s language', async () => {
  const german = await embedded({ lang: 'de' });
  try {
    await german.page.getByRole('button', { name: await message('de', 'help'), exact: true }).waitFor();
  } finally {
    await german.close();
  }
  const french = await embedded({ lang: '' }, { locale: 'fr-FR' });
  try {
    await french.widget.ready();
    await french.page.getByRole('button', { name: await message('fr', 'help'), exact: true }).click();
    await french.page.getByRole('dialog', { name: await message('fr', 'help') }).waitFor();
  } finally {
    await french.close();
  }
});

test('triage reasons under the confirmation are codes the widget words: switching language re-words them', async () => {
  const { page, widget, record, close } = await embedded({});
  try {
    await widget.ready();
    await widget.open();
    await widget.openContact();
    const subject = 'Refund for order 4471';
    await widget.fillContact({
      topic: 'refund', subject, message: 'No refund yet. I will file a chargeback.', email: 'lena@example.com',
    });
    await widget.sendRequestButton().click();
    await widget.waitForSent();
    // The queue and its reason depend on the model (the topic, or the words that weighed most): read the codes
    // the desk stored, and word them from the locale files as the widget must.
    const agent = new AgentApi(env.desk.url);
    const filed = (await agent.list()).find((ticket) => ticket.subject === subject);
    const [queueReason] = (await agent.ticket(filed.id)).triage_reasons;
    assert.ok(['orders', 'disputes'].includes(queueReason.queue), JSON.stringify(queueReason));
    const reasons = page.locator('signpost-widget .sp-reasons li');
    const expected = async (tag, quote) => {
      const queue = await message(tag, `queue_${queueReason.queue}`);
      const quoted = (words) => words.map((text) => fill(quote, { text })).join(', ');
      const first = queueReason.code === 'topic'
        ? fill(await message(tag, 'triage_topic'), { queue, topic: await message(tag, 'topic_refund') })
        : fill(await message(tag, 'triage_model_words'), { queue, words: quoted(queueReason.words) });
      return [first, fill(await message(tag, 'triage_chargeback'), { words: quoted(['chargeback']) })];
    };
    assert.ok(['topic', 'model_words'].includes(queueReason.code), JSON.stringify(queueReason));
    assert.deepEqual(await reasons.allTextContents(), await expected('en', await message('en', 'quoted')));

    await widget.call('setLocale', 'es');
    const spanish = await expected('es', await message('es', 'quoted'));
    await page.locator('signpost-widget .sp-reasons li', { hasText: spanish[1] }).waitFor();
    assert.deepEqual(await reasons.allTextContents(), spanish);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

/** `text` with each `{name}` replaced, as the widget fills its messages. */
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
}

test('"Why am I seeing this?" speaks the interface language: the late order explained in Spanish, its facts too', async () => {
  const { page, record, close } = await newPage(env.browser, { viewport: { width: 1920, height: 1080 } });
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.call('setLocale', 'es');
    await widget.call('open');
    const title = await articleTitle('late-delivery', 'content/articles/es');
    const item = page.locator('signpost-widget .sp-suggestion', { hasText: title }).first();
    await item.waitFor();
    await item.getByRole('button', { name: await message('es', 'why_am_i_seeing_this') }).click();
    const text = await item.locator('.sp-explanation__text').first().textContent();
    const reason = await ruleReason('late-delivery', undefined, 'es');
    assert.match(text, reasonPattern(reason, { 'order.id': 'A-1043', 'order.promised_by|days_since': 3 }));
    // The facts under it are named in Spanish and written by the browser's Intl in Spanish too: the date and how
    // long ago it was.
    const names = await item.locator('dl.sp-facts dt').allTextContents();
    assert.ok(names.includes(await message('es', 'fact_order_promised_by')), JSON.stringify(names));
    const english = await Promise.all(['fact_order_promised_by', 'fact_order_status', 'fact_order_id'].map((key) => message('en', key)));
    assert.ok(!names.some((name) => english.includes(name)), JSON.stringify(names));
    const facts = await item.locator('dl.sp-facts dd').allTextContents();
    assert.ok(facts.some((fact) => /\(hace 3 días\)$/.test(fact.replace(/\s/g, ' '))), JSON.stringify(facts));
    assert.ok(!facts.some((fact) => /\bago\b/.test(fact)), JSON.stringify(facts));
    // The order's status too, a value the page sent as a code.
    assert.ok(facts.includes(await message('es', 'term_order_status_shipped')), JSON.stringify(facts));
    assert.ok(!facts.includes('shipped'), JSON.stringify(facts));
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('the demo pages open in a language with ?lang= and switch with their "Help language" picker', async () => {
  const { page, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.desk.url}/demo/order?lang=ar`);
    await widget.ready();
    await page.getByRole('button', { name: await message('ar', 'help'), exact: true }).click();
    await page.getByRole('dialog', { name: await message('ar', 'help') }).waitFor();
    await page.getByLabel('Help language').selectOption('de');
    await page.getByRole('dialog', { name: await message('de', 'help') }).waitFor();
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
