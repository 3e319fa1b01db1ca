// The fork, "what if tokens?", as a reader meets it: forked from a step of a
// tour, both timelines step together under one Next, the step where they part
// ways is marked on both (and heard), leaving returns to the same step, a
// shared link reopens the fork where it was, a scenario that asks for a fork
// opens forked in an author's element, a phone shows one side at a time
// behind a switch, every panel of both figures holds its whole text at both
// sizes, the keyboard reaches and drives it all, and axe-core finds nothing. Screenshots of the forked revocation step at both sizes land in
// target/screenshots/fork-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DESKTOP, PHONE, SHOTS, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);

async function axe(page, moment) {
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(found, [], `axe-core violations ${moment}`);
}

/** The narration each side shows now. */
async function narrations(page, within = '') {
  return {
    session: await page.locator(`${within} #fork-side-session #narration`).textContent(),
    token: await page.locator(`${within} #fork-side-token #narration`).textContent(),
  };
}

const counter = (page) => page.locator('#fork-counter').textContent();

/** The single timeline's own node's text, by ID (document.getElementById stays out of the fork's shadow roots). */
const mainText = (page, id) => page.evaluate((id) => document.getElementById(id).textContent, id);

/** Presses the fork's Next until the divergence is marked; returns how many presses it took. */
async function nextUntilParted(page) {
  for (let presses = 0; presses < 40; presses += 1) {
    if (await page.locator('#fork-side-session .fork-badge.now').isVisible()) return presses;
    await page.locator('#fork-next').click();
  }
  throw new Error('the fork never marked a divergence');
}

/**
 * Steps an open fork from the step it shows to its last (at most 40 steps), each side shown in
 * turn on a phone, and runs `look(host)` in the page on each side's host (its figure is in
 * `host.shadowRoot`) at each step: it returns
 * `{ wrong: [...] }` and anything else it counts. Returns the steps, what was wrong (named by
 * size, side and step) and every look.
 */
async function lookAtEveryForkedStep(page, size, look) {
  const phone = await page.locator('.fork-switch').isVisible();
  const problems = [];
  const looks = [];
  let steps = 0;
  while (steps < 40) {
    for (const side of ['session', 'token']) {
      if (phone) await page.locator(`#fork-show-${side}`).click();
      const found = await page.locator(`#fork-side-${side} .fork-host`).evaluate(look);
      const at = await counter(page);
      problems.push(...found.wrong.map((what) => `${size}, ${side}, ${at}: ${what}`));
      looks.push(found);
    }
    steps += 1;
    if (await page.locator('#fork-next').isDisabled()) break;
    await page.locator('#fork-next').click();
  }
  return { steps, problems, looks };
}

/** Whether an element is within the viewport, whole. */
async function onScreen(locator) {
  const box = await locator.boundingBox();
  const size = locator.page().viewportSize();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 1 && box.y + box.height <= size.height + 1;
}

describe('the fork: what if tokens?', () => {
  test('forked from a tour step, both timelines step together and the divergence is marked on both', async (t) => {
    const page = await openPage(t, { query: '?tour=revocation&step=2' });
    // Step 2 of the tour is the revocation: the fork opens at the same step.
    assert.equal(await page.locator('#fork-side-session #stage').count(), 0, 'no second figure until the fork opens');
    const before = await mainText(page, 'narration');
    assert.match(before, /revokes alice's session/);
    await page.locator('#fork-open').click();
    // The fork's module and rules come with the first press: it shows once they are here.
    await assert.doesNotReject(page.locator('#fork').waitFor(), 'the fork is shown');
    assert.ok(await page.evaluate(() => document.getElementById('stage').checkVisibility() === false), 'the single stage makes way for the two');
    const opened = await narrations(page);
    assert.match(opened.session, /revokes alice's session/);
    assert.match(opened.token, /keeps no record of the tokens it signed/);
    assert.match(await counter(page), /^Step 4 of \d+: admin: revoke the newest session$/);
    assert.match(await page.locator('#fork-divergence').textContent(), /part ways at step 6 \(Alice's laptop: visit \/profile\)/);
    assert.ok(await page.locator('#fork-side-session .fork-badge').isHidden(), 'no mark before the divergence');

    // One Next moves both.
    await page.locator('#fork-next').click();
    assert.match(await counter(page), /^Step 5 of/);
    const travelling = await narrations(page);
    assert.match(travelling.session, /Cookie: sid=/);
    assert.match(travelling.token, /Cookie: token=/);

    // The server's work of the request after the revocation: they part ways.
    assert.equal(await nextUntilParted(page), 1);
    assert.match(await counter(page), /^Step 6 of/);
    const parted = await narrations(page);
    assert.match(parted.session, /401 Unauthorized/);
    assert.match(parted.token, /200 OK/);
    for (const side of ['session', 'token']) {
      assert.equal(await page.locator(`#fork-side-${side} .fork-badge`).textContent(), 'They part ways here');
    }
    const reason = await page.locator('#fork-divergence').textContent();
    assert.match(reason, /^Sessions: 401 Unauthorized\. Tokens: 200 OK, as alice\. Here the two timelines part ways\. The session server refused it, 401 Unauthorized: the ticket names no record in the store\. The token server served it as alice, 200 OK/);
    assert.match(await page.locator('#fork-announce').textContent(), /^Step 6 of \d+, Alice's laptop: visit \/profile\. Sessions: .*Tokens: .* The two timelines part ways here\./);
    // Both figures and the divergence are on screen at once.
    for (const part of ['#fork-side-session #stage', '#fork-side-token #stage', '#fork-divergence', '#fork-next']) {
      assert.ok(await onScreen(page.locator(part)), `${part} is on screen`);
    }
    await page.screenshot({ path: new URL('fork-desktop.png', SHOTS).pathname });
    await axe(page, 'forked, at the divergence');
    await page.emulateMedia({ colorScheme: 'dark' });
    await axe(page, 'forked, at the divergence, dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // After it, the mark stays as a reminder.
    await page.locator('#fork-next').click();
    assert.equal(await page.locator('#fork-side-token .fork-badge').textContent(), 'Parted at step 6');

    // Back to one timeline, at the same step.
    await page.locator('#fork-back').click();
    await page.locator('#fork-leave').click();
    assert.ok(await page.locator('#stage').isVisible(), 'the single stage is back, and the only one');
    assert.ok(await page.locator('#fork').isHidden());
    assert.match(await mainText(page, 'counter'), /^Step 6 of \d+: Alice's laptop: visit \/profile$/);
    assert.match(await mainText(page, 'narration'), /401 Unauthorized/);
  });

  test('a login and a visit never part ways, and the page says so', async (t) => {
    const page = await openPage(t, { query: '?seed=1' });
    await page.locator('#login').click();
    await page.locator('#visit').click();
    await page.locator('#fork-open').click();
    await page.locator('#fork').waitFor();
    assert.match(await page.locator('#fork-divergence').textContent(), /never part ways/);
    await page.locator('#fork-last').click();
    assert.ok(await page.locator('#fork-side-token .fork-badge').isHidden());
    const last = await narrations(page);
    assert.match(last.session, /Profile of alice/);
    assert.match(last.token, /Profile of alice/);
  });

  test('a forked moment shared as a link reopens forked at the same step', async (t) => {
    const page = await openPage(t, { query: '?tour=revocation&step=2' });
    await page.locator('#fork-open').click();
    await page.locator('#fork').waitFor();
    await nextUntilParted(page);
    const at = await counter(page);
    await page.evaluate(() => document.getElementById('share').click());
    await page.locator('#share-dialog[open]').waitFor();
    const link = await page.locator('#share-text').inputValue();
    assert.match(link, /#play=/, 'a forked moment needs the log');
    const again = await openPage(t, { path: link.slice(link.indexOf('/', 8) + 1), ready: 'html[data-ready="true"]' });
    await again.waitForSelector('#fork:not([hidden])');
    assert.equal(await counter(again), at);
    assert.equal(await again.locator('#fork-side-session .fork-badge').textContent(), 'They part ways here');
    assert.match((await narrations(again)).token, /200 OK/);
  });

  test('a scenario that asks for a fork opens forked in an author\'s element', async (t) => {
    const page = await openPage(t, { path: 'www/examples/', ready: '#coat-check[ready]' });
    const scenario = {
      version: 1,
      title: 'Revocation, both ways',
      fork: 'tokens',
      settings: { seed: 1 },
      given: [{ action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' }],
      steps: [
        { action: 'revoke', browser: 'laptop' },
        { action: 'visit', browser: 'laptop', path: '/profile' },
      ],
    };
    await page.evaluate((json) => {
      const element = document.createElement('session-playground');
      element.id = 'forked';
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = json;
      element.append(script);
      document.querySelector('article').append(element);
      // An element starts when it comes near the viewport.
      element.scrollIntoView();
    }, JSON.stringify(scenario));
    await page.waitForSelector('#forked[ready]');
    const fork = page.locator('#forked #fork');
    assert.ok(await fork.isVisible(), 'the element opens forked');
    assert.match(await page.locator('#forked #fork-counter').textContent(), /^Step 1 of 4: admin: revoke the session of Alice's laptop$/);
    for (let i = 0; i < 2; i += 1) await page.locator('#forked #fork-next').click();
    assert.equal(await page.locator('#forked #fork-side-token .fork-badge').textContent(), 'They part ways here');
    // The example article's own playgrounds are not forked.
    assert.ok(await page.locator('#coat-check #fork').isHidden());
  });

  test('the iframe page opens a scenario forked when it asks, at the step the address names', async (t) => {
    const scenario = { version: 1, title: 'Both ways', fork: 'tokens', settings: { seed: 1 }, steps: [
      { action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' },
      { action: 'revoke' },
      { action: 'visit', browser: 'laptop', path: '/profile' },
    ] };
    const inline = Buffer.from(JSON.stringify(scenario)).toString('base64url');
    const page = await openPage(t, { query: `?embed=1#scenario=${inline}` });
    await page.waitForSelector('#fork:not([hidden])');
    assert.match(await counter(page), /^Step 1 of 7: Alice's laptop: log in as alice$/);
    await page.locator('#fork-last').click();
    assert.match(await page.locator('#fork-summary').textContent(), /^At step 6: Sessions: 401 Unauthorized\. Tokens: 200 OK, as alice\.$/);
    // ?step=3 opens the fork at the tour's third step, on both sides.
    const stepped = await openPage(t, { query: `?embed=1&step=3#scenario=${inline}` });
    await stepped.waitForSelector('#fork:not([hidden])');
    assert.match(await counter(stepped), /^Step 5 of 7: Alice's laptop: visit \/profile$/);
  });

  test('on a phone one timeline shows at a time, behind a switch, with the divergence under both', async (t) => {
    const page = await openPage(t, { viewport: PHONE, query: '?tour=revocation&step=2' });
    // The Fork button lives with the stepping controls.
    await page.locator('#fork-open').click();
    await page.locator('#fork').waitFor();
    await nextUntilParted(page);
    assert.ok(await page.locator('#fork-show-session').isVisible(), 'the switch shows');
    assert.equal(await page.locator('#fork-show-session').textContent(), 'Sessions ≠');
    assert.ok(await page.locator('#fork-side-session #stage').isVisible());
    assert.ok(await page.locator('#fork-side-token').isHidden());
    assert.ok(await onScreen(page.locator('#fork-divergence')), 'the divergence is on screen');
    assert.ok(await onScreen(page.locator('#fork-next')), 'Next is on screen');
    await page.screenshot({ path: new URL('fork-phone-sessions.png', SHOTS).pathname });
    await page.locator('#fork-show-token').click();
    assert.equal(await page.locator('#fork-show-token').getAttribute('aria-pressed'), 'true');
    assert.ok(await page.locator('#fork-side-token #stage').isVisible());
    assert.ok(await page.locator('#fork-side-session').isHidden());
    assert.match((await narrations(page)).token, /200 OK/);
    await page.screenshot({ path: new URL('fork-phone-tokens.png', SHOTS).pathname });
    await axe(page, 'forked on a phone');
  });

  test("every panel of both figures holds its whole text at every step, at 1280x800 and 375x667 (the token store's note too)", async (t) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openPage(t, { viewport, query: '?tour=revocation' });
      for (let press = 0; press < 3; press += 1) await page.locator('#next').click();
      await page.locator('#fork-open').click();
      await page.locator('#fork:not([hidden])').waitFor();
      await page.locator('#fork-first').click();
      const size = `${viewport.width}x${viewport.height}`;
      const { steps, problems, looks } = await lookAtEveryForkedStep(page, size, (host) => {
        const root = host.shadowRoot;
        const wrong = [];
        // A panel (or the store's rack) whose text runs past its box: its overflow is hidden, so those lines are lost.
        for (const box of root.querySelectorAll('.stage > .actor, .rack')) {
          if (box.checkVisibility() && box.scrollHeight > box.clientHeight + 1) wrong.push(`#${box.id}: ${box.scrollHeight}px of text in ${box.clientHeight}px`);
        }
        // The store's note of why it is empty, inside its panel's padding box.
        const note = root.querySelector('#store-empty');
        const shown = note.checkVisibility();
        if (shown) {
          const panel = root.querySelector('#store');
          const bottom = panel.getBoundingClientRect().bottom - panel.clientTop;
          if (note.getBoundingClientRect().bottom > bottom + 1) wrong.push(`#store-empty ends ${Math.round(note.getBoundingClientRect().bottom - bottom)}px below its panel`);
        }
        return { wrong, note: shown };
      });
      assert.equal(steps, 10, `${size}: every step of the forked revocation tour was looked at`);
      assert.ok(looks.filter((look) => look.note).length >= 10, `${size}: the token store's note was looked at on every step`);
      assert.deepEqual(problems, [], 'text cut off at a panel\'s foot');
    }
  });

  test('forked while scaling out, each side draws its load balancer and servers, and no panel cuts off its text, at 1280x800 and 375x667', async (t) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openPage(t, { viewport, query: '?tour=sticky-sessions' });
      // Forked at the tour's first step: the fork starts there.
      await page.locator('#next').click();
      await page.locator('#fork-open').click();
      await page.locator('#fork:not([hidden])').waitFor();
      const size = `${viewport.width}x${viewport.height}`;
      const { steps, problems } = await lookAtEveryForkedStep(page, size, (host) => {
        const root = host.shadowRoot;
        const wrong = [];
        if (!root.querySelector('#cluster').checkVisibility()) wrong.push('no load balancer drawn');
        const nodes = root.querySelectorAll('#cluster-nodes .node');
        if (nodes.length !== 3) wrong.push(`${nodes.length} servers drawn, not 3`);
        for (const node of nodes) if (!node.checkVisibility() || node.getBoundingClientRect().height < 10) wrong.push(`${node.dataset.server} not in sight`);
        for (const box of root.querySelectorAll('.stage > .actor')) {
          if (box.checkVisibility() && box.scrollHeight > box.clientHeight + 1) wrong.push(`#${box.id}: ${box.scrollHeight}px of text in ${box.clientHeight}px`);
        }
        return { wrong };
      });
      assert.ok(steps >= 20, `${size}: the forked tour was stepped to its end (${steps} steps)`);
      assert.deepEqual(problems, [], 'each side shows the load balancer and every line of its panels');
    }
  });

  test('the keyboard reaches the fork and drives it, without moving the timeline behind it', async (t) => {
    const page = await openPage(t, { viewport: DESKTOP, query: '?tour=revocation&step=2' });
    const mainCounter = await mainText(page, 'counter');
    await page.locator('#fork-open').focus();
    await page.keyboard.press('Enter');
    // The fork's module arrives on the first press; then Next of both takes the focus.
    await assert.doesNotReject(page.waitForFunction(() => document.activeElement?.id === 'fork-next', null, { timeout: 5000 }), 'Next of both takes the focus');
    await page.keyboard.press('ArrowRight');
    assert.match(await counter(page), /^Step 5 of/);
    await page.keyboard.press('Enter');
    assert.match(await counter(page), /^Step 6 of/);
    await page.keyboard.press('Home');
    assert.match(await counter(page), /^Step 1 of/);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await mainText(page, 'counter'), mainCounter, 'the single timeline did not move');
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#fork').isHidden());
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'fork-open', 'the focus returns to the Fork button');
  });
});
