// End-to-end: the first load. The page is served as deployed (target/site/:
// its scripts and stylesheets minified, no source map fetched). The stage is
// drawn before the player's modules have arrived. The labs' scripts are not
// fetched before the page is usable, and run on the engine's module; a
// press made while the engine (or the player) is still on its way is kept,
// shown as starting, and done when it arrives; a press whose module (or only
// its words) is still on its way waits for it, with a "Loading…" line beside
// the pressed control, in the viewport at both sizes and heard once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SITE, pageModule } from '../../scripts/build-site.mjs';
import { DESKTOP, PHONE, SHOTS, env, markUsable, openPage } from './harness.mjs';

/**
 * The URL path at which the page loads what `path` names: a module of www/
 * ('/www/fork.js') from its bundle ('/www/page-fork-<hash>.js', as the
 * site's last build named it); the glue, a recording and any other file as
 * they are. Asked once the harness has built the site.
 */
const onPage = (path) => (/^\/www\/(?!pkg\/|recordings\/|first-tour\.js$).*\.js$/.test(path) ? `/${pageModule(path.slice(1))}` : path);

/**
 * A fresh page, in a context of its own, whose file `path` (a module of www/
 * as the page loads it from its bundle, onPage) arrives only when
 * `release()` is called; `errors` collects its uncaught errors. `prepare`
 * runs on the page before it is opened.
 */
async function pageHolding(t, path, { query = '', viewport = { width: 1280, height: 800 }, waitUntil = 'load', prepare } = {}) {
  const context = await env.browser.newContext({ viewport, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  await prepare?.(page);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(`**${onPage(path)}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.server.url + query, { waitUntil });
  return { page, release, errors };
}

/** A fresh page whose engine wasm arrives only when `release()` is called. */
const pageWithHeldEngine = (t, viewport) => pageHolding(t, '/session_playground_bg.wasm', { viewport, prepare: markUsable });

test('a press the first tour cannot answer before the engine is ready says it is starting, and is done when the engine arrives', async (t) => {
  const { page, release, errors } = await pageWithHeldEngine(t);
  await page.waitForSelector('html[data-usable="true"]');
  const login = page.locator('#login');
  await login.click();
  assert.match(await page.locator('#boot').textContent(), /^Starting… "Log in" happens as soon as the engine is ready\.$/);
  assert.equal(await page.locator('#boot').isVisible(), true);
  assert.equal(await login.getAttribute('aria-busy'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the engine is not there yet');
  // A press made after it waits behind it, even one the recording could answer: presses are done in order.
  await page.locator('#next').click();
  assert.equal(await page.locator('#tour').inputValue(), '', 'Next waits behind Log in');
  release();
  await page.waitForSelector('html[data-ready="true"]');
  // The press logged Alice in, as a press on a ready page does, and Next then showed the login's next moment.
  await page.locator('#counter', { hasText: /^Step 2 of 3: Alice's laptop: log in as alice$/ }).waitFor();
  assert.equal(await login.getAttribute('aria-busy'), null);
  assert.equal(await page.locator('#boot').isVisible(), false);
  assert.deepEqual(errors, []);
});

test("the stage is on show, and keeps a press, while the player's modules are still on their way", async (t) => {
  // The page's main script (its bundle's, with the player in it): whatever is drawn before this arrives was drawn without it.
  // The page's load event waits for the held module too: only the navigation is awaited.
  const { page, release, errors } = await pageHolding(t, '/www/main.js', { waitUntil: 'commit' });
  const next = page.locator('#next');
  await next.waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#stage').isVisible(), true, 'the stage is drawn');
  await next.click();
  assert.match(await page.locator('#boot').textContent(), /^Starting… "Next: start the coat check"/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'not usable yet');
  release();
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('tour-name')?.textContent.length > 0);
  assert.equal(await page.locator('#tour').inputValue(), 'coat-check', 'the press kept before the player arrived started the coat check');
  assert.deepEqual(errors, []);
});

test('presses kept while the player is on its way are each done once, in order: two Nexts are two moments', async (t) => {
  const { page, release, errors } = await pageHolding(t, '/www/main.js', { waitUntil: 'commit' });
  const next = page.locator('#next');
  await next.click({ timeout: 20000 });
  await next.click();
  release();
  await page.waitForSelector('html[data-ready="true"]');
  await page.locator('#counter', { hasText: /^Step 2 of 3: Alice's laptop: log in as alice$/ }).waitFor();
  assert.deepEqual(errors, []);
});

test('at load the first narration shows More exactly where it is cut short: on a phone, not at 1280×800', async (t) => {
  for (const [viewport, clipped] of [[PHONE, true], [DESKTOP, false]]) {
    const page = await openPage(t, { viewport });
    // The mount measures the narration in the frame after it draws: wait for that frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const cut = await page.locator('#narration').evaluate((node) => node.scrollHeight > node.clientHeight + 2);
    assert.equal(cut, clipped, `the narration is ${clipped ? '' : 'not '}cut short at ${viewport.width}×${viewport.height}`);
    assert.equal(await page.locator('#narration-more').isVisible(), clipped, `More ${clipped ? 'shows' : 'stays hidden'} at ${viewport.width}×${viewport.height}`);
  }
});

test("the page loads as deployed: every script and stylesheet it fetches is its sources minified (the page's bundle, the glue, the stylesheet), naming its source map, and no map is fetched", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  const fetched = [];
  page.on('response', (response) => fetched.push(response));
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-ready="true"]');
  const own = fetched.filter((response) => response.url().startsWith(env.server.url));
  // The first tour's recording is a module the build writes from the engine, not a source minified.
  const code = own.filter((response) => /\.(js|css)$/.test(new URL(response.url()).pathname) && !response.url().endsWith('/www/first-tour.js'));
  assert.ok(code.length > 10, `the first load's scripts and stylesheet (${code.length})`);
  assert.ok(code.some((response) => response.url().endsWith(onPage('/www/main.js'))), "the page runs its bundle's main script");
  for (const response of code) {
    const path = new URL(response.url()).pathname.slice(1);
    const body = await response.body();
    // A file of the page's bundle holds the sources its map names; any other is one source, at its own path.
    const map = /(^|\/)page-[^/]+-[A-Z0-9]+\.js$/.test(path) ? JSON.parse(await readFile(join(SITE, `${path}.map`), 'utf8')) : null;
    const sources = map ? map.sources.map((name) => name.replace('session-playground:///', '')) : [path];
    const source = (await Promise.all(sources.map((file) => readFile(new URL(`../../${file}`, import.meta.url))))).reduce((sum, bytes) => sum + bytes.length, 0);
    if (sources.length > 0) assert.ok(body.length < source, `${path} as served (${body.length} B) is smaller than its sources (${source} B: ${sources.join(', ')})`);
    // A file of no source is an entry whose code is all shared (start.js's, stage.js's): imports and exports, nothing more.
    else assert.equal(body.toString('utf8').replace(/(import|export)[^;]*;/g, '').replace(/\/\/# sourceMappingURL=\S+\s*$/, '').trim(), '', `${path} only imports and exports`);
    assert.match(body.toString('utf8'), /sourceMappingURL=[\w.-]+\.map( \*\/)?\s*$/, `${path} names its map`);
  }
  assert.deepEqual(own.filter((response) => response.url().endsWith('.map')).map((response) => response.url()), [], 'source maps are for developer tools only');
});

test('nothing of the labs is fetched before the page is usable; they load when the reader comes near', async (t) => {
  const { page, release } = await pageWithHeldEngine(t);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  release();
  await page.waitForSelector('html[data-ready="true"]');
  const early = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((entry) => entry.startTime <= window.__usableAt).map((entry) => new URL(entry.name).pathname));
  assert.ok(early.includes('/www/pkg/session_playground_bg.wasm'));
  for (const lazy of ['/www/lab.js', '/www/scale.js', '/www/attacks.js', '/www/defence-matrix.json'].map(onPage)) {
    assert.ok(!early.includes(lazy), `${lazy} was fetched before the page was usable`);
  }
  await page.locator('#lab').scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-labs="ready"]');
  const times = (path) => fetched.filter((p) => p === path).length;
  for (const lab of ['/www/lab.js', '/www/scale.js'].map(onPage)) assert.equal(times(lab), 1, `${lab} loads once the labs are near`);
  // The labs run on the engine's own module: the page downloads one wasm, once.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('.wasm')));
  assert.deepEqual(wasm, ['/www/pkg/session_playground_bg.wasm'], 'one download of the one wasm module');
  // The matrix comes from the data file, drawn as before.
  assert.equal(await page.locator('#matrix-body tr').count(), 7);
});

test("no tour's file comes with the first load: a fresh page never fetches the first tour's (its recording holds it), a page the engine opens fetches it while the wasm comes, one naming another tour once usable", async (t) => {
  const readyAt = (page) =>
    page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.documentElement?.dataset.ready === 'true') window.__readyAt ??= performance.now();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
  const tourFiles = (page) =>
    page.evaluate(() => ({
      usable: performance.getEntriesByName('session-playground:usable', 'mark')[0].startTime,
      ready: window.__readyAt,
      files: performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/scenarios/')).map((entry) => ({ path: new URL(entry.name).pathname, start: entry.startTime })),
    }));
  for (const [query, expect] of [
    ['', (seen) => assert.deepEqual(seen.files, [], 'a fresh page fetches no tour file: the first tour\'s recording holds it')],
    ['?seed=1', (seen) => {
      assert.deepEqual(seen.files.map((file) => file.path), ['/scenarios/coat-check.json'], 'the first tour, which Next starts');
      assert.ok(seen.files[0].start < seen.ready, `asked for at ${seen.files[0].start.toFixed(0)} ms, while the wasm came (ready at ${seen.ready.toFixed(0)} ms)`);
    }],
    ['?tour=revocation', (seen) => {
      assert.deepEqual(seen.files.map((file) => file.path), ['/scenarios/coat-check.json'], "the first tour's file; the tour named comes in its recording");
      assert.ok(seen.files[0].start >= seen.usable, `asked for at ${seen.files[0].start.toFixed(0)} ms, once usable at ${seen.usable.toFixed(0)} ms`);
    }],
  ]) {
    const page = await openPage(t, { query, prepare: readyAt });
    await page.waitForLoadState('networkidle');
    expect(await tourFiles(page));
    if (query !== '?tour=revocation') {
      // Next then starts the first tour without another request.
      await page.locator('#next').click();
      await page.locator('#counter', { hasText: /^Step 1 of 3/ }).waitFor();
      assert.ok((await tourFiles(page)).files.length <= 1, 'Next asked for nothing more');
    }
  }
});

/** The modules the page fetches only when the reader asks for what they draw, each with its words (print.js: once the browser is idle). */
const ON_DEMAND = () => [
  '/www/fork.js', '/www/fork.css', '/www/text/en/fork.js', '/www/inspector.js', '/www/inspector.css', '/www/text/en/inspector.js',
  '/www/share-dialog.js', '/www/text/en/share-dialog.js', '/www/token-drawer.js', '/www/text/en/token-drawer.js', '/www/replay.js',
  '/www/print.js', '/www/text/en/print.js',
].map(onPage);
const IDLE = () => ['/www/print.js', '/www/text/en/print.js'].map(onPage);

/** The paths of the same-origin files the page has fetched so far (or, with `until`, asked for by that time). */
const fetchedSoFar = (page, until = Infinity) =>
  page.evaluate((before) => performance.getEntriesByType('resource').filter((entry) => entry.startTime <= (before ?? Infinity)).map((entry) => new URL(entry.name).pathname), until);

test("what only the reader's press needs is not fetched at load; each module comes with its first press", async (t) => {
  const { page, release, errors } = await pageWithHeldEngine(t);
  release();
  await page.waitForSelector('html[data-ready="true"]');
  const early = await fetchedSoFar(page, await page.evaluate(() => window.__usableAt));
  assert.ok(['/www/main.js', '/www/start.js', '/www/stage.js'].map(onPage).every((path) => early.includes(path)), 'the first load is measured');
  for (const path of ON_DEMAND()) assert.ok(!early.includes(path), `${path} was fetched before the page was usable`);
  // Once the browser is idle, the print's writer comes with its words, so that printing shows the transcript; nothing else does.
  await page.waitForFunction((paths) => paths.every((path) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(path))), IDLE());
  const idle = await fetchedSoFar(page);
  for (const path of ON_DEMAND().filter((p) => !IDLE().includes(p))) assert.ok(!idle.includes(path), `${path} was fetched before it was asked for`);

  // Each comes with the press that needs it, and does what the press asks.
  await page.locator('#next').click();
  await page.getByRole('button', { name: 'Share link…' }).click();
  await page.locator('#share-dialog[open]').waitFor();
  assert.match(await page.locator('#share-text').inputValue(), /\?scenario=coat-check&step=1$/);
  await page.keyboard.press('Escape');
  await page.locator('#settings-panel > summary').click();
  await page.locator('#mechanism').waitFor();
  await page.locator('#settings-panel > summary').click();
  await page.getByRole('button', { name: 'Fork: what if tokens?', exact: true }).click();
  await page.locator('#fork:not([hidden])').waitFor();
  const later = await fetchedSoFar(page);
  const pressed = ['/www/fork.js', '/www/fork.css', '/www/text/en/fork.js', '/www/share-dialog.js', '/www/text/en/share-dialog.js', '/www/token-drawer.js', '/www/text/en/token-drawer.js'].map(onPage);
  for (const path of pressed) assert.ok(later.includes(path), `${path} came with its press`);
  // A part's words, asked for by its loader and awaited by its module, come in one request.
  const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
  for (const path of pressed.filter((p) => p.startsWith('/www/text/'))) assert.equal(requests.filter((p) => p === path).length, 1, `${path} was fetched more than once`);
  for (const path of ['/www/inspector.js', '/www/inspector.css', '/www/text/en/inspector.js', '/www/replay.js'].map(onPage)) assert.ok(!later.includes(path), `${path} came, but nothing asked for it`);
  assert.deepEqual(errors, []);
});

/** A fresh, usable page whose module `path` arrives only when `release()` is called. */
async function pageWithHeldModule(t, path, query = '', viewport = { width: 1280, height: 800 }) {
  const held = await pageHolding(t, path, { query, viewport });
  await held.page.waitForSelector('html[data-ready="true"]');
  return held;
}

test('Fork pressed while the fork is on its way: the button is busy, the status says so, and the fork opens when it arrives', async (t) => {
  const { page, release, errors } = await pageWithHeldModule(t, '/www/fork.js', '?tour=revocation&step=2');
  const fork = page.getByRole('button', { name: 'Fork: what if tokens?', exact: true });
  await fork.click();
  await page.locator('#fork-open[aria-busy="true"]').waitFor();
  assert.equal(await page.locator('#boot').innerText(), 'Loading the fork…');
  assert.equal(await page.locator('#boot').isVisible(), true);
  assert.equal(await page.locator('#fork').count(), 0, 'not open yet');
  release();
  await page.locator('#fork:not([hidden])').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'fork-next');
  // The playground's own button (the fork's two figures hold copies of it, disabled).
  assert.equal(await page.locator('#fork-open').first().getAttribute('aria-busy'), null);
  assert.equal(await page.locator('#boot').first().isVisible(), false);
  assert.deepEqual(errors, []);
});

test('Apply pressed while the token fields are on their way waits for them, and keeps a token server a token server', async (t) => {
  const { page, release, errors } = await pageWithHeldModule(t, '/www/token-drawer.js', '?tour=tokens-nothing-to-look-up');
  await page.locator('#settings-panel > summary').click();
  const apply = page.locator('#settings-form button[type="submit"]');
  await apply.click();
  await page.locator('#settings-form button[type="submit"][aria-busy="true"]').waitFor();
  assert.equal(await page.locator('#boot').innerText(), 'Loading the settings…');
  assert.equal(await page.locator('#settings-panel').getAttribute('open'), '', 'not applied yet');
  release();
  // Applied once the fields came: the drawer closes on a world that still signs tokens.
  await page.waitForFunction(() => !document.getElementById('settings-panel').open);
  assert.match(await page.locator('#settings-summary').innerText(), /; tokens \(cookie, /);
  assert.equal(await page.locator('#mechanism').inputValue(), 'token');
  assert.equal(await apply.getAttribute('aria-busy'), null);
  assert.deepEqual(errors, []);
});

test('Decode pressed while the inspector is on its way: the button is busy, and the dialog opens on that token when it arrives', async (t) => {
  const { page, release, errors } = await pageWithHeldModule(t, '/www/inspector.js', '?tour=token-revocation');
  await page.locator('#next').click();
  await page.locator('#counter').getByText('admin: revoke').waitFor();
  const decode = page.getByRole('button', { name: "Decode token: the token cookie in Alice's laptop's jar" });
  await decode.click();
  await page.locator('button.token-open[aria-busy="true"]').waitFor();
  assert.equal(await page.locator('#boot').innerText(), 'Loading the token inspector…');
  assert.equal(await page.locator('#token-dialog').count(), 0, 'not open yet');
  release();
  await page.locator('#token-dialog[open]').waitFor();
  assert.equal(await page.locator('#token-source').innerText(), "Found in the token cookie in Alice's laptop's jar.");
  assert.equal(await page.evaluate(() => document.activeElement.id), 'token-title');
  assert.deepEqual(errors, []);
});

test("a press while only a part's words are on their way waits for them: the part opens with its words", async (t) => {
  // The fork: its module is here at once, its words file is held.
  {
    const { page, release, errors } = await pageWithHeldModule(t, '/www/text/en/fork.js', '?tour=revocation&step=2');
    await page.getByRole('button', { name: 'Fork: what if tokens?', exact: true }).click();
    await page.locator('#fork-open[aria-busy="true"]').waitFor();
    assert.equal(await page.locator('#boot').innerText(), 'Loading the fork…');
    assert.equal(await page.locator('#fork').count(), 0, 'not open without its words');
    release();
    await page.locator('#fork:not([hidden])').waitFor();
    assert.equal(await page.locator('#fork-next').innerText(), 'Next step, both');
    assert.match(await page.locator('#fork').innerText(), /What if tokens\?/);
    assert.deepEqual(errors, []);
  }
  // The share dialog.
  {
    const { page, release, errors } = await pageWithHeldModule(t, '/www/text/en/share-dialog.js', '?tour=coat-check&step=2');
    const share = page.getByRole('button', { name: 'Share link…' });
    await share.click();
    await page.locator('#share[aria-busy="true"]').waitFor();
    assert.equal(await page.locator('#boot').innerText(), 'Loading the share dialog…');
    release();
    await page.locator('#share-dialog[open]').waitFor();
    assert.equal(await page.locator('#share-title').innerText(), 'Share this moment');
    assert.match(await page.locator('#share-note').innerText(), /^The link replays the same actions/);
    assert.deepEqual(errors, []);
  }
  // The token inspector's dialog.
  {
    const { page, release, errors } = await pageWithHeldModule(t, '/www/text/en/inspector.js', '?tour=token-revocation');
    await page.locator('#next').click();
    await page.locator('#counter').getByText('admin: revoke').waitFor();
    await page.getByRole('button', { name: "Decode token: the token cookie in Alice's laptop's jar" }).click();
    await page.locator('button.token-open[aria-busy="true"]').waitFor();
    assert.equal(await page.locator('#token-dialog').count(), 0, 'not open without its words');
    release();
    await page.locator('#token-dialog[open]').waitFor();
    assert.equal(await page.locator('#token-title').innerText(), 'Token inspector');
    assert.equal(await page.locator('#token-source').innerText(), "Found in the token cookie in Alice's laptop's jar.");
    assert.deepEqual(errors, []);
  }
});

/**
 * Where the status line is and what covers it: its box, whether that box is
 * inside the viewport, and whether the element at its centre is the line
 * itself (nothing drawn over it).
 */
const statusSeen = (page) =>
  page.locator('#boot').evaluate((status) => {
    const box = status.getBoundingClientRect();
    const inside = box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return { inside, uncovered: status.contains(top), box: `${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}x${Math.round(box.height)}` };
  });

/** Counts the changes to the status line's text from now on (a live region speaks each one). */
const countStatusChanges = (page) =>
  page.locator('#boot').evaluate((status) => {
    window.__statusChanges = 0;
    new MutationObserver((records) => (window.__statusChanges += records.length)).observe(status, { childList: true, characterData: true, subtree: true });
  });

test("a press's wait shows beside what was pressed, in the viewport at 1280x800 and 375x667, and is heard once", async (t) => {
  const presses = [
    {
      what: 'Fork',
      path: '/www/fork.js',
      query: '?tour=revocation&step=2',
      text: 'Loading the fork…',
      press: (page) => page.locator('#fork-open').click(),
      arrived: (page) => page.locator('#fork:not([hidden])').waitFor(),
    },
    {
      what: 'Share link…',
      path: '/www/share-dialog.js',
      query: '?tour=coat-check&step=2',
      text: 'Loading the share dialog…',
      async press(page) {
        if (await page.locator('#tools-toggle').isVisible()) await page.locator('#tools-toggle').click();
        await page.locator('#share').click();
      },
      arrived: (page) => page.locator('#share-dialog[open]').waitFor(),
    },
    {
      what: 'Apply',
      path: '/www/token-drawer.js',
      query: '?tour=tokens-nothing-to-look-up',
      text: 'Loading the settings…',
      async press(page) {
        if (await page.locator('#tools-toggle').isVisible()) await page.locator('#tools-toggle').click();
        await page.locator('#settings-panel > summary').click();
        await page.locator('#settings-form button[type="submit"]').click();
      },
      arrived: (page) => page.waitForFunction(() => !document.getElementById('settings-panel').open),
    },
  ];
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
    for (const { what, path, query, text, press, arrived } of presses) {
      const at = `${what} at ${viewport.width}x${viewport.height}`;
      const { page, release, errors } = await pageWithHeldModule(t, path, query, viewport);
      await countStatusChanges(page);
      await press(page);
      await page.locator('#boot:not([hidden])').waitFor();
      assert.equal(await page.locator('#boot').innerText(), text, at);
      const seen = await statusSeen(page);
      assert.ok(seen.inside, `${at}: the status (${seen.box}) is not inside the viewport`);
      assert.ok(seen.uncovered, `${at}: the status (${seen.box}) is drawn under something else`);
      if (what === 'Fork') {
        // A second press while the fork is on its way: the line stays as it is, so a screen reader hears it once.
        await page.locator('#fork-open').click();
        assert.equal(await page.locator('#boot').innerText(), text);
      }
      assert.equal(await page.evaluate(() => window.__statusChanges), 1, `${at}: the status changed more than once`);
      await page.screenshot({ path: new URL(`loading-${what.replace(/\W+/g, '').toLowerCase()}-${viewport.width}.png`, SHOTS).pathname });
      release();
      await arrived(page);
      // The playground's own line (an open fork's two figures hold copies of it, never shown).
      await page.locator('#boot').first().waitFor({ state: 'hidden' });
      assert.deepEqual(errors, []);
    }
  }
});

test('"Starting…" shows beside the pressed Next, in the viewport and uncovered, at 1280x800 and 375x667', async (t) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
    const at = `${viewport.width}x${viewport.height}`;
    // Until the player's modules are there, the stage keeps every press, Next's too.
    const { page, release } = await pageHolding(t, '/www/main.js', { viewport, waitUntil: 'commit' });
    await page.locator('#next').click({ timeout: 20000 });
    assert.match(await page.locator('#boot').innerText(), /^Starting…/, at);
    const seen = await statusSeen(page);
    assert.ok(seen.inside, `${at}: "Starting…" (${seen.box}) is not inside the viewport`);
    assert.ok(seen.uncovered, `${at}: "Starting…" (${seen.box}) is drawn under something else`);
    await page.screenshot({ path: new URL(`starting-${viewport.width}.png`, SHOTS).pathname });
    release();
    await page.waitForSelector('html[data-ready="true"]');
    await page.locator('#boot').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#boot').evaluate((status) => status.classList.contains('beside')), false, `${at}: the line is back in its own place`);
  }
});

test("a part's words that could not be fetched are fetched again at the next press, and the part then opens", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  let refuse = true;
  await page.route(`**${onPage('/www/text/en/fork.js')}`, (route) => (refuse ? route.abort() : route.continue()));
  await page.goto(`${env.server.url}?tour=revocation&step=2`);
  await page.waitForSelector('html[data-ready="true"]');
  const fork = page.locator('#fork-open');
  await fork.click();
  await page.locator('#fatal:not([hidden])').waitFor();
  assert.match(await page.locator('#fatal').innerText(), /^The fork could not load: .*Press Fork to try again\.$/);
  assert.equal(await fork.getAttribute('aria-busy'), null);
  refuse = false;
  await fork.click();
  await page.locator('#fork:not([hidden])').waitFor();
  assert.equal(await page.locator('#fork-next').innerText(), 'Next step, both');
});
