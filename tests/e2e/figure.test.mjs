// End-to-end: the one figure. At 1280×800 and 375×667, every tour is
// stepped through with Next, and at every step each named part of the stage
// (browser, cookie jar, network, server, session store, narration) and the
// Next button must lie inside the viewport with nothing covering it, and the
// page must not scroll. Also: how far the ticket travels, the drawn lookup,
// the press counts, what a screen reader hears, axe-core, and no jump at load.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DESKTOP, PHONE, SHOTS, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const PARTS = ['Browser', 'Cookie jar', 'Network', 'Server', 'Session store', 'Narration'];
const SCALE_OUT = ['load-balancer-round-robin', 'sticky-sessions', 'shared-store', 'store-outage'];

/**
 * What is wrong with the figure right now, in the page: for each named part,
 * whether its box lies in the viewport and (unless `covered` is false, as
 * when a drawer is meant to open over it) whether the point at its centre
 * belongs to it (nothing covers it). Empty when all is well.
 */
function figureProblems(options) {
  const { parts, covered = true } = Array.isArray(options) ? { parts: options } : options;
  const problems = [];
  const regions = [...document.querySelectorAll('section[aria-label]')];
  const named = (name) => regions.find((r) => r.getAttribute('aria-label') === name || r.getAttribute('aria-label').startsWith(`${name}:`) || r.getAttribute('aria-label').startsWith(`${name} of`));
  const next = [...document.querySelectorAll('button')].find((b) => /^Next/.test(b.textContent));
  for (const [name, node] of [...parts.map((p) => [p, named(p)]), ['the Next button', next]]) {
    if (!node) {
      problems.push(`${name}: not found`);
      continue;
    }
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) problems.push(`${name}: not shown`);
    else if (box.top < -0.5 || box.left < -0.5 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5) problems.push(`${name}: ${Math.round(box.top)}..${Math.round(box.bottom)} is outside the viewport`);
    else if (covered) {
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !node.contains(hit)) problems.push(`${name}: covered by ${hit?.id || hit?.className || hit?.tagName}`);
    }
  }
  return problems;
}

/**
 * The figure's panels that hold more than they show, in the page: a panel
 * whose content runs past its box (its overflow is hidden, so those lines are
 * lost to the reader), or a rack of coats (a list that scrolls) squeezed so
 * that not even the coat that matters now, or the first, shows whole. Empty
 * when every line shows.
 */
function cutPanels() {
  const cut = [];
  const scalingOut = document.querySelector('.stage > .cluster-mode') ? 'scaling out, ' : '';
  for (const box of document.querySelectorAll('.stage > .actor')) {
    if (box.checkVisibility() && box.scrollHeight > box.clientHeight + 1) cut.push(`${scalingOut}#${box.id} holds ${box.scrollHeight}px in ${box.clientHeight}px`);
  }
  for (const rack of document.querySelectorAll('.stage .rack')) {
    const coat = rack.querySelector('.coat-rec:is(.hit, .miss, .inserted, .expired, .deleted)') ?? rack.querySelector('li');
    if (!coat || !rack.checkVisibility()) continue;
    const [shown, needed] = [rack.getBoundingClientRect(), coat.getBoundingClientRect()];
    if (needed.top < shown.top - 1 || needed.bottom > shown.bottom + 1) cut.push(`${scalingOut}#${rack.id} shows ${Math.round(shown.height)}px, not its coat at ${Math.round(needed.top - shown.top)}..${Math.round(needed.bottom - shown.top)}px`);
  }
  return cut;
}

/** Presses Next through the whole tour, checking the figure at every step; returns the presses, the failures and the panels cut off. */
async function stepThrough(page) {
  const failures = [];
  const cut = [];
  const announcements = [];
  let presses = 0;
  let scrollY = null;
  for (; presses < 80; presses += 1) {
    if ((await page.locator('#next').getAttribute('aria-disabled')) === 'true') break;
    await page.locator('#next').click();
    const at = await page.evaluate(() => scrollY);
    // The first press may bring the figure into view once; no step scrolls after that.
    if (scrollY === null) scrollY = at;
    else if (at !== scrollY) failures.push(`press ${presses + 1}: the page scrolled from ${scrollY} to ${at}`);
    const problems = await page.evaluate(figureProblems, PARTS);
    if (problems.length) failures.push(`press ${presses + 1}: ${problems.join('; ')}`);
    const clipped = await page.evaluate(cutPanels);
    if (clipped.length) cut.push(`press ${presses + 1}: ${clipped.join('; ')}`);
    announcements.push(await page.locator('#announce').textContent());
  }
  return { presses, failures, cut, announcements };
}

async function axe(page, moment) {
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(found, [], `axe-core violations ${moment}`);
}

const tours = async (t) => {
  const page = await openPage(t, { query: '?seed=1' });
  return page.locator('#tour option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
};

for (const [size, viewport] of [
  ['desktop', DESKTOP],
  ['small laptop', { width: 1024, height: 700 }],
  ['phone', PHONE],
]) {
  describe(`the figure at ${viewport.width}×${viewport.height}`, () => {
    test('every tour, every step: each named part on screen and uncovered, no scrolling', async (t) => {
      const keys = await tours(t);
      assert.ok(keys.length >= 23, 'every tour is tried');
      assert.ok(SCALE_OUT.every((key) => keys.includes(key)), 'the scale-out tours among them');
      let steps = 0;
      let failed = 0;
      const report = [];
      const cutOff = [];
      const page = await openPage(t, { viewport });
      for (const key of keys) {
        await page.goto(`${page.url().split('?')[0]}?tour=${key}`);
        await page.waitForSelector('html[data-ready="true"]');
        const { presses, failures, cut } = await stepThrough(page);
        assert.ok(presses > 0, `${key}: Next runs the tour`);
        assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:', `${key}: every tour step ran`);
        steps += presses;
        failed += new Set(failures.map((f) => f.split(':')[0])).size;
        report.push(...failures.map((f) => `${key} ${f}`));
        cutOff.push(...cut.map((c) => `${key} ${c}`));
      }
      t.diagnostic(`${size}: the figure is whole at ${steps - failed} of ${steps} steps`);
      t.diagnostic(`${size}: ${cutOff.length} of ${steps} steps have a panel that cuts off its text`);
      // Every panel shows all it holds at every step: a hidden line is one the reader never reads.
      assert.deepEqual(cutOff, [], 'no panel of the figure cuts off its content');
      assert.deepEqual(report, [], 'at every step of every tour the figure is whole');
    });

    if (size === 'small laptop') return;
    test('at load, before any press: every named part and Next on screen, nothing scrolled', async (t) => {
      const page = await openPage(t, { viewport, query: '?seed=1' });
      assert.equal(await page.evaluate(() => scrollY), 0);
      assert.deepEqual(await page.evaluate(figureProblems, PARTS), [], 'the first screen shows the whole figure');
      await page.screenshot({ path: new URL(`${size}-load.png`, SHOTS).pathname });
      // Opened at a tour, the tour card joins the dock and the figure is still whole.
      const tour = await openPage(t, { viewport, query: '?tour=revocation' });
      assert.deepEqual(await tour.evaluate(figureProblems, PARTS), [], 'a tour opened by its address shows the whole figure');
    });

    test('every toolbar drawer opens over the figure, never pushing it off the screen', async (t) => {
      const page = await openPage(t, { viewport, query: '?seed=1' });
      const onScreen = async (moment) => {
        assert.equal(await page.evaluate(() => scrollY), 0, `${moment}: the page did not scroll`);
        assert.deepEqual(await page.evaluate(figureProblems, { parts: PARTS, covered: false }), [], `${moment}: the figure stays on screen`);
      };
      const tools = page.getByRole('button', { name: 'Tools' });
      if (size === 'phone') {
        // On a phone the toolbar is one row: the tour picker and Tools, which holds the rest.
        assert.equal(await page.locator('#time-drawer').isVisible(), false, 'the drawers wait behind Tools');
        const toolbar = await page.locator('nav.toolbar').boundingBox();
        assert.ok(toolbar.height <= 44, `the toolbar is one row (${toolbar.height} px)`);
        await tools.click();
        assert.equal(await tools.getAttribute('aria-expanded'), 'true');
        await onScreen('with Tools open');
      } else {
        assert.equal(await tools.isVisible(), false, 'on a laptop the drawers sit in the toolbar itself');
      }
      for (const [id, name] of [
        ['time-drawer', 'Time'],
        ['admin-drawer', 'Administrator'],
        ['more-drawer', 'More actions'],
        ['settings-panel', 'Server'],
      ]) {
        const summary = page.locator(`#${id} > summary`);
        assert.match(await summary.innerText(), new RegExp(`^${name}`));
        await summary.click();
        assert.equal(await page.locator(`#${id}`).evaluate((d) => d.open), true, `${name} opens`);
        await onScreen(`with ${name} open`);
        // The drawer's own body starts on the screen and does not run off its sides.
        const body = await page.locator(`#${id} .drawer-body`).evaluate((node) => {
          const box = node.getBoundingClientRect();
          return { left: box.left, right: box.right, top: box.top, width: innerWidth, height: innerHeight };
        });
        assert.ok(body.left >= 0 && body.right <= body.width, `${name}'s body lies within the width (${Math.round(body.left)}..${Math.round(body.right)} of ${body.width})`);
        assert.ok(body.top >= 0 && body.top < body.height - 40, `${name}'s body starts on the screen (at ${Math.round(body.top)})`);
        if (id === 'more-drawer') await page.screenshot({ path: new URL(`${size}-drawer-open.png`, SHOTS).pathname });
        if (id === 'settings-panel') {
          // Applying settings starts over with the figure still in view (and on a phone the tools fold away).
          await page.getByRole('button', { name: 'Apply and start over' }).click();
          // Pressed before the drawer's token fields arrived, Apply waits for them: the drawer closes once applied.
          await assert.doesNotReject(page.waitForFunction((drawer) => !document.getElementById(drawer).open, id), 'the settings close once applied');
          await page.waitForFunction(() => !document.getElementById('toolbar-tools').classList.contains('open'));
          assert.deepEqual(await page.evaluate(figureProblems, PARTS), [], 'after Apply the whole figure is on screen, uncovered');
          assert.equal(await page.evaluate(() => scrollY), 0, 'and the page did not scroll');
          if (size === 'phone') await tools.click();
          continue;
        }
        await summary.click();
      }
      if (size === 'phone') {
        // Escape folds the tools away again, and the keyboard is back on Tools.
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('#toolbar-tools').isVisible(), false);
        assert.equal(await tools.getAttribute('aria-expanded'), 'false');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'tools-toggle');
        // Picking a browser among the tools folds them away: the figure is what to watch.
        await tools.click();
        await page.getByRole('button', { name: "Alice's phone" }).click();
        assert.equal(await page.locator('#toolbar-tools').isVisible(), false);
        assert.match(await page.locator('#browser-label').innerText(), /Alice's phone/);
      }
    });

    test('the coat check: press counts, announcements, the ticket travels, the lookup is drawn', async (t) => {
      const page = await openPage(t, { viewport, query: '?seed=1' });
      // One obvious start: Next on the empty stage starts the coat check.
      assert.equal(await page.locator('#next').innerText(), 'Next: start the coat check');
      const { presses, failures, announcements } = await stepThrough(page);
      assert.deepEqual(failures, []);
      assert.ok(presses <= 10, `the coat check takes ${presses} presses, at most 10`);
      assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:');
      // One announcement per step: "Step n of m, <who acts>: <narration>", then the tour card.
      announcements.forEach((text, i) => assert.match(text, new RegExp(`^Step ${i + 1} of \\d+, [A-Z][^:]+: \\S`), `announcement ${i + 1}: ${text}`));
      assert.match(announcements[0], /^Step 1 of 3, Alice's laptop and the network: Alice's laptop fills in the login form/);
      assert.match(announcements[0], /can read it\.\) Alice logs in/, 'the tour card follows the narration');
      assert.equal(new Set(announcements).size, announcements.length, 'each step is announced once, each differently');
      if (size === 'phone') {
        // Nothing docked takes more than 35% of the height; the narration shows about three lines, More the rest.
        const { dock, lines } = await page.evaluate(() => {
          const box = document.getElementById('narration');
          return { dock: document.getElementById('dock').offsetHeight / innerHeight, lines: box.clientHeight / parseFloat(getComputedStyle(box).lineHeight) };
        });
        assert.ok(dock <= 0.35, `the dock takes ${Math.round(dock * 100)}% of the height`);
        assert.ok(lines <= 3.2, `the narration shows ${lines.toFixed(1)} lines`);
      }

      // Back to the visit's lookup: the ticket in the server's hand joined to its coat.
      const press = async (n) => {
        await page.getByRole('button', { name: 'First step' }).click();
        for (let i = 1; i < n; i += 1) await page.getByRole('button', { name: 'Next step' }).click();
      };
      await press(5);
      assert.match(await page.locator('#counter').innerText(), /^Step 5 of 9: Alice's laptop: visit \/profile/);
      // The lookup's narration is long: More opens the rest, Less closes it.
      await page.getByRole('button', { name: 'More' }).click();
      assert.ok(await page.evaluate(() => document.getElementById('narration').clientHeight / parseFloat(getComputedStyle(document.getElementById('narration')).lineHeight)) > 4.2, 'More opens the rest');
      await page.getByRole('button', { name: 'Less' }).click();
      const held = await page.locator('#held').getAttribute('data-ticket');
      assert.equal(await page.locator('#store-rows .coat-rec.hit').count(), 1, 'the lookup marks one coat');
      assert.equal(await page.locator('#store-rows .coat-rec.hit').getAttribute('data-ticket'), held, 'the coat of the ticket the server holds');
      assert.equal(await page.locator('#connector').getAttribute('data-joins'), held, 'a drawn connector joins them');
      assert.notEqual(await page.locator('#connector-path').getAttribute('d'), '');
      const colours = await page.evaluate((id) => [...document.querySelectorAll(`[data-ticket="${id}"]`)].map((n) => getComputedStyle(n).getPropertyValue('--id-colour')), held);
      assert.ok(colours.length >= 3 && new Set(colours).size === 1 && colours[0] !== '', `one colour for the ID in jar, server and store: ${colours}`);
      await page.screenshot({ path: new URL(`${size}-lookup.png`, SHOTS).pathname });
      await axe(page, 'at the lookup');
      await page.emulateMedia({ colorScheme: 'dark' });
      await axe(page, 'at the lookup, dark');
      await page.screenshot({ path: new URL(`${size}-lookup-dark.png`, SHOTS).pathname });
      await page.emulateMedia({ colorScheme: 'light' });
      // The phone's visit: no ticket, no lookup, no connector.
      await page.getByRole('button', { name: 'Last step' }).click();
      assert.equal(await page.locator('#connector-path').getAttribute('d'), '');
      await axe(page, 'at the end');
      await page.emulateMedia({ colorScheme: 'dark' });
      await axe(page, 'at the end, dark');
    });

    test('the ticket leaves the jar and rides the wire to the server', async (t) => {
      const page = await openPage(t, { viewport, query: '?seed=1', reducedMotion: 'no-preference' });
      // Log in (three moments), then the visit's request: the ticket travels.
      for (let i = 0; i < 3; i += 1) await page.locator('#next').click();
      await page.waitForTimeout(2200);
      const path = await page.evaluate(async () => {
        const seen = [];
        document.getElementById('next').click();
        const until = performance.now() + 2000;
        while (performance.now() < until) {
          const ticket = document.querySelector('#packet.visible .ticket');
          if (ticket) {
            const box = ticket.getBoundingClientRect();
            seen.push([box.left + box.width / 2, box.top + box.height / 2]);
          }
          await new Promise(requestAnimationFrame);
        }
        return seen;
      });
      assert.ok(path.length > 2, 'the ticket is on screen while it travels');
      const [x0, y0] = path[0];
      const far = Math.max(...path.map(([x, y]) => Math.hypot(x - x0, y - y0)));
      const needed = size === 'desktop' ? 200 : 120;
      assert.ok(far >= needed, `the ticket travels ${Math.round(far)} px, at least ${needed}`);
      assert.match(await page.locator('#packet').getAttribute('class'), /at-server/);
    });

    test('revocation: a miss is an empty hook; the press count', async (t) => {
      const page = await openPage(t, { viewport, query: '?tour=revocation' });
      const { presses, failures, announcements } = await stepThrough(page);
      assert.deepEqual(failures, []);
      assert.ok(presses <= 12, `revocation takes ${presses} presses, at most 12`);
      // The revocation itself comes in the first half.
      const revokedAt = announcements.findIndex((text) => /administrator/i.test(text)) + 1;
      assert.ok(revokedAt > 0 && revokedAt <= presses / 2, `the revocation is at press ${revokedAt} of ${presses}`);
      // Back to the moment the old ticket meets the store.
      for (let i = 0; i < 12 && !(await page.locator('#store-rows .coat-rec.miss').count()); i += 1) await page.getByRole('button', { name: 'Step back' }).click();
      assert.equal(await page.locator('#store-rows .coat-rec.miss').count(), 1, 'the ticket meets an empty hook');
      assert.match(await page.locator('#store-rows .coat-rec.miss').innerText(), /this ticket names nothing/);
      assert.equal(await page.locator('#connector').getAttribute('class'), 'connector miss');
      // The question's verdict appears at the moment that decides it (the server's answer), not before.
      assert.equal(await page.locator('#tour-verdict').isVisible(), true, 'the verdict shows where the server settles its answer');
      assert.match(await page.locator('#tour-verdict').innerText(), /names no record/);
      await page.getByRole('button', { name: 'Step back' }).click();
      assert.equal(await page.locator('#tour-verdict').isVisible(), false, 'and not while the request is still on its way');
    });

    test('free play: the first action brings the whole figure on screen, and the next ones keep it there', async (t) => {
      const page = await openPage(t, { viewport, query: '?seed=1' });
      await page.locator('#login').click();
      assert.deepEqual(await page.evaluate(figureProblems, PARTS), [], 'after Log in');
      const at = await page.evaluate(() => scrollY);
      // The login's other two moments: the server's work, the response into the jar.
      for (let i = 0; i < 2; i += 1) await page.locator('#next').click();
      assert.deepEqual(await page.evaluate(figureProblems, PARTS), [], 'stepping on');
      assert.equal(await page.evaluate(() => scrollY), at, 'no scroll between steps');
    });

    test('no jump at load: the stage has its room before the wasm arrives', async (t) => {
      const context = await (await import('./harness.mjs')).env.browser.newContext({ viewport });
      t.after(() => context.close());
      const page = await context.newPage();
      await page.addInitScript(() => {
        globalThis.shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) globalThis.shifts += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const { env } = await import('./harness.mjs');
      await page.goto(`${env.server.url}?seed=1`);
      await page.waitForSelector('html[data-ready="true"]');
      await page.waitForTimeout(500);
      const shift = await page.evaluate(() => globalThis.shifts);
      // Every control that arrives with the engine has its room in the static markup: nothing moves at all.
      assert.equal(shift, 0, `layout shift at load ${shift.toFixed(4)}`);
    });

    test('the framed page never paints the heading above the playground, so the playground never moves', async (t) => {
      const page = await openPage(t, {
        viewport,
        query: '?embed=1&scenario=revocation&step=2',
        prepare: (page) =>
          page.addInitScript(() => {
            globalThis.seen = { framedAt: null, moved: [] };
            new MutationObserver(() => {
              if (document.documentElement?.classList.contains('embed')) globalThis.seen.framedAt ??= performance.now();
            }).observe(document, { attributes: true, subtree: true, attributeFilter: ['class'] });
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) {
                if (entry.sources.some((source) => source.node?.id === 'playground')) globalThis.seen.moved.push(entry.value);
              }
            }).observe({ type: 'layout-shift', buffered: true });
          }),
      });
      await page.waitForTimeout(300);
      const { framedAt, moved, firstPaint } = await page.evaluate(() => ({ ...globalThis.seen, firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null }));
      assert.ok(framedAt !== null && firstPaint !== null, 'framed, and painted');
      assert.ok(framedAt <= firstPaint, `the page knew it was framed (${framedAt.toFixed(0)} ms) before its first paint (${firstPaint.toFixed(0)} ms)`);
      assert.deepEqual(moved, [], 'the playground as a whole never moved');
    });
  });
}

describe('on paper', () => {
  test('printing shows the figure at the step shown and the steps so far as a transcript, with no controls', async (t) => {
    const page = await openPage(t, { viewport: DESKTOP, query: '?seed=1' });
    for (let i = 0; i < 5; i += 1) await page.locator('#next').click();
    const narration = await page.locator('#narration').textContent();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const steps = page.locator('#print-transcript > li');
    await assert.doesNotReject(steps.nth(4).waitFor(), 'the transcript is written for print');
    assert.equal(await steps.count(), 5, 'one line for each step so far, none after');
    const lines = await steps.allInnerTexts();
    assert.match(lines[0], /^Tour step 1: Alice logs in: a coat and a ticket\s+Step 1, Alice's laptop and the network: Alice's laptop fills in the login form/);
    assert.match(lines[4], /^Step 5, The server and the session store: The server reads the ticket/);
    assert.equal(lines[4].split(': ').slice(1).join(': '), narration, "the last line is the shown step's narration");
    // The figure and the card show; no control does, and nothing sticks to the bottom of the paper.
    for (const name of ['Browser', 'Cookie jar', 'Network', 'Server', 'Session store', 'Narration']) {
      assert.equal(await page.getByRole('region', { name: new RegExp(`^${name}`) }).first().isVisible(), true, `${name} is printed`);
    }
    assert.equal(await page.locator('#tour-box').isVisible(), true, 'the tour card is printed');
    for (const selector of ['#next', '#first', 'nav.toolbar', '#scrubber', '#narration-more', '#wire-toggle', '#attacks']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is not printed`);
    }
    assert.equal(await page.locator('#dock').evaluate((node) => getComputedStyle(node).position), 'static');
    // On paper the narration is whole, and the theme is light whatever the reader's.
    assert.equal(await page.locator('#narration').evaluate((node) => node.scrollHeight <= node.clientHeight + 1), true, 'the narration is not cut short');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // Back on the screen, stepping back and printing again: the transcript ends at the step shown.
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Step back' }).click();
    await page.emulateMedia({ media: 'print' });
    await assert.doesNotReject(page.waitForFunction(() => document.querySelectorAll('#print-transcript > li').length === 4));
  });
});

describe('the skip link', () => {
  test('the first Tab reaches it, and it takes the keyboard to the playground', async (t) => {
    const page = await openPage(t, { viewport: DESKTOP, query: '?seed=1' });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement.textContent, top: document.activeElement.getBoundingClientRect().top }));
    assert.equal(focused.text, 'Skip to the playground');
    assert.ok(focused.top >= 0, 'it shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#playground');
    // The next Tab lands inside the playground, not back in the introduction.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest('#playground'))), true, await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80)));
  });
});
