// End-to-end: what an author's own page can rely on. The element's `ready`
// promise and calls made before it; step numbers given as strings; a "did you
// mean" for a mistyped tour; the host page's color-scheme and text styles
// kept out; and the iframe driven by its parent through postMessage.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { authorPage as openAuthorPage, env } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url);
/** The published tours (their keys and step counts, package/published.json) with each step's title and sentence from scenarios/. */
async function publishedTours() {
  const { tours } = JSON.parse(await readFile(new URL('package/published.json', ROOT), 'utf8'));
  return Promise.all(
    Object.entries(tours).map(async ([key, count]) => {
      const scenario = JSON.parse(await readFile(new URL(`scenarios/${key}.json`, ROOT), 'utf8'));
      assert.equal(scenario.steps.length, count, `${key} keeps its published ${count} steps`);
      return { key, steps: scenario.steps.map((step) => ({ title: step.title ?? null, say: step.say ?? null })) };
    }),
  );
}

/** In the page: what the tour card of `root` (a document, or an element with a shadow root) shows. */
function tourCard(root) {
  root = root?.shadowRoot ?? root ?? document;
  const text = (id) => (root.getElementById(id).hidden ? null : root.getElementById(id).textContent);
  return { position: text('tour-position'), title: text('tour-step-title'), say: text('tour-say') };
}

/** The differences between what `step` of tour `key` shows and what the scenario says it is. */
function stepMismatches(key, n, tour, card) {
  const step = tour.steps[n - 1];
  const wrong = [];
  if (card.position !== `Tour step ${n} of ${tour.steps.length}:`) wrong.push(`${key} step ${n}: "${card.position}"`);
  if (step.title && card.title !== step.title) wrong.push(`${key} step ${n}: title "${card.title}", not "${step.title}"`);
  if (step.say && card.say !== step.say) wrong.push(`${key} step ${n}: says "${card.say?.slice(0, 60)}…", not its own sentence`);
  if (!card.say) wrong.push(`${key} step ${n}: says nothing`);
  return wrong;
}

/** An author's page holding the element module, with `head` (styles) and `body`. */
const authorPage = (t, options = {}) => openAuthorPage(t, { file: 'author.html', title: "An author's page", ...options });

describe('the element, for authors', () => {
  test('ready is a promise of the state, and calls made before it wait for it, in order', async (t) => {
    const page = await authorPage(t);
    const result = await page.evaluate(async () => {
      const element = document.createElement('session-playground');
      element.setAttribute('scenario', 'coat-check');
      document.body.append(element);
      // Made at once, long before the engine has arrived.
      const went = element.goTo('2');
      const wasPromise = went instanceof Promise;
      const state = await element.ready;
      return { wasPromise, went: await went, readyTitle: state.scenario.title, step: element.state.scenario.step, attribute: element.hasAttribute('ready') };
    });
    assert.deepEqual(result, { wasPromise: true, went: true, readyTitle: 'The coat check', step: 2, attribute: true });
  });

  test('goTo takes a string of digits; anything else is refused with a message', async (t) => {
    const page = await authorPage(t, { body: '<session-playground id="p" scenario="revocation"></session-playground>' });
    await page.waitForSelector('#p[ready]');
    assert.equal(await page.evaluate(() => document.getElementById('p').goTo('3')), true);
    assert.equal(await page.evaluate(() => document.getElementById('p').state.scenario.step), 3);
    assert.equal(await page.evaluate(() => document.getElementById('p').goTo('three')), false);
    await assert.doesNotReject(page.locator('#p').getByRole('alert').getByText('goTo("three")').waitFor());
  });

  test('run() from an earlier step adds the action at the end of the timeline, and says so', async (t) => {
    const page = await authorPage(t, { body: '<session-playground id="p" scenario="revocation" seed="1"></session-playground>' });
    await page.waitForSelector('#p[ready]');
    const result = await page.evaluate(async () => {
      const element = document.getElementById('p');
      await element.goTo(3);
      await element.back();
      const before = element.state;
      const ran = await element.run({ action: 'visit', browser: 'phone' });
      return { ran, before: { position: before.position, total: before.total }, after: { position: element.state.position, total: element.state.total, label: element.state.label } };
    });
    assert.equal(result.ran, true);
    assert.ok(result.before.position < result.before.total, 'an earlier step was shown');
    // A visit is three moments (there, the server's work, back): they follow the old last step, and the first shows.
    assert.deepEqual(result.after, { position: result.before.total + 1, total: result.before.total + 3, label: "Alice's phone: visit /profile" }, 'the action joined the end and its first step shows');
    const note = await page.locator('#p #tour-left').innerText();
    assert.match(note, new RegExp(`“Alice's phone: visit /profile” ran after the timeline's last step, step ${result.before.total}, not after step ${result.before.position}, where you were`));
    assert.match(note, /^You left the tour “Instant revocation”/, 'after the note that the tour was left');
  });

  test('the theming custom properties set on the element reach inside it', async (t) => {
    const page = await authorPage(t, {
      head: '<style>session-playground { --panel: rgb(1, 2, 3); --ink: rgb(4, 5, 6); --browser: rgb(7, 8, 9); --radius: 3px; }</style>',
      body: '<session-playground id="p"></session-playground>',
    });
    await page.waitForSelector('#p[ready]');
    const inside = await page.evaluate(() => {
      const root = document.getElementById('p').shadowRoot;
      const browser = getComputedStyle(root.getElementById('browser'));
      return { panel: browser.backgroundColor, ink: getComputedStyle(root.getElementById('narration')).color, title: getComputedStyle(root.querySelector('#browser h2')).color, radius: browser.borderTopLeftRadius };
    });
    assert.deepEqual(inside, { panel: 'rgb(1, 2, 3)', ink: 'rgb(4, 5, 6)', title: 'rgb(7, 8, 9)', radius: '3px' });
  });

  test('a mistyped tour name is answered with the tour it most likely meant', async (t) => {
    const page = await authorPage(t, { body: '<session-playground id="p" scenario="revokation"></session-playground>' });
    await page.waitForSelector('#p[ready]');
    await assert.doesNotReject(page.locator('#p').getByRole('alert').getByText('There is no tour called "revokation". Did you mean "revocation"?').waitFor());
  });

  test("without a theme it takes the host page's color-scheme: a light-only page stays light for a dark-mode reader", async (t) => {
    const page = await authorPage(t, {
      colorScheme: 'dark',
      body: '<session-playground id="plain"></session-playground><session-playground id="auto" theme="auto"></session-playground>',
    });
    await page.waitForSelector('#plain[ready]');
    await page.waitForSelector('#auto[ready]');
    const background = (id) => page.evaluate((id) => getComputedStyle(document.getElementById(id)).backgroundColor, id);
    const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    assert.ok(luminance(await background('plain')) > 200, `light on a page without color-scheme: ${await background('plain')}`);
    assert.ok(luminance(await background('auto')) < 60, `theme="auto" follows the dark system: ${await background('auto')}`);
    // A page that declares light and dark gets the reader's choice without any attribute.
    await page.evaluate(() => document.documentElement.style.setProperty('color-scheme', 'light dark'));
    assert.ok(luminance(await background('plain')) < 60, 'on a light-and-dark page it follows the reader');
  });

  test("the host page's fonts and text spacing stop at the shadow root", async (t) => {
    const page = await authorPage(t, {
      head: '<style>article * { font-family: "Comic Sans MS", fantasy; letter-spacing: 3px; word-spacing: 9px; hyphens: auto; text-transform: uppercase; }</style>',
      body: '<article><session-playground id="p"></session-playground></article>',
    });
    await page.waitForSelector('#p[ready]');
    const inner = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('p').shadowRoot.querySelector('.playground'));
      return { font: style.fontFamily, letter: style.letterSpacing, word: style.wordSpacing, hyphens: style.hyphens, transform: style.textTransform };
    });
    assert.ok(!/Comic|fantasy/.test(inner.font), inner.font);
    assert.deepEqual({ letter: inner.letter, word: inner.word, hyphens: inner.hyphens, transform: inner.transform }, { letter: 'normal', word: '0px', hyphens: 'manual', transform: 'none' });
  });
});

/**
 * In the page (run with `evaluate`): every reader-facing message a playground shows now (the
 * narration, the tour card, the note of a left tour, the error box), and for each control one of
 * them names, whether that control is on show. Empty `hidden` when all is well.
 */
function messagesAndControls(root) {
  root = root.shadowRoot ?? root;
  const CONTROLS = [
    ['Next tour step', '#next'],
    ['Next', '#next'],
    ['Log in', '#login'],
    ['Guided tour', '#tour'],
    ['◀', '#back'],
    ['the slider', '#scrubber'],
    ['Play', '#play'],
    ['Reset', '#reset'],
    ['Inspect', '#wire-toggle'],
  ];
  const shows = (node) => Boolean(node) && node.checkVisibility();
  const texts = ['#narration', '#tour-say', '#tour-left', '#fatal'].map((id) => root.querySelector(id)).filter(shows).map((node) => node.textContent.trim()).filter(Boolean);
  const hidden = [];
  for (const text of texts) {
    let rest = text;
    for (const [name, selector] of CONTROLS) {
      if (!rest.includes(name)) continue;
      if (!shows(root.querySelector(selector))) hidden.push(`"${name}" in: ${text}`);
      rest = rest.replaceAll(name, '');
    }
  }
  return { texts, hidden };
}

describe('messages point only at controls that show', () => {
  for (const controls of ['full', 'minimal', 'none']) {
    test(`controls="${controls}": the element's messages, empty stage to tour's end`, async (t) => {
      const page = await authorPage(t, { body: `<session-playground id="free" controls="${controls}"></session-playground><session-playground id="tour" controls="${controls}" scenario="revocation"></session-playground>` });
      await page.waitForSelector('#free[ready]');
      await page.waitForSelector('#tour[ready]');
      const check = async (id, moment) => {
        const { texts, hidden } = await page.evaluate(messagesAndControls, await page.$(`#${id}`));
        assert.ok(texts.length > 0, `${moment}: there is something to read`);
        assert.deepEqual(hidden, [], `${moment}: a message names a control that is not shown`);
        return texts.join(' ');
      };
      const idle = await check('free', 'the empty stage');
      assert.match(idle, /^No browser has visited app\.example yet/);
      if (controls === 'full') assert.match(idle, /press Log in to play freely/);
      if (controls === 'none') assert.doesNotMatch(idle, /Press/);
      const intro = await check('tour', 'a tour before its first step');
      assert.equal(/Press Next tour step to begin/.test(intro), controls !== 'none');
      // To the tour's end by the API (the host page's way when controls="none").
      await page.evaluate(async () => {
        const element = document.getElementById('tour');
        await element.goTo(element.state.scenario.steps);
        while (element.state.position < element.state.total) await element.next();
      });
      const end = await check('tour', "the tour's end");
      assert.match(end, /That is the end of this tour\./);
      assert.equal(/pick another tour/.test(end), controls === 'full');
      // A free-play action in a tour leaves it; the note names the tour list only where it shows.
      await page.evaluate(() => document.getElementById('tour').run({ action: 'visit', browser: 'laptop' }));
      assert.match(await check('tour', 'a tour left for free play'), /You left the tour/);
      // A mistyped tour name.
      await page.evaluate(() => document.getElementById('free').setAttribute('scenario', 'revokation'));
      await page.locator('#free').getByRole('alert').waitFor();
      assert.match(await check('free', 'a mistyped tour'), /Did you mean "revocation"\?/);
      // Changing the attribute later changes what the empty stage says.
      if (controls !== 'full') {
        await page.evaluate(() => {
          const element = document.createElement('session-playground');
          element.id = 'later';
          document.body.append(element);
        });
        await page.waitForSelector('#later[ready]');
        await page.evaluate((controls) => document.getElementById('later').setAttribute('controls', controls), controls);
        assert.doesNotMatch(await check('later', 'after controls changed'), /Log in/);
      }
    });

    test(`controls=${controls}: the iframe's messages`, async (t) => {
      const page = await authorPage(t, { body: `<iframe id="free" src="${env.server.url}index.html?embed=1&controls=${controls}" title="Free play" width="900" height="700"></iframe><iframe id="tour" src="${env.server.url}index.html?embed=1&controls=${controls}&scenario=revocation" title="A tour" width="900" height="700"></iframe>` });
      const frame = (id) => page.frameLocator(`#${id}`);
      for (const id of ['free', 'tour']) await frame(id).locator('html[data-ready="true"]').waitFor({ state: 'attached' });
      const check = async (id, moment) => {
        const inside = page.frame({ url: new RegExp(id === 'tour' ? 'scenario=revocation' : `controls=${controls}$`) });
        const { texts, hidden } = await inside.evaluate(messagesAndControls, await inside.$('body'));
        assert.ok(texts.length > 0, `${moment}: there is something to read`);
        assert.deepEqual(hidden, [], `${moment}: a message names a control that is not shown`);
        return texts.join(' ');
      };
      const idle = await check('free', 'the empty stage');
      assert.equal(/Log in/.test(idle), controls === 'full');
      assert.equal(/Press Next tour step to begin/.test(await check('tour', 'a tour before its first step')), controls !== 'none');
      // The parent drives the frame to the tour's end.
      await page.evaluate(() => document.getElementById('tour').contentWindow.postMessage({ source: 'session-playground', command: 'goTo', args: ['4'] }, '*'));
      const inside = page.frame({ url: /scenario=revocation/ });
      await inside.waitForFunction(() => /^Tour step 4 of 4/.test(document.getElementById('tour-position').textContent));
      for (let i = 0; i < 5 && (await inside.locator('#tour-position').textContent()) !== 'Tour finished:'; i += 1) {
        await page.evaluate(() => document.getElementById('tour').contentWindow.postMessage({ source: 'session-playground', command: 'next' }, '*'));
        await page.waitForTimeout(50);
      }
      const end = await check('tour', "the tour's end");
      assert.match(end, /That is the end of this tour\./);
      assert.equal(/pick another tour/.test(end), controls === 'full');
    });
  }
});

describe('step="N" opens every published tour at its own step N', () => {
  test('the element, every tour, every step', async (t) => {
    const tours = await publishedTours();
    const page = await authorPage(t);
    const wrong = [];
    let checked = 0;
    for (const tour of tours) {
      for (let n = 1; n <= tour.steps.length; n += 1) {
        await page.evaluate(async ({ key, n }) => {
          const element = document.createElement('session-playground');
          element.setAttribute('scenario', key);
          element.setAttribute('step', String(n));
          element.setAttribute('seed', '1');
          document.body.replaceChildren(element);
          await element.ready;
        }, { key: tour.key, n });
        wrong.push(...stepMismatches(tour.key, n, tour, await page.evaluate(tourCard, await page.$('session-playground'))));
        checked += 1;
      }
    }
    t.diagnostic(`${checked} steps of ${tours.length} tours`);
    assert.ok(checked >= 90, 'every step of every tour');
    assert.deepEqual(wrong, []);
  });

  test('the iframe, every tour, at its first, second and last step', async (t) => {
    // The frame reads step= from its address and opens as the element does (the loop above
    // covers every step); here each tour is framed at three steps, to keep the test short.
    const tours = await publishedTours();
    const page = await authorPage(t);
    const wrong = [];
    let checked = 0;
    for (const tour of tours) {
      const steps = [...new Set([1, 2, tour.steps.length])].filter((n) => n <= tour.steps.length);
      // One frame per step, all at once.
      await page.evaluate(({ key, steps, base }) => {
        document.body.replaceChildren(
          ...steps.map((n) => Object.assign(document.createElement('iframe'), { id: `s${n}`, title: `Step ${n}`, width: 900, height: 500, src: `${base}index.html?embed=1&seed=1&scenario=${key}&step=${n}` })),
        );
      }, { key: tour.key, steps, base: env.server.url });
      for (const n of steps) {
        await page.frameLocator(`#s${n}`).locator('html[data-ready="true"]').waitFor({ state: 'attached' });
        const frame = await (await page.$(`#s${n}`)).contentFrame();
        wrong.push(...stepMismatches(tour.key, n, tour, await frame.evaluate(tourCard)));
        checked += 1;
      }
    }
    t.diagnostic(`${checked} steps of ${tours.length} tours`);
    assert.ok(checked >= 60, 'three steps (or all) of every tour');
    assert.deepEqual(wrong, []);
  });
});

describe('the element on paper', () => {
  test("printing an article shows the element's figure and its steps so far, with no controls", async (t) => {
    const page = await authorPage(t, { body: '<article><p>Before the playground.</p><session-playground id="p" scenario="coat-check" step="2"></session-playground></article>' });
    await page.waitForSelector('#p[ready]');
    await page.emulateMedia({ media: 'print' });
    const steps = page.locator('#p #print-transcript > li');
    await assert.doesNotReject(steps.nth(3).waitFor(), 'the transcript is written for print');
    assert.equal(await steps.count(), 4, 'the three moments of step 1 and the first of step 2');
    assert.match(await steps.nth(3).innerText(), /^Tour step 2: The ticket comes back by itself\s+Step 4, Alice's laptop and the network: /);
    assert.equal(await page.locator('#p #stage').isVisible(), true, 'the figure is printed');
    assert.equal(await page.locator('#p #tour-box').isVisible(), true, 'the tour card is printed');
    for (const selector of ['#next', '.toolbar', '#scrubber']) assert.equal(await page.locator(`#p ${selector}`).isVisible(), false, `${selector} is not printed`);
    assert.equal(await page.locator('#p #dock').evaluate((node) => getComputedStyle(node).position), 'static', 'the dock does not stick to the paper');
  });
});

describe('the iframe, driven by its parent', () => {
  /** A parent page with the playground framed, recording every message it sends. */
  async function framed(t, query) {
    const page = await authorPage(t, {
      // Listening from the first moment: the frame may be ready before any later script runs.
      head: '<script>window.messages = []; addEventListener("message", (event) => window.messages.push(event.data));</script>',
      body: `<iframe src="${env.server.url}index.html${query}" title="Session playground" width="900" height="600"></iframe>`,
    });
    await page.waitForFunction(() => window.messages.some((m) => m.type === 'ready'));
    return page;
  }
  const send = (page, command, args, id) =>
    page.evaluate(({ command, args, id }) => document.querySelector('iframe').contentWindow.postMessage({ source: 'session-playground', command, args, id }, '*'), { command, args, id });
  const result = (page, id) => page.waitForFunction((id) => window.messages.find((m) => m.type === 'result' && m.detail.id === id)?.detail, id).then((h) => h.jsonValue());

  test('ready carries the whole state; next and goTo come by postMessage and answer', async (t) => {
    const page = await framed(t, '?scenario=revocation&embed=1');
    const ready = await page.evaluate(() => window.messages.find((m) => m.type === 'ready').detail);
    assert.equal(ready.scenario.key, 'revocation');
    assert.ok(ready.settings && ready.world, 'settings and the world come with ready');
    await send(page, 'next', [], 1);
    assert.deepEqual(await result(page, 1), { id: 1, command: 'next', value: null });
    await page.waitForFunction(() => window.messages.some((m) => m.type === 'step'));
    await send(page, 'goTo', ['2'], 2);
    assert.deepEqual(await result(page, 2), { id: 2, command: 'goTo', value: true });
    await send(page, 'format', [], 3);
    assert.deepEqual(await result(page, 3), { id: 3, command: 'format', value: false });
  });

  test('it reports its height, so the host can size the frame to fit', async (t) => {
    const page = await framed(t, '?scenario=coat-check&embed=1');
    const height = await page.waitForFunction(() => window.messages.find((m) => m.type === 'resize')?.detail.height).then((h) => h.jsonValue());
    const inside = await page.evaluate(() => document.querySelector('iframe').contentDocument.documentElement.getBoundingClientRect().height);
    assert.equal(height, Math.ceil(inside));
  });

  test('theme=, controls= and an inline #scenario= work as the element’s attributes do', async (t) => {
    const scenario = { version: 1, title: 'Inline in the address', summary: 'x', settings: { preset: 'generic', seed: 3 }, steps: [{ action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' }] };
    const encoded = Buffer.from(JSON.stringify(scenario)).toString('base64url');
    const page = await framed(t, `?embed=1&theme=dark&controls=minimal#scenario=${encoded}`);
    const ready = await page.evaluate(() => window.messages.find((m) => m.type === 'ready').detail);
    assert.equal(ready.scenario.title, 'Inline in the address');
    const inside = await page.evaluate(() => {
      const doc = document.querySelector('iframe').contentDocument;
      return { scheme: getComputedStyle(doc.documentElement).colorScheme, minimal: doc.getElementById('playground').classList.contains('controls-minimal') };
    });
    assert.deepEqual(inside, { scheme: 'dark', minimal: true });
  });
});
