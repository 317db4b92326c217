// Search over a real help center: the Arduino Help Center's 414-article Zendesk export, served by a desk of its
// own and embedded in a page on another origin (strict CSP allowing the desk). Misspelt and multi-word queries
// find the relevant articles, and an opened article renders its body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup } from './harness.mjs';

// Relative to the repository root.
const env = setup({ content: '../shared/data/help-center-arduino' });

async function openHelpCenterPage() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.pages.url}/help-center.html`, { waitUntil: 'load' });
  await widget.ready();
  await widget.open();
  return { ...session, widget };
}

/** The snippets' element names: the desk escapes everything but its <mark> highlights. */
const snippetTags = (widget) =>
  widget.panelElement().locator('.sp-result__snippet *').evaluateAll((els) => [...new Set(els.map((e) => e.localName))]);

test('"bootloder" (a typo) finds the bootloader articles, and one opens with its body', async () => {
  const { widget, record, cspViolations, close } = await openHelpCenterPage();
  try {
    await widget.searchBox().click();
    await widget.page.keyboard.type('bootloder', { delay: 40 });
    await widget.results().waitFor({ state: 'visible' });
    const titles = await widget.resultTitles();
    assert.match(titles[0], /bootloader/i, `the best result is about the bootloader: ${JSON.stringify(titles)}`);
    assert.ok(titles.filter((t) => /bootloader/i.test(t)).length >= 3, `several bootloader articles: ${JSON.stringify(titles)}`);
    assert.equal(await widget.searchStatus().textContent(), `${titles.length} articles found`);
    assert.deepEqual(await snippetTags(widget), ['mark'], 'snippets carry only highlights');

    await widget.openResult(titles[0]);
    assert.equal(await widget.articleHeading().textContent(), titles[0]);
    const body = widget.articleBody();
    assert.match(await body.innerText(), /bootloader/i);
    assert.ok((await body.innerText()).length > 300, 'a real body, not a stub');
    assert.ok((await body.locator('p').count()) > 0, 'rendered from Markdown into paragraphs');
    const links = await body.locator('a[href^="http"]').evaluateAll((as) => as.map((a) => [a.target, a.rel]));
    for (const [target, rel] of links) {
      assert.equal(target, '_blank');
      assert.match(rel, /noopener/);
    }

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('"upload error" finds the upload error articles, and one opens with its body', async () => {
  const { widget, record, cspViolations, close } = await openHelpCenterPage();
  try {
    await widget.search('upload error');
    const titles = await widget.resultTitles();
    const relevant = titles.filter((t) => /upload/i.test(t));
    assert.ok(relevant.length >= 3, `several results about uploading: ${JSON.stringify(titles)}`);
    assert.match(titles[0], /upload/i, `the best result is about uploading: ${JSON.stringify(titles)}`);
    assert.ok(titles.slice(0, 3).some((t) => /error|fail/i.test(t)), `an error article near the top: ${JSON.stringify(titles)}`);

    await widget.openResult(titles[0]);
    assert.equal(await widget.articleHeading().textContent(), titles[0]);
    assert.ok((await widget.articleBody().innerText()).length > 200, 'the body is rendered');
    assert.ok(await widget.feedbackButton('Yes').isVisible(), '"Was this helpful?" is offered');

    // Back to the home view works with a real corpus too.
    await widget.backButton().click();
    await widget.searchBox().waitFor({ state: 'visible' });

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
