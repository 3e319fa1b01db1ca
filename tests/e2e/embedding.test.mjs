// End-to-end: the playground inside someone else's page. The example article
// (three <session-playground> elements under a strict Content-Security-Policy),
// the element's attributes, events and API, a broken scenario, the iframe
// form, and shared links that restore what the reader saw.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PHONE, SHOTS, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);

const ARTICLE = { path: 'www/examples/', ready: '#revocation[ready]' };

/** Waits until element `id` is ready, scrolling it in first: an embed out of sight loads only once the reader comes near it. */
async function whenReady(page, id) {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`#${id}[ready]`);
}

/** Opens the example article once all three playgrounds are ready (scrolled in, then back to the top), recording CSP violations. */
async function openArticle(t, options = {}) {
  const page = await openPage(t, { ...ARTICLE, ready: null, ...options });
  await whenReady(page, 'coat-check');
  await whenReady(page, 'two-devices');
  await whenReady(page, 'revocation');
  await page.evaluate(() => window.scrollTo(0, 0));
  return page;
}

/** Adds a <session-playground> to the article with these attributes (and inline JSON), and (scrolled in) waits until it is ready; with `near: false`, neither. */
async function addElement(page, id, attributes, json = null, { near = true } = {}) {
  await page.evaluate(
    ({ id, attributes, json }) => {
      const element = document.createElement('session-playground');
      element.id = id;
      if (json !== null) {
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = json;
        element.append(script);
      }
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.querySelector('article').append(element);
    },
    { id, attributes, json },
  );
  if (near) await whenReady(page, id);
  return page.locator(`#${id}`);
}

/**
 * Keeps, on element `id`, every state its stepper passes through as a reader sees it: the counter's
 * text and the Play button's aria-pressed, each change however briefly it shows (a mutation
 * observer notes the page as each of its tasks leaves it), so a check does not depend on catching
 * the right moment.
 */
async function recordStepper(page, id) {
  await page.locator(`#${id}`).evaluate((element) => {
    element.stepperSeen = [];
    const note = () => {
      const counter = element.shadowRoot.querySelector('#counter')?.textContent ?? null;
      const pressed = element.shadowRoot.querySelector('#play')?.getAttribute('aria-pressed') ?? null;
      const last = element.stepperSeen.at(-1);
      if (last?.counter !== counter || last?.pressed !== pressed) element.stepperSeen.push({ counter, pressed });
    };
    note();
    new MutationObserver(note).observe(element.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Adds an iframe of the page to the end of the article (then scrolls to the top if asked); returns its locator. */
async function addFrame(page, src, { scrollTop = false } = {}) {
  await page.evaluate(
    ({ src, scrollTop }) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'Session playground';
      frame.width = '100%';
      frame.height = '600';
      document.querySelector('article').append(frame);
      if (scrollTop) window.scrollTo(0, 0);
    },
    { src, scrollTop },
  );
  return page.frameLocator('iframe[title="Session playground"]');
}

describe('embedding', () => {
  test('the example article runs three playgrounds under its strict CSP', async (t) => {
    const page = await openPage(t, { ...ARTICLE, ready: null });
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await whenReady(page, 'coat-check');
    await whenReady(page, 'two-devices');
    await whenReady(page, 'revocation');
    await page.evaluate(() => window.scrollTo(0, 0));
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(policy, /style-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline/);

    // 1: a built-in tour by name, with minimal controls.
    const coat = page.locator('#coat-check');
    await assert.doesNotReject(coat.getByText('Tour step 1 of 3, next:').waitFor());
    assert.equal(await coat.locator('#settings-panel').isVisible(), false, 'minimal controls hide the settings');
    assert.equal(await coat.locator('#login').isVisible(), false, 'and the action buttons');
    assert.equal(await coat.locator('#next').isVisible(), true, 'but keep the stepper');
    // 2: a scenario file by URL, opened at its third step, dark.
    const two = page.locator('#two-devices');
    await assert.doesNotReject(two.getByText('Tour step 3 of 4:').waitFor());
    assert.match(await two.locator('#counter').innerText(), /^Step \d+ of \d+: Alice's laptop: log out/);
    assert.match(await two.locator('#store-kind').innerText(), /connect-redis/);
    // 3: inline JSON, no controls, driven by the article's own buttons through the element's API.
    const inline = page.locator('#revocation');
    assert.equal(await inline.locator('#next').isVisible(), false, 'controls="none" hides the stepper');
    await page.getByRole('button', { name: 'Next step', exact: true }).first().click();
    await page.waitForFunction(() => document.getElementById('revocation').state.position === 1);
    assert.equal(await inline.evaluate((e) => e.state.label), "Alice's laptop: log in as alice");
    assert.match(await inline.locator('#narration').innerText(), /Alice's laptop fills in the login form/, 'the narration still shows');

    // The article's heavy-handed button style stays outside.
    const articleButton = await page.locator('#drive-next').evaluate((b) => getComputedStyle(b).backgroundColor);
    const innerButton = await coat.locator('#reset').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(articleButton, 'rgb(194, 24, 91)');
    assert.notEqual(innerButton, articleButton);
    // And the playground's styles stay inside: the article's own tables are still hidden by its own rule.
    assert.equal(await page.evaluate(() => document.querySelectorAll('table').length), 0, 'no table leaked into the light DOM');
    assert.equal(await coat.locator('#store-rows').isVisible(), true, "the article's styles do not reach in");
    assert.deepEqual(violations, []);
    await page.screenshot({ path: new URL('desktop-article.png', SHOTS).pathname, fullPage: true });
  });

  test('the article and its playgrounds are accessible, on a phone too', async (t) => {
    for (const viewport of [undefined, PHONE]) {
      // The page's CSP rightly forbids the inline script axe-core arrives as: this context lets the test add it.
      const page = await openArticle(t, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const { violations } = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the article scrolls sideways by ${overflow}px`);
      if (viewport) await page.screenshot({ path: new URL('phone-article.png', SHOTS).pathname, fullPage: true });
    }
  });

  test('two playgrounds on one page are independent', async (t) => {
    const page = await openArticle(t);
    const coat = page.locator('#coat-check');
    const two = page.locator('#two-devices');
    const before = await two.locator('#counter').innerText();
    await coat.locator('#next').click();
    await assert.doesNotReject(coat.locator('#counter').getByText('Step 1 of 3: Alice\'s laptop: log in as alice').waitFor());
    assert.equal(await two.locator('#counter').innerText(), before, 'stepping one leaves the other where it was');
    // Keys act only on the playground that has focus.
    await coat.locator('#next').focus();
    await page.keyboard.press('ArrowRight');
    await assert.doesNotReject(coat.locator('#counter').getByText('Step 2 of 3').waitFor());
    assert.equal(await two.locator('#counter').innerText(), before);
    // Each has its own store: the coat check holds one record, the two-devices tour its own.
    assert.equal(await coat.locator('#store-rows .coat-rec').count(), 1, 'the coat check has filed its one record');
    assert.equal(await two.locator('#store-rows .coat-rec').count(), 2);
  });

  test('every attribute takes effect, and changes to them too', async (t) => {
    const page = await openArticle(t);
    // seed and preset in free play.
    const django = await addElement(page, 'django', { preset: 'django', seed: '1' });
    // In the article's narrow column the server summary waits behind Tools, as on a phone.
    await assert.doesNotReject(django.locator('#settings-summary').getByText(/Django/).waitFor({ state: 'attached' }));
    await django.locator('#login').click();
    await django.locator('#last').click();
    assert.match(await django.locator('#jar').innerText(), /sessionid=/, "Django's cookie name");
    // scenario + step.
    const deep = await addElement(page, 'deep', { scenario: 'revocation', step: '3' });
    await assert.doesNotReject(deep.getByText('Tour step 3 of 4:').waitFor());
    // speed.
    const fast = await addElement(page, 'fast', { scenario: 'coat-check', speed: '4' });
    assert.equal(await fast.locator('#speed').inputValue(), '4');
    assert.equal(await fast.evaluate((e) => e.style.getPropertyValue('--speed')), '4');
    // autoplay: once the element is on screen (not before), the steps move on by themselves with Play
    // pressed, until the tour's first question, where Play lets go for the reader to answer. At speed 4
    // Play is pressed for under two seconds: the stepper's states are recorded, not sampled.
    await page.evaluate(() => window.scrollTo(0, 0));
    const auto = await addElement(page, 'auto', { scenario: 'coat-check', autoplay: '', speed: '4' }, null, { near: false });
    await recordStepper(page, 'auto');
    await page.waitForTimeout(1500);
    assert.equal(await auto.evaluate((e) => e.hasAttribute('ready')), false, 'out of sight, it waits: nothing loads, nothing plays');
    await auto.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const seen = document.getElementById('auto').stepperSeen.map((state) => state.pressed);
      return seen.includes('true') && seen.lastIndexOf('false') > seen.indexOf('true');
    });
    assert.deepEqual(
      (await auto.evaluate((e) => e.stepperSeen)).filter((state) => state.counter.startsWith('Step')),
      [
        { counter: "Step 1 of 3: Alice's laptop: log in as alice", pressed: 'true' },
        { counter: "Step 2 of 3: Alice's laptop: log in as alice", pressed: 'true' },
        { counter: "Step 3 of 3: Alice's laptop: log in as alice", pressed: 'false' },
      ],
      'Play is pressed while the steps move on, and lets go where the next step asks a question',
    );
    assert.equal(await auto.locator('#tour-question').innerText(), 'Think first: Will the server know it is Alice?');
    assert.equal(await auto.evaluate((e) => e.state.playing), false);
    // theme: dark and light whatever the system says.
    const dark = await addElement(page, 'dark', { theme: 'dark' });
    const light = await addElement(page, 'light', { theme: 'light' });
    const background = (loc) => loc.evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(await background(dark), 'rgb(22, 24, 29)');
    assert.equal(await background(light), 'rgb(246, 245, 241)');
    // controls, and changing an attribute later.
    const changing = await addElement(page, 'changing', { controls: 'full' });
    // controls="full" shows the toolbar (in the article's narrow column its tools wait behind Tools).
    assert.equal(await changing.locator('#tools-toggle').isVisible(), true);
    await changing.evaluate((e) => e.setAttribute('controls', 'none'));
    await assert.doesNotReject(changing.locator('#next').waitFor({ state: 'hidden' }));
    assert.equal(await changing.locator('#tools-toggle').isVisible(), false);
    await changing.evaluate((e) => e.setAttribute('scenario', 'revocation'));
    await assert.doesNotReject(changing.getByText('Tour step 1 of 4, next:').waitFor());
    // label names the playground's landmark (and its inner ones) for screen readers, now and when it changes.
    const named = await addElement(page, 'named', { label: 'Revocation demo' });
    assert.equal(await named.getByRole('region', { name: 'Revocation demo', exact: true }).count(), 1);
    await named.evaluate((e) => e.setAttribute('label', 'Logout demo'));
    assert.equal(await named.getByRole('region', { name: 'Network (Logout demo)', exact: true }).count(), 1);
    assert.equal(await named.getByRole('region', { name: "Browser: Alice's laptop (Logout demo)", exact: true }).count(), 1);
    // dock= and compact: a static dock, a smaller figure; the height stays put from step to step.
    const article = await addElement(page, 'article-like', { scenario: 'coat-check', dock: 'static', compact: '' });
    assert.equal(await article.locator('#dock').evaluate((d) => getComputedStyle(d).position), 'relative');
    const heights = [];
    for (let i = 0; i < 5; i += 1) {
      await article.evaluate((e) => e.next());
      heights.push(await article.evaluate((e) => Math.round(e.getBoundingClientRect().height)));
    }
    assert.equal(new Set(heights).size, 1, `one height at every step: ${heights}`);
    // In a column of text without compact too: the tour card keeps its height at a question and after it.
    const column = await addElement(page, 'column', { scenario: 'load-balancer-round-robin', dock: 'static' });
    await column.evaluate((e) => (e.style.maxWidth = '700px'));
    const columnHeights = [];
    let asked = 0;
    for (let i = 0; i < 9; i += 1) {
      await column.evaluate((e) => e.next());
      columnHeights.push(await column.evaluate((e) => Math.round(e.getBoundingClientRect().height)));
      if (await column.locator('#tour-ask').isVisible()) asked += 1;
    }
    assert.ok(asked > 0 && asked < 9, `the walk passes a question (${asked} of 9 steps)`);
    assert.equal(new Set(columnHeights).size, 1, `one height at every step in a 700px column: ${columnHeights}`);
    const sticky = await addElement(page, 'sticky', { scenario: 'coat-check' });
    assert.equal(await sticky.locator('#dock').evaluate((d) => getComputedStyle(d).position), 'sticky');
    assert.ok(await article.locator('#stage').evaluate((s) => s.offsetHeight) < (await sticky.locator('#stage').evaluate((s) => s.offsetHeight)), 'compact is smaller');
    // A value it does not understand says so, inside the element.
    const odd = await addElement(page, 'odd', { controls: 'some', speed: 'fast' });
    await assert.doesNotReject(odd.getByRole('alert').getByText('controls="some" is not one of full, minimal, none').waitFor());
    await assert.doesNotReject(odd.getByRole('alert').getByText('speed="fast" is not one of').waitFor());
    const oddDock = await addElement(page, 'odd-dock', { dock: 'floating' });
    await assert.doesNotReject(oddDock.getByRole('alert').getByText('dock="floating" is not one of sticky, static').waitFor());
  });

  test('a broken scenario shows its error and the rest of the page keeps working', async (t) => {
    const page = await openArticle(t);
    const errors = [];
    await page.exposeFunction('reportError', (message) => errors.push(message));
    await page.evaluate(() => {
      document.addEventListener('playground-error', (e) => window.reportError(e.detail.message));
      // The old name fires on the element only: it must never reach window, where error trackers listen.
      window.addEventListener('error', (e) => e.detail && window.reportError(`reached window: ${e.detail.message}`));
    });
    const broken = JSON.stringify({
      version: 1,
      title: 'Broken',
      summary: 'A typo in an action.',
      steps: [{ action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' }, { action: 'vist', browser: 'laptop' }],
    });
    const bad = await addElement(page, 'broken', {}, broken);
    const alert = bad.getByRole('alert');
    await assert.doesNotReject(alert.getByText(/The scenario in the element.s <script type="application\/json"> could not be loaded: steps\[1\]\.action/).waitFor());
    assert.match(await alert.innerText(), /expected one of .*visit/, 'it says what was expected');
    assert.ok(errors.some((m) => m.includes('steps[1].action')), 'a playground-error event reached the page');
    assert.ok(!errors.some((m) => m.startsWith('reached window')), 'no error event reached window');
    await bad.screenshot({ path: new URL('desktop-broken-scenario.png', SHOTS).pathname });
    // Not JSON at all, fetched by URL.
    const notJson = await addElement(page, 'not-json', { scenario: 'article.css' });
    await assert.doesNotReject(notJson.getByRole('alert').getByText(/The scenario at .*article\.css could not be loaded/).waitFor());
    // A name that is no tour.
    const typo = await addElement(page, 'typo', { scenario: 'revokation' });
    await assert.doesNotReject(typo.getByRole('alert').getByText('There is no tour called "revokation"').waitFor());
    // The broken one is still a usable playground, and the others are untouched.
    await bad.locator('#login').click();
    await assert.doesNotReject(bad.locator('#counter').getByText('Step 1 of 3').waitFor());
    const coat = page.locator('#coat-check');
    await coat.locator('#next').click();
    await assert.doesNotReject(coat.locator('#counter').getByText('Step 1 of 3').waitFor());
  });

  test('events and the API reach the host page, and postMessage from the iframe', async (t) => {
    const page = await openArticle(t);
    const log = page.locator('#event-log');
    const inline = page.locator('#revocation');
    for (let i = 0; i < 30 && !(await inline.evaluate((e) => e.state.scenario.ended)); i += 1) await inline.evaluate((e) => e.next());
    await assert.doesNotReject(log.getByText('revocation: finished “Revocation, inline”').waitFor());
    // Opening at step 3 runs steps 1 and 2 first: the page hears none of that setup, only "ready".
    assert.doesNotMatch(await log.innerText(), /two-devices: step 1 of/);
    const state = await inline.evaluate((e) => e.state);
    assert.equal(state.scenario.steps, 3);
    assert.equal(state.world.store.length, 0, 'the revoked record is gone');
    assert.equal(await inline.evaluate((e) => e.goTo(1)), true);
    assert.equal((await inline.evaluate((e) => e.state)).scenario.step, 1);
    assert.equal(await inline.evaluate((e) => e.run({ action: 'fly' })), false, 'run() refuses what is not an action');
    await assert.doesNotReject(inline.getByRole('alert').getByText(/run\(\): that is not an action/).waitFor());
    assert.equal(await inline.evaluate((e) => e.run({ action: 'visit', browser: 'phone', path: '/profile' })), true);
    await assert.doesNotReject(log.getByText(/revocation: step \d+ of \d+: Alice's phone: visit \/profile/).waitFor());

    // The iframe form: the same events arrive as messages.
    await page.evaluate(() => {
      window.messages = [];
      window.addEventListener('message', (event) => window.messages.push(event.data));
    });
    const frame = await addFrame(page, '../../index.html?scenario=coat-check&step=2&embed=1');
    await assert.doesNotReject(frame.getByText('Tour step 2 of 3:').waitFor());
    await page.waitForFunction(() => window.messages.some((m) => m.source === 'session-playground' && m.type === 'ready'));
    const before = await page.evaluate(() => window.messages.filter((m) => m.type === 'step').length);
    await frame.locator('#next').click();
    await page.waitForFunction((n) => window.messages.filter((m) => m.source === 'session-playground' && m.type === 'step').length > n, before);
    const steps = await page.evaluate(() => window.messages.filter((m) => m.type === 'step'));
    assert.equal(steps.at(-1).detail.scenario.title, 'The coat check');
    const ready = await page.evaluate(() => window.messages.find((m) => m.type === 'ready'));
    assert.equal(ready.detail.scenario.step, 2, 'ready says where the frame opened');
    assert.equal(steps.length, 1, 'the steps run to reach step 2 were not announced');
    assert.equal(steps[0].detail.position, ready.detail.position + 1);
  });
});

describe('a good guest on someone else\'s page', () => {
  test('the framed page keeps one height at every step of a tour, so the frame it tells its height does not move the article', async (t) => {
    // 700px wide, as in a column of text: the host resizes the frame to each height it is told.
    const page = await openPage(t, { viewport: { width: 700, height: 900 }, query: '?embed=1&tour=load-balancer-round-robin' });
    const heights = [];
    let asked = 0;
    for (let i = 0; i < 9; i += 1) {
      await page.locator('#next').click();
      heights.push(await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)));
      if (await page.locator('#tour-ask').isVisible()) asked += 1;
    }
    assert.ok(asked > 0 && asked < 9, `the walk passes a question (${asked} of 9 steps)`);
    assert.equal(new Set(heights).size, 1, `one height at every step: ${heights}`);
  });
  test('a framed playground does not scroll its host page; the page keeps its own keys', async (t) => {
    const page = await openArticle(t);
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.className = 'spacer';
      spacer.append(document.createTextNode('…'));
      spacer.style.height = '3000px';
      document.querySelector('article').append(spacer);
    });
    const frame = await addFrame(page, '../../index.html?scenario=coat-check&step=2&embed=1', { scrollTop: true });
    await assert.doesNotReject(frame.getByText('Tour step 2 of 3:').waitFor());
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'opening at a step did not scroll the article');

    // On the full page, End with focus outside the playground scrolls the page, as it should.
    const full = await openPage(t, { query: '?seed=1' });
    await full.locator('#login').click();
    await full.locator('#lab-title').click();
    await full.keyboard.press('End');
    await full.waitForFunction(() => window.scrollY > 0);
    assert.match(await full.locator('#counter').innerText(), /^Step 1 of 3/, 'and the timeline stayed put');
  });

  test('an element removed or changed while loading leaves nothing running', async (t) => {
    const page = await openArticle(t);
    const events = [];
    await page.exposeFunction('noteStep', (id) => events.push(id));
    await page.evaluate(() => document.addEventListener('step', (e) => window.noteStep(e.target.id)));
    await page.evaluate(() => {
      const gone = document.createElement('session-playground');
      gone.id = 'gone';
      gone.setAttribute('scenario', 'two-devices.json');
      gone.setAttribute('autoplay', '');
      document.querySelector('article').append(gone);
      gone.remove();
      const changed = document.createElement('session-playground');
      changed.id = 'changed';
      changed.setAttribute('scenario', 'two-devices.json');
      document.querySelector('article').append(changed);
      changed.setAttribute('scenario', 'revocation');
    });
    const changed = page.locator('#changed');
    await whenReady(page, 'changed');
    await assert.doesNotReject(changed.getByText('Tour step 1 of 4, next:').waitFor());
    assert.match(await changed.locator('#tour-name').innerText(), /Instant revocation/, 'the later scenario won');
    await page.waitForTimeout(1500);
    assert.deepEqual(events.filter((id) => id === 'gone'), [], 'the removed element never played');
  });

  test('attribute messages follow the attributes; the element takes its width in a flex row', async (t) => {
    const page = await openArticle(t);
    const element = await addElement(page, 'fixing', { speed: '9', theme: 'pink' });
    const alert = element.getByRole('alert');
    await assert.doesNotReject(alert.getByText('speed="9" is not one of').waitFor());
    await assert.doesNotReject(alert.getByText('theme="pink" is not one of').waitFor());
    await element.evaluate((e) => e.setAttribute('speed', '2'));
    await element.evaluate((e) => e.setAttribute('theme', 'dark'));
    await assert.doesNotReject(alert.waitFor({ state: 'hidden' }));
    assert.equal(await element.locator('#speed').inputValue(), '2');
    await element.evaluate((e) => e.setAttribute('controls', 'bogus'));
    await assert.doesNotReject(element.getByRole('alert').getByText('controls="bogus" is not one of full, minimal, none').waitFor());

    await page.evaluate(() => {
      const row = document.createElement('div');
      row.className = 'row';
      row.style.display = 'flex';
      row.style.width = '800px';
      const inRow = document.createElement('session-playground');
      inRow.id = 'in-row';
      row.append(inRow);
      document.querySelector('article').append(row);
    });
    await whenReady(page, 'in-row');
    assert.ok((await page.locator('#in-row').evaluate((e) => e.getBoundingClientRect().width)) > 700);
  });
});

describe('sharing', () => {
  test('a shared link restores free play exactly, CSPRNG session IDs included', async (t) => {
    // No seed: the IDs come from the CSPRNG, and the link must still bring back the same ones.
    const page = await openPage(t);
    await page.locator('#login').click();
    await page.locator('[data-browser="phone"]').click();
    await page.locator('#visit').click();
    await page.locator('#admin-drawer summary').click();
    await page.locator('#revoke').click();
    await page.locator('#back').click();
    const seen = {
      counter: await page.locator('#counter').innerText(),
      narration: await page.locator('#narration').innerText(),
      store: await page.locator('#store-rows').innerText(),
      jar: await page.locator('#jar').innerText(),
      browser: await page.locator('#browser-label').innerText(),
    };
    await page.getByRole('button', { name: 'Share link…' }).click();
    // The dialog's module comes with the first press: the dialog opens once it is here.
    await page.locator('#share-dialog[open]').waitFor();
    const link = await page.locator('#share-text').inputValue();
    assert.match(link, /#play=[\w-]+$/);
    await page.screenshot({ path: new URL('desktop-share.png', SHOTS).pathname });
    const again = await openPage(t, { query: link.slice(link.indexOf('#')) });
    assert.deepEqual(
      {
        counter: await again.locator('#counter').innerText(),
        narration: await again.locator('#narration').innerText(),
        store: await again.locator('#store-rows').innerText(),
        jar: await again.locator('#jar').innerText(),
        browser: await again.locator('#browser-label').innerText(),
      },
      seen,
    );

    // The Embed dialog: an iframe snippet with a live preview, or the element.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Embed…' }).click();
    await page.locator('#share-dialog[open]').waitFor();
    assert.match(await page.locator('#share-text').inputValue(), /^<iframe src="[^"]+\?embed=1#play=[\w-]+" title="Session playground"/);
    await assert.doesNotReject(page.frameLocator('#share-preview').locator('#counter').getByText(seen.counter).waitFor());
    await page.getByLabel('a <session-playground> element').check();
    const snippet = await page.locator('#share-text').inputValue();
    assert.match(snippet, /<script type="module" src="[^"]+\/www\/session-playground\.js"><\/script>\n<session-playground step="2">/, 'it opens at the action shown (the visit, one step back from the revocation)');
    assert.match(snippet, /"action": "revoke"/);
    await assert.doesNotReject(page.frameLocator('#share-preview').locator('session-playground[ready]').waitFor(), 'the preview is the pasted element itself');

    // A damaged link says so and starts fresh.
    const damaged = await openPage(t, { query: '#play=not-a-log' });
    await assert.doesNotReject(damaged.getByRole('alert').getByText('The shared link is damaged').waitFor());
  });

  test('a tour at a step shares as a readable link, and embeds by name', async (t) => {
    const page = await openPage(t, { query: '?scenario=revocation&step=3&embed=1', viewport: PHONE });
    await assert.doesNotReject(page.getByText('Tour step 3 of 4:').waitFor());
    // On a phone, sharing waits behind Tools with everything else the toolbar holds.
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('button', { name: 'Share link…' }).click();
    // The dialog's module comes with the first press: the dialog opens once it is here.
    await page.locator('#share-dialog[open]').waitFor();
    assert.match(await page.locator('#share-text').inputValue(), /\?scenario=revocation&step=3$/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('button', { name: 'Embed…' }).click();
    await page.locator('#share-dialog[open]').waitFor();
    await page.getByLabel('a <session-playground> element').check();
    assert.match(await page.locator('#share-text').inputValue(), /<session-playground scenario="revocation" step="3"><\/session-playground>$/);
    await page.screenshot({ path: new URL('phone-embed-dialog.png', SHOTS).pathname });
  });
});

describe('scaling out inside an element', () => {
  test('a round-robin tour draws its servers and cost meter inside the shadow root, under the CSP', async (t) => {
    const page = await openArticle(t);
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const element = await addElement(page, 'scaled', { scenario: 'load-balancer-round-robin', seed: '1' });
    const next = element.locator('#next');
    while ((await next.getAttribute('aria-disabled')) !== 'true') await next.click();
    assert.equal(await element.locator('#tour-position').innerText(), 'Tour finished:');
    assert.equal(await element.locator('#cluster').isVisible(), true);
    assert.equal(await element.locator('#cluster-nodes > li').count(), 4);
    assert.match(await element.locator('#cluster-nodes > li[data-server="app-1"]').innerText(), /2 requests/);
    // The tour ends with one more reload, on app-2 again: logged out.
    assert.match(await element.locator('#screen').innerText(), /401\s+Please log in/);
    await element.locator('#cost-meter summary').click();
    const lookups = element.locator('#cost-rows tr').filter({ has: page.getByRole('rowheader', { name: 'Lookups', exact: true }) });
    assert.deepEqual(await lookups.locator('td').allInnerTexts(), ['1', '5']);
    // The page's own document has no #cluster: everything lives in the element's shadow root.
    assert.equal(await page.evaluate(() => document.getElementById('cluster')), null);
    assert.deepEqual(violations, []);
  });
});
