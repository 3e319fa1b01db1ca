// End-to-end: a reader clicks through the coat check in headless Chromium.
// Runs with node's test runner: `node --test tests/e2e/`. Each test fails on
// any console error or uncaught page error. Screenshots, at desktop and phone
// size, land in target/screenshots/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DESKTOP, PHONE, SHOTS, env, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const ID = 'wVwCiewtCpFn7I5loY3rvg'; // The first ID of seed 1.

/** Opens the page (seeded unless told otherwise), once the labs are ready too; fails the test on any console or page error. */
const open = (t, { query = '?seed=1', ...rest } = {}) => openPage(t, { query, ready: 'html[data-ready="true"][data-labs="ready"]', ...rest });

/** A button by its name; a button in a closed drawer of the toolbar opens the drawer (and closes the others) first. */
const button = (page, name) => {
  const locator = page.getByRole('button', { name, exact: true });
  return {
    locator,
    async click() {
      await reveal(page.getByRole('button', { name, exact: true, includeHidden: true }).first());
      await locator.click();
    },
    isEnabled: () => locator.isEnabled(),
    isDisabled: () => locator.isDisabled(),
    isVisible: () => locator.isVisible(),
    getAttribute: (name) => locator.getAttribute(name),
  };
};

/** Opens the drawers holding this element (on a phone, the Tools panel first) and closes every other one, as a reader would. */
async function reveal(locator) {
  await locator.evaluate((node) => {
    const tools = node.closest('.toolbar-tools');
    if (tools && getComputedStyle(tools).display === 'none') node.getRootNode().getElementById('tools-toggle').click();
    const keep = new Set();
    for (let d = node.closest('details'); d; d = d.parentElement?.closest('details')) {
      d.open = true;
      keep.add(d);
    }
    for (const d of node.getRootNode().querySelectorAll('details[open]')) if (!keep.has(d)) d.open = false;
  });
}
const narration = (page) => page.locator('#narration');
/** Picks a tour and presses Start; a tour's file is fetched when picked, so this waits for its first words. */
async function startTour(page, key) {
  await page.getByLabel('Guided tour').selectOption(key);
  await button(page, 'Start').click();
  await narration(page).filter({ hasText: /Press Next tour step to begin/ }).waitFor();
}
const counter = (page) => page.locator('#counter');
const jar = (page) => page.getByRole('list', { name: /Cookie jar/ });
const storeRows = (page) => page.getByRole('list', { name: 'Session records held by the server' }).locator('.coat-rec');

/** Clicks "Next step" until the action's trace is fully shown. */
async function finish(page) {
  while (await button(page, 'Next step').isEnabled()) await button(page, 'Next step').click();
}

/** Clicks Next (step or tour step) until the whole tour has been shown. */
async function finishTour(page) {
  const next = page.locator('#next');
  while (await next.isEnabled()) await next.click();
}

async function act(page, name) {
  await button(page, name).click();
  await finish(page);
}

describe('the coat check, clicked through by a reader', () => {
  test('log in: the ticket lands in the jar and the record in the store', async (t) => {
    const page = await open(t);
    await assert.doesNotReject(page.getByText('No browser has visited app.example yet').waitFor());
    await assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');

    await button(page, 'Log in').click();
    // Three moments: the request travels, the server works, the response comes back.
    assert.match(await counter(page).innerText(), /^Step 1 of 3: Alice's laptop: log in as alice$/);
    assert.match(await narration(page).innerText(), /fills in the login form.*The request travels to the server/);
    assert.match(await page.locator('#wire-text').innerText(), /^POST \/login HTTP\/1\.1\nHost: app\.example/);

    // The record appears in the store before the cookie reaches the jar.
    await button(page, 'Next step').click();
    assert.match(await counter(page).innerText(), /^Step 2 of 3/);
    assert.match(await narration(page).innerText(), /checks the password.*files a record/);
    assert.equal(await storeRows(page).count(), 1);
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');
    await page.screenshot({ path: new URL('desktop-login-store.png', SHOTS).pathname });

    await finish(page);
    assert.match(await counter(page).innerText(), /^Step 3 of 3/);
    assert.match(await jar(page).innerText(), new RegExp(`^sid=${ID}\\n`));
    assert.match(await jar(page).innerText(), /HttpOnly/);
    assert.match(await jar(page).innerText(), /SameSite=Lax/);
    const row = storeRows(page).first();
    assert.match(await row.innerText(), new RegExp(`${ID.slice(0, 8)}…\\s+alice`), 'the coat is tagged with the short ID and its owner');
    assert.equal(await row.getAttribute('data-ticket'), ID);
    assert.match(
      await page.locator('#wire-text').innerText(),
      new RegExp(`Set-Cookie: sid=${ID}; Path=/; HttpOnly; SameSite=Lax`),
    );
    assert.match(await page.locator('#screen').innerText(), /200\s+Welcome, alice/);
    assert.equal(await button(page, 'Next step').isDisabled(), true);
    await page.screenshot({ path: new URL('desktop-logged-in.png', SHOTS).pathname });
  });

  test('visit, revoke, visit again: the same ticket now gets 401', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
    assert.match(await page.locator('#wire-text').innerText(), /^HTTP\/1\.1 200 OK/);

    await act(page, 'Revoke newest session');
    assert.equal(await storeRows(page).count(), 1, 'the deleted record is shown struck through');
    assert.match(await storeRows(page).first().innerText(), /deleted/);
    assert.equal(await page.locator('#store-rows .coat-rec.deleted').count(), 1);
    assert.match(await jar(page).innerText(), new RegExp(`sid=${ID}`), 'the browser still holds its ticket');

    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /401\s+Please log in/);
    assert.match(await page.locator('#wire-text').innerText(), /^HTTP\/1\.1 401 Unauthorized/);
    assert.equal(await page.locator('#store-rows .coat-rec:not(.miss)').count(), 0, 'the store holds nothing');
    await page.screenshot({ path: new URL('desktop-revoked.png', SHOTS).pathname });
  });

  test('revoke a coat from the rack', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await page.getByRole('button', { name: `Revoke session ${ID.slice(0, 8)}… of alice` }).click();
    await finish(page);
    assert.match(await narration(page).innerText(), /instant revocation/);
  });

  test('log out: the record is deleted and the jar forgets the cookie', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await act(page, 'Log out');
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');
    assert.equal(await page.locator('#store-rows .coat-rec:not(.deleted)').count(), 0);
    assert.match(await page.locator('#wire-text').innerText(), /Set-Cookie: sid=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    assert.match(await page.locator('#screen').innerText(), /You are logged out/);
  });

  test('a wrong password gets 401 and no session', async (t) => {
    const page = await open(t);
    await page.getByLabel('Password', { exact: true }).fill('letmein');
    await act(page, 'Log in');
    assert.match(await page.locator('#screen').innerText(), /401\s+Wrong username or password/);
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');
    assert.equal(await storeRows(page).count(), 0);
    await assert.doesNotReject(page.getByText('No records: nobody is logged in.').waitFor());
  });

  test('play runs the steps on its own and pause stops them', async (t) => {
    const page = await open(t);
    await button(page, 'Log in').click();
    await act(page, 'Visit /profile');
    await page.getByRole('button', { name: 'First step' }).click();
    await button(page, 'Play').click();
    assert.match(await counter(page).innerText(), /^Step 2 of 6/);
    assert.equal(await button(page, 'Pause').getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => document.getElementById('counter').textContent.startsWith('Step 3 of 6'), null, {
      timeout: 10_000,
    });
    await button(page, 'Pause').click();
    const paused = await counter(page).innerText();
    await page.waitForTimeout(3_000);
    assert.equal(await counter(page).innerText(), paused);
  });

  test('reset starts over with an empty jar and store', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await button(page, 'Reset').click();
    assert.equal(await counter(page).innerText(), 'No action yet');
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');
    assert.equal(await storeRows(page).count(), 0);
    // Same seed, same first ID: reset really starts from scratch.
    await act(page, 'Log in');
    assert.match(await jar(page).innerText(), new RegExp(`sid=${ID}`));
  });

  test('without a seed, IDs come from the CSPRNG: 22 URL-safe characters, new each time', async (t) => {
    const page = await open(t, { query: '' });
    assert.match(await page.locator('footer').innerText(), /CSPRNG/);
    const ids = [];
    for (let i = 0; i < 2; i += 1) {
      await act(page, 'Log in');
      ids.push((await page.locator('#jar .value').innerText()).trim());
    }
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(ids[0], ids[1]);
  });

  test('a bad seed in the address gets a visible explanation, and the page still works', async (t) => {
    const page = await open(t, { query: '?seed=banana' });
    await assert.doesNotReject(page.getByRole('alert').getByText('The seed "banana" is not a whole number').waitFor());
    await act(page, 'Log in');
    assert.match(await jar(page).innerText(), /^sid=/);
  });
});

describe('presets, browsers and settings in free play', () => {
  test('Django sends its own cookie and the page shows its SQL', async (t) => {
    const page = await open(t);
    await page.locator('#settings-panel summary').click();
    await page.getByLabel('Behave like').selectOption('django');
    assert.equal(await page.getByLabel('Idle timeout, minutes').inputValue(), '', 'Django has no idle timeout');
    assert.equal(await page.getByLabel('Absolute timeout, minutes').inputValue(), '20160');
    await button(page, 'Apply and start over').click();
    // Pressed before the drawer's token fields arrived, Apply waits for them.
    await page.locator('#settings-summary').getByText(/Django/).waitFor();
    await button(page, 'Log in').click();
    await button(page, 'Next step').click();
    // create(): a key no row has (SELECT 1), the row, then the login's save, as Django runs them (tests/real/django).
    assert.match(await page.locator('#wire-text').innerText(), /^\$ SELECT 1 FROM django_session WHERE session_key = '[a-z0-9]{32}' LIMIT 1\n\$ INSERT INTO django_session \(session_key, session_data, expire_date\) VALUES \('[a-z0-9]{32}'/);
    await finish(page);
    assert.match(await jar(page).innerText(), /^sessionid=[a-z0-9]{32}\n/);
    assert.match(await jar(page).innerText(), /expires Mon, 16 Mar 2026 09:00:00 GMT/);
    assert.match(await page.locator('#wire-text').innerText(), /Set-Cookie: sessionid=[a-z0-9]{32}; expires=Mon, 16 Mar 2026 09:00:00 GMT; HttpOnly; Max-Age=1209600; Path=\/; SameSite=Lax/);
  });

  test('each browser has its own jar; a copied ticket works anywhere', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await page.getByRole('button', { name: "Alice's phone", exact: true }).click();
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.');
    assert.match(await page.locator('#other-jars').innerText(), new RegExp(`Alice's laptop: sid=${ID.slice(0, 8)}`));
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /401/);
    // Copy Alice's ticket from the laptop into Mallory's jar.
    await page.getByRole('button', { name: "Alice's laptop", exact: true }).click();
    await reveal(page.getByLabel('Copy ticket to'));
    await page.getByLabel('Copy ticket to').selectOption('mallory');
    await act(page, 'Copy the session cookie');
    assert.equal(await page.getByRole('button', { name: "Mallory's laptop", exact: true }).getAttribute('aria-pressed'), 'true', 'the view follows the step');
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
  });

  test('time passes on the clock and the idle timeout ends the session', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await act(page, 'Wait 30 min');
    assert.equal(await page.locator('#clock').innerText(), '0:30:00');
    await button(page, 'Visit /profile').click();
    await button(page, 'Next step').click();
    assert.match(await narration(page).innerText(), /its idle timeout passed at 0:30:00/);
    assert.equal(await page.locator('#store-rows .coat-rec.deleted').count(), 1, 'cleanup on read deletes it');
    assert.match(await storeRows(page).first().innerText(), /expired \(idle\)|deleted/);
    await finish(page);
    assert.match(await page.locator('#screen').innerText(), /401/);
  });

  test('a restart empties an in-memory store but the browser keeps its ticket', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    await act(page, 'Restart server');
    assert.equal(await page.locator('#store-rows .coat-rec.deleted').count(), 1);
    assert.match(await jar(page).innerText(), new RegExp(`sid=${ID}`));
  });

  test('invalid settings get a visible explanation and change nothing', async (t) => {
    const page = await open(t);
    await page.locator('#settings-panel summary').click();
    for (const bad of ['0', '5-', 'abc', '99999999']) {
      await page.getByLabel('Idle timeout, minutes').fill(bad);
      await button(page, 'Apply and start over').click();
      await assert.doesNotReject(page.getByRole('alert').getByText(`must be a whole number of minutes from 1 to 5,270,400, or empty for none; "${bad}" is not.`).waitFor());
      assert.equal(await page.getByLabel('Idle timeout, minutes').getAttribute('aria-invalid'), 'true');
    }
    await page.getByLabel('Idle timeout, minutes').fill('30');
    await act(page, 'Log in');
    assert.match(await jar(page).innerText(), new RegExp(`sid=${ID}`));
  });
});

describe('guided tours, run on the page', () => {
  // The status the last page shows at the end of each tour.
  const tours = {
    'coat-check': 401,
    revocation: 200,
    'logout-done-right': 401,
    'logout-client-only': 200,
    'logout-server-only': 401,
    'idle-timeout': 401,
    'absolute-timeout': 401,
    'cookie-and-record': 401,
    'log-out-everywhere': 401,
    'password-change': 200,
    'server-restart': 401,
    'server-restart-redis': 200,
    'load-balancer-round-robin': 401,
    'sticky-sessions': 200,
    'shared-store': 401,
    'store-outage': 200,
    'attack-stolen-ticket': 401,
    'session-fixation': 401,
    'attack-made-up-id': 401,
    'attack-guessed-id': 401,
    'attack-script-theft': 401,
    'attack-csrf': 401,
    'attack-plain-http': 401,
    'tokens-nothing-to-look-up': 401,
    'token-revocation': 401,
    'token-denylist': 500,
    'sessions-vs-tokens': 200,
  };
  test('the tour list offers every tour', async (t) => {
    const page = await open(t);
    const values = await page.locator('#tour option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    assert.deepEqual(values.sort(), Object.keys(tours).sort());
  });
  for (const [key, status] of Object.entries(tours)) {
    test(`tour ${key}`, async (t) => {
      const page = await open(t);
      await startTour(page, key);
      assert.match(await narration(page).innerText(), /Press Next tour step to begin/);
      await button(page, 'Next tour step').click();
      // One action in: its steps are shown, or (a one-step action) the next one is announced.
      assert.match(await page.locator('#tour-position').innerText(), /^Tour step (1 of \d+:|2 of \d+, next:)$/);
      await finishTour(page);
      assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:', 'every tour step ran');
      assert.match(await page.locator('#tour-say').innerText(), /That is the end of this tour/);
      assert.match(await page.locator('#screen-status').innerText(), new RegExp(`^${status}$`));
      if (key === 'attack-plain-http') {
        // Step back to the moment Mallory reads the request: she is on the stage.
        for (let i = 0; i < 40 && (await page.locator('#eavesdropper').isHidden()); i += 1) await page.getByRole('button', { name: 'Step back' }).click();
        assert.equal(await page.locator('#eavesdropper').isVisible(), true, 'the eavesdropper is on the stage');
        assert.equal(await page.locator('#eavesdropper').innerText(), 'Mallory is listening: no ticket in sight');
        await page.screenshot({ path: new URL('desktop-tour-plain-http.png', SHOTS).pathname });
      }
      if (key === 'session-fixation') {
        await page.screenshot({ path: new URL('desktop-tour-session-fixation.png', SHOTS).pathname });
      }
    });
  }
  test('?tour= in the address starts a tour; an unknown one is explained', async (t) => {
    const page = await open(t, { query: '?tour=revocation' });
    assert.equal(await page.getByLabel('Guided tour').inputValue(), 'revocation');
    const bad = await open(t, { query: '?tour=nope&seed=banana' });
    await assert.doesNotReject(bad.getByRole('alert').getByText('There is no tour called "nope"').waitFor());
    await assert.doesNotReject(bad.getByRole('alert').getByText('The seed "banana"').waitFor(), 'both problems are kept');
    assert.equal(await bad.getByLabel('Guided tour').inputValue(), '', 'the list falls back to free play');
  });
  test('a refresh token renews an expired access token on the stage, and a revoked login fails at the next renewal', async (t) => {
    const page = await open(t, { query: '?scenario=tests/scenarios/refresh-at-the-next-renewal.json&step=3' });
    const next = page.locator('#next');
    // Step 3's request is refused (the access token expired), then the page's script posts to /refresh.
    for (let i = 0; i < 8 && !/POST \/refresh/.test(await page.locator('#packet').innerText()); i += 1) await next.click();
    assert.match(await page.locator('#packet').innerText(), /POST \/refresh/, 'the renewal is on the wire');
    await next.click();
    assert.match(await narration(page).innerText(), /looks the refresh token up in its store and finds alice's record/);
    const rack = await storeRows(page).allInnerTexts();
    assert.ok(rack.some((coat) => /refresh:/.test(coat) && /alice/.test(coat)), `alice's refresh record is on the rack: ${rack.join(' | ')}`);
    await finishTour(page);
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:');
    assert.match(await page.locator('#screen-status').innerText(), /^401$/);
    assert.match(await page.locator('#tour-verdict').innerText(), /The refresh token named no record in the store/);
  });
});

describe('links into a tour, and the iframe form', () => {
  test('?step=N opens a tour at that step; ?embed=1 shows the playground alone', async (t) => {
    const page = await open(t, { query: '?scenario=revocation&step=3&embed=1&seed=1' });
    assert.equal(await page.getByLabel('Guided tour').inputValue(), 'revocation');
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour step 3 of 4:');
    const at = Number((await counter(page).innerText()).match(/^Step (\d+) of/)[1]);
    assert.ok(at > 3, 'the first two tour steps ran before it');
    for (const hidden of ['.intro p', '#attacks', '#lab', '.foot']) assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Session playground', 'the heading stays for screen readers');
    assert.equal(await page.getByRole('alert').isVisible(), false, 'no message');
    await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const { violations } = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(violations.map((v) => v.id), [], 'axe-core finds nothing in the embed');
    await page.screenshot({ path: new URL('desktop-embed.png', SHOTS).pathname });
    // The reader carries on from there.
    await page.getByRole('button', { name: 'Step back' }).click();
    assert.match(await counter(page).innerText(), new RegExp(`^Step ${at - 1} of`));
    await finishTour(page);
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:');
    const plain = await open(t, { query: '?tour=revocation&step=2' });
    assert.equal(await plain.locator('#attacks').isVisible(), true, 'without embed=1 the whole page is there');
  });

  test("?step=N of a one-moment step shows that step's own card; Next then asks the coming question first", async (t) => {
    // The revocation's step 2 is the administrator's revoke, a single moment, and step 3 asks a question.
    const page = await open(t, { query: '?tour=revocation&step=2' });
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour step 2 of 4:');
    assert.equal(await page.locator('#tour-step-title').innerText(), 'The record is deleted');
    assert.equal(await page.locator('#tour-ask').isVisible(), false, 'no question yet: this is step 2');
    const at = await counter(page).innerText();
    await button(page, 'Next tour step').click();
    assert.equal(await counter(page).innerText(), at, 'the press ran nothing');
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour step 3 of 4, next:');
    assert.equal(await page.locator('#tour-ask').isVisible(), true, "step 3's question shows before it runs");
    // The last step, held too; Next then shows the tour's end.
    const last = await open(t, { query: '?tour=revocation&step=4' });
    assert.equal(await last.locator('#tour-position').innerText(), 'Tour step 4 of 4:');
    await last.locator('#next').click();
    for (let i = 0; i < 4 && (await last.locator('#tour-position').innerText()) !== 'Tour finished:'; i += 1) await last.locator('#next').click();
    assert.equal(await last.locator('#tour-position').innerText(), 'Tour finished:');
  });

  test('a step past the end, a bad step, or a step without a tour is explained', async (t) => {
    const past = await open(t, { query: '?tour=revocation&step=999' });
    await assert.doesNotReject(past.getByRole('alert').getByText('This tour has 4 steps, so there is no step 999; here is its last.').waitFor());
    assert.equal(await past.locator('#tour-position').innerText(), 'Tour step 4 of 4:');
    const bad = await open(t, { query: '?tour=revocation&step=two' });
    await assert.doesNotReject(bad.getByRole('alert').getByText('?step=two is not a step number').waitFor());
    assert.match(await narration(bad).innerText(), /Press Next tour step to begin/);
    const alone = await open(t, { query: '?step=3' });
    await assert.doesNotReject(alone.getByRole('alert').getByText('?step=3 needs a tour to step through').waitFor());
    const unknown = await open(t, { query: '?tour=nope&step=3&embed=yes' });
    const alert = await unknown.getByRole('alert').innerText();
    assert.match(alert, /There is no tour called "nope"/);
    assert.doesNotMatch(alert, /needs a tour/, 'one message for one mistake');
    assert.match(alert, /\?embed=yes is not understood/);
  });
});

describe('a timeline the reader can walk, by mouse or keyboard', () => {
  test('three steps back, the jar and the store show that earlier state', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    assert.match(await jar(page).innerText(), new RegExp(`sid=${ID}`));
    await page.getByRole('button', { name: 'Step back' }).click();
    assert.match(await counter(page).innerText(), /^Step 2 of 3/);
    assert.equal(await jar(page).innerText(), 'Empty: no cookies for this site.', 'the cookie has not arrived yet');
    assert.equal(await storeRows(page).count(), 1, 'but the record is already filed');
    assert.match(await page.locator('#wire-text').innerText(), /sessions\.insert/);
    // The scrubber and First/Last reach any step.
    await page.getByRole('slider', { name: 'Step' }).focus();
    await page.keyboard.press('Home');
    assert.match(await counter(page).innerText(), /^Step 1 of 3/);
    await page.getByRole('button', { name: 'Last step' }).click();
    assert.match(await counter(page).innerText(), /^Step 3 of 3/);
    // A new action joins the timeline; the earlier steps stay reachable.
    await act(page, 'Visit /profile');
    assert.match(await counter(page).innerText(), /^Step 6 of 6/);
    await page.getByRole('button', { name: 'First step' }).click();
    assert.match(await counter(page).innerText(), /^Step 1 of 6: Alice's laptop: log in as alice/);
  });

  test('the keyboard alone completes a tour', async (t) => {
    const page = await open(t);
    // Tab to the tour list, choose the first tour with the arrow key, start it.
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'tour')); i += 1) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tour');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel('Guided tour').inputValue(), 'coat-check');
    assert.match(await narration(page).innerText(), /press Log in to play freely/, 'moving through the list loads nothing');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'start-tour');
    await page.keyboard.press('Enter');
    assert.match(await narration(page).innerText(), /The coat check/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'next', 'focus moves to Next when the tour starts');
    // → steps forward; questions are answered by revealing.
    for (let i = 0; i < 60 && (await page.locator('#tour-position').innerText()) !== 'Tour finished:'; i += 1) await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:');
    assert.match(await page.locator('#screen-status').innerText(), /^401$/);
    // Home and End jump; ← steps back; Space plays and pauses.
    await page.keyboard.press('Home');
    assert.match(await counter(page).innerText(), /^Step 1 of /);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const [, at, of] = (await counter(page).innerText()).match(/^Step (\d+) of (\d+)/);
    assert.equal(Number(at), Number(of) - 1);
    await page.keyboard.press('Home');
    // Space on a focused button presses that button, so move to the narration first.
    await page.keyboard.press('Shift+Tab');
    await page.locator('.narration').focus();
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
    // Typing in a field is never taken for a shortcut.
    const before = await counter(page).innerText();
    await reveal(page.getByLabel('New password'));
    await page.getByLabel('New password').focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' x');
    assert.equal(await counter(page).innerText(), before);
    assert.equal(await page.getByLabel('New password').inputValue(), 'looking-glass x');
  });

  test('predict, then reveal: the answer is judged by what the engine did', async (t) => {
    const page = await open(t, { query: '?tour=revocation' });
    for (let i = 0; i < 40 && !(await page.locator('#tour-choices button').count()); i += 1) await page.locator('#next').click();
    assert.match(await page.locator('#tour-question').innerText(), /Think first: Will this request still be logged in\?/);
    await page.locator('#tour-choices').getByRole('button', { name: 'No' }).click();
    await finishTour(page);
    assert.equal(await page.locator('#tour-verdict').innerText(), 'You answered “No”: right. The ticket names no record in the store, so the server answered 401 Unauthorized.', 'the verdict gives its reason');
  });

  test('a free-play action during a tour says the tour was left', async (t) => {
    const page = await open(t, { query: '?tour=revocation' });
    for (let i = 0; i < 3; i += 1) await page.locator('#next').click();
    const note = page.locator('#tour-left');
    assert.equal(await note.isVisible(), false);
    // In a tour the browser shows its page, not the login form; the toolbar's actions still leave the tour.
    assert.equal(await page.locator('#login-form').isVisible(), false);
    await button(page, 'Wait 1 min').click();
    assert.equal(await note.getAttribute('role'), 'status');
    assert.match(await note.innerText(), /^You left the tour “.+” after step 1 of \d+: this is free play now/);
    assert.equal(await page.locator('#tour-box').isVisible(), false);
    assert.equal(await page.getByLabel('Guided tour').inputValue(), '');
    assert.equal(await button(page, 'Next step').isVisible(), true, 'Next steps through the action, not the tour');
    await button(page, 'Visit /profile').click();
    assert.equal(await note.isVisible(), false, 'the note goes with the next action');
    // (Stepped to its end: an action from an earlier step has a note of its own.)
    await finish(page);
    await button(page, 'Log in').click();
    assert.equal(await note.isVisible(), false, 'and does not come back in free play');
    // Leaving again, before the tour's first step, then picking the tour again.
    await startTour(page, 'revocation');
    await button(page, 'Wait 1 min').click();
    assert.match(await note.innerText(), /^You left the tour “.+” before its first step/);
    await startTour(page, 'revocation');
    assert.equal(await note.isVisible(), false, 'picking a tour again clears the note');
    assert.equal(await note.innerText(), '');
  });

  test('speed ranges from 0.25× to 4×', async (t) => {
    const page = await open(t);
    const options = await page.getByLabel('Speed').locator('option').allTextContents();
    assert.deepEqual(options, ['0.25×', '0.5×', '1×', '2×', '4×']);
    await page.getByLabel('Speed').selectOption('4');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--speed').trim()), '4');
  });
});

describe('the inspector and the coat-check link', () => {
  test('plain English or raw, and the choice is remembered', async (t) => {
    const page = await open(t);
    await button(page, 'Log in').click();
    await button(page, 'Inspect').click();
    await page.getByRole('button', { name: 'Plain English' }).click();
    const plain = page.locator('#wire-plain');
    assert.match(await plain.innerText(), /POST \/login HTTP\/1\.1\s+POST \/login: the browser submits something to this address\./);
    await finish(page);
    assert.match(await plain.innerText(), /Set-Cookie: sid=.*\s+Asks the browser to store a cookie named sid/);
    assert.match(await page.locator('#jar-decision').innerText(), /The jar's decision: sid stored\./);
    await button(page, 'Visit /profile').click();
    assert.equal(await page.locator('#jar-decision').innerText(), "The jar's decision: sid sent: it matches the host and path, and nothing holds it back.");
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('#show-plain').getAttribute('aria-pressed'), 'true');
  });

  test('a ticket lights up its record, and a ticket with no record says so', async (t) => {
    const page = await open(t);
    await act(page, 'Log in');
    // On the wire, the line carrying the ticket wears its ID's colour: the core names the ID the message carries.
    await button(page, 'Inspect').click();
    await page.getByRole('button', { name: 'Raw' }).click();
    const colour = (locator) => locator.evaluate((n) => getComputedStyle(n).getPropertyValue('--id-colour').trim());
    const ticketLine = page.locator('#wire-text .hl', { hasText: /^Set-Cookie: sid=/ });
    assert.equal(await ticketLine.count(), 1, 'the response\'s Set-Cookie line is marked');
    assert.notEqual(await colour(ticketLine), '', 'and painted');
    assert.equal(await colour(ticketLine), await colour(page.locator('#jar li.cookie').first()), 'in the jar\'s colour for that ticket');
    // The pointer, left on Next, would hover whatever scrolls under it and unlink the ticket.
    await page.mouse.move(0, 0);
    await page.locator('#jar li.cookie').focus();
    assert.equal(await page.locator('#store-rows .coat-rec.linked').count(), 1, 'the record lights up');
    await page.locator('#store-rows .coat-rec').first().hover();
    assert.equal(await page.locator('#jar li.linked').count(), 1, 'and the reverse');
    assert.match(await page.locator('#jar .coat').innerText(), /its record is in the store/);
    await act(page, 'Revoke newest session');
    assert.match(await page.locator('#jar .coat').innerText(), /no record in the store: this ticket names nothing/);
  });
});

describe('attacks and defences', () => {
  test('the defence matrix on the page is the engine\'s', async (t) => {
    const page = await open(t);
    const table = page.getByRole('table', { name: /Which defence stops which attack/ });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 11).map((c) => c.textContent.trim())));
    assert.deepEqual(rows.map((r) => [r[0], r[1], r.slice(2).map((c) => (c === 'stops' ? 'X' : '.')).join('')]), [
      ['Stolen ticket', 'succeeds', '.......XX'],
      ['Session fixation (planted ticket)', 'succeeds', 'X.....XXX'],
      ['Session fixation (made-up ID)', 'succeeds', 'XX....XXX'],
      ['Guessed ID', 'succeeds', '..X....XX'],
      ['Script theft (XSS)', 'succeeds', '...X...XX'],
      ['Cross-site request forgery', 'succeeds', '....X..XX'],
      ['Sniffing plain http', 'succeeds', '.....XXXX'],
    ]);
    // Each row starts its tour.
    await page.getByRole('button', { name: 'Play the tour: Cross-site request forgery' }).click();
    assert.equal(await page.getByLabel('Guided tour').inputValue(), 'attack-csrf');
  });

  test('the token rows on the page are the engine\'s, each with its verdict per defence', async (t) => {
    const page = await open(t);
    const table = page.getByRole('table', { name: /Attacks on tokens/ });
    const head = await table.locator('thead th').allTextContents();
    assert.deepEqual(head, ['Attack', 'Undefended', 'Denylist of revoked tokens', 'Algorithm pinned to HS256', 'A random 32-byte secret', 'Token in an HttpOnly cookie', 'Tour']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 6).map((c) => c.textContent.trim())));
    assert.deepEqual(rows.map((r) => [r[0], r[1], r.slice(2).map((c) => (c === 'stops' ? 'X' : '.')).join('')]), [
      ['Stolen token', 'succeeds', 'X...'],
      ['Script theft of a token (XSS)', 'succeeds', 'X..X'],
      ['Forged token with alg: none', 'succeeds', '.X..'],
      ['Forged token, secret guessed from a word list', 'succeeds', '..X.'],
    ]);
    // Each verdict says itself to a screen reader, as the session rows do.
    assert.equal(await table.locator('tbody tr').nth(2).locator('td').nth(2).getAttribute('aria-label'), 'Algorithm pinned to HS256: stops it');
    // A stolen token has its tour: revoking a token, with and without the denylist.
    await page.getByRole('button', { name: 'Play the tour: Stolen token', exact: true }).click();
    assert.equal(await page.getByLabel('Guided tour').inputValue(), 'token-revocation');
  });

  test('the guessing calculator works out OWASP\'s example and refuses nonsense', async (t) => {
    const page = await open(t);
    assert.equal(await page.locator('#calc-result').innerText(), 'Expected time to a first hit: 585 years.');
    await page.getByLabel('Bits of randomness').fill('128');
    await button(page, 'Work it out').click();
    assert.equal(await page.locator('#calc-result').innerText(), 'Expected time to a first hit: about 10^22 years.');
    await page.getByLabel('Bits of randomness').fill('1024');
    await button(page, 'Work it out').click();
    assert.equal(await page.locator('#calc-result').innerText(), 'Expected time to a first hit: about 10^291 years.');
    await page.getByLabel('Bits of randomness').fill('64');
    await page.getByLabel('Live sessions').fill('lots');
    await button(page, 'Work it out').click();
    assert.equal(await page.locator('#calc-result').innerText(), 'Live sessions must be a whole number from 1 to 1,000,000,000,000; "lots" is not');
  });

  test('in free play, a defence switched on in the settings stops an attack', async (t) => {
    const page = await open(t);
    // Without HttpOnly, an injected script hands the ticket to Mallory.
    await page.locator('#settings-panel summary').click();
    await page.getByLabel('HttpOnly (scripts cannot read the cookie)').uncheck();
    await button(page, 'Apply and start over').click();
    await page.locator('#settings-summary').getByText(/cookie changed/).waitFor();
    await act(page, 'Log in');
    await act(page, 'Run an injected script');
    assert.match(await narration(page).innerText(), /It sends the sid cookie to Mallory/);
    await page.getByRole('button', { name: "Mallory's laptop", exact: true }).click();
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
    // With HttpOnly back on, the same script finds nothing.
    await page.locator('#settings-panel summary').click();
    await page.getByLabel('HttpOnly (scripts cannot read the cookie)').check();
    await button(page, 'Apply and start over').click();
    await act(page, 'Log in');
    await act(page, 'Run an injected script');
    assert.match(await narration(page).innerText(), /HttpOnly keeps the session cookie out of its reach/);
  });
});

describe('the cookie lab', () => {
  const setCookie = async (page, url, header, from = 'http') => {
    await page.getByLabel('Response from').fill(url);
    await page.getByLabel('Set-Cookie').fill(header);
    await page.getByLabel('Set by').selectOption(from);
    await button(page, 'Set cookie').click();
    return page.locator('#lab-set-result').innerText();
  };
  const request = async (page, url, kind) => {
    await page.getByLabel('Request to').fill(url);
    await page.getByLabel('Started by').selectOption(kind);
    await button(page, 'Send request').click();
    return page.locator('#lab-request-result').innerText();
  };

  test('a reader sees what is stored, what is sent, and why', async (t) => {
    const page = await open(t);
    assert.equal(await setCookie(page, 'https://www.example.com/account/login', 'id=42; Path=/; Secure; HttpOnly; SameSite=Lax'), 'Stored the cookie id.');
    assert.equal(await setCookie(page, 'https://www.example.com/', 'theme=dark; Domain=example.com; Path=/'), 'Stored the cookie theme.');
    assert.match(await page.getByRole('table', { name: "The lab's cookie jar" }).innerText(), /id\s+42\s+www\.example\.com \(host-only\)\s+\/\s+Secure, HttpOnly, SameSite=Lax/);
    assert.match(await page.locator('#lab-jar').innerText(), /theme\s+dark\s+example\.com and subdomains/);
    await setCookie(page, 'http://127.0.0.1/', 'ip=1; Domain=127.0.0.1');
    assert.match(await page.locator('#lab-jar').innerText(), /ip\s+1\s+127\.0\.0\.1 only \(an address has no subdomains\)/);
    assert.equal(await request(page, 'https://www.example.com/account/settings', 'same-site'), 'The request carries: Cookie: id=42; theme=dark');
    assert.equal(await request(page, 'https://shop.example.com/', 'same-site'), 'The request carries: Cookie: theme=dark');
    assert.match(await page.locator('#lab-decisions').innerText(), /id \(www\.example\.com\/\): withheld: it is host-only for www\.example\.com, and this is shop\.example\.com/);
    assert.equal(await request(page, 'https://www.example.com/', 'cross-site-post'), 'The request carries no cookies.');
    assert.match(await page.locator('#lab-decisions').innerText(), /withheld: SameSite=Lax on a cross-site POST/);
    assert.match(await page.locator('#lab-decisions').innerText(), /theme .*withheld: SameSite=Lax \(the browser's default for a missing SameSite\) on a cross-site POST/);
    await page.getByLabel('A missing SameSite means').selectOption('none');
    assert.equal(await request(page, 'https://www.example.com/', 'cross-site-post'), 'The request carries: Cookie: theme=dark');
    assert.equal(await request(page, 'https://www.example.com/', 'script'), 'document.cookie returns: theme=dark');
    assert.match(await page.locator('#lab-decisions').innerText(), /withheld: it is HttpOnly, hidden from document\.cookie/);
  });

  test('what browsers refuse is refused, with the reason', async (t) => {
    const page = await open(t);
    assert.equal(await setCookie(page, 'http://www.example.com/', 'a=1; Secure'), 'Not stored. The browser ignored: a Secure cookie can only be set over https.');
    assert.equal(await setCookie(page, 'https://www.example.com/', 'a=1; Domain=com'), 'Not stored. The browser ignored: Domain=com is a public suffix, shared by unrelated sites.');
    assert.equal(await setCookie(page, 'https://www.example.com/', '__Host-a=1; Secure; Domain=example.com; Path=/'), 'Not stored. The browser ignored: a __Host- cookie must be Secure, have Path=/ and no Domain.');
    assert.equal(await setCookie(page, 'https://www.example.com/', 'h=1; HttpOnly', 'script'), 'Not stored. The browser ignored: a script cannot set an HttpOnly cookie.');
    assert.equal(await setCookie(page, 'https://www.example.com/', `big=${'x'.repeat(5000)}`), 'Not stored. The browser ignored: its name and value are 5003 bytes together, over the limit of 4096.');
    assert.equal(await setCookie(page, 'https://www.example.com/', 'c=1\u0000x'), 'Not stored. The browser ignored: it contains the control character U+0000.');
    assert.equal(await setCookie(page, 'not a url', 'a=1'), 'That cannot be tried: "not a url" is not a full URL; write it like https://www.example.com/path.');
    assert.equal(await setCookie(page, 'ftp://www.example.com/', 'a=1'), 'That cannot be tried: cookies are only for http and https URLs, not ftp.');
    assert.equal(await page.locator('#lab-empty').innerText(), 'The jar is empty.');
  });

  test('a cookie with Max-Age leaves the jar when its time is up', async (t) => {
    const page = await open(t);
    await setCookie(page, 'https://www.example.com/', 'short=1; Max-Age=3600');
    assert.match(await page.locator('#lab-jar').innerText(), /Mon, 02 Mar 2026 10:00:00 GMT/);
    await button(page, 'Let a day pass in the lab').click();
    assert.equal(await page.locator('#lab-empty').innerText(), 'The jar is empty.');
    assert.equal(await page.locator('#lab-now').innerText(), 'Tue, 03 Mar 2026 09:00:00 GMT');
  });
});

describe('how it looks and reads', () => {
  test('reduced motion turns the travelling animation off, and only then', async (t) => {
    const duration = async (reducedMotion) => {
      const page = await open(t, { reducedMotion });
      return page.evaluate(() => getComputedStyle(document.getElementById('packet')).transitionDuration);
    };
    assert.match(await duration('reduce'), /^0s(, 0s)*$/);
    assert.doesNotMatch(await duration('no-preference'), /^0s(, 0s)*$/);
  });

  test('nothing leaves the page: every request goes to its own origin', async (t) => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const foreign = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(env.server.url)) foreign.push(request.url());
    });
    t.after(() => context.close());
    await page.goto(`${env.server.url}?tour=log-out-everywhere`);
    await page.waitForSelector('html[data-ready="true"]');
    await finishTour(page);
    assert.deepEqual(foreign, []);
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    test(`${name}: no accessibility violations, no sideways scrolling, screenshots`, async (t) => {
      const page = await open(t, { viewport });
      await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
      const check = async (moment) => {
        const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
        const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
        assert.deepEqual(found, [], `axe-core violations ${moment}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px ${moment}`);
      };
      await check('at rest');
      await page.screenshot({ path: new URL(`${name}-start.png`, SHOTS).pathname });

      await button(page, 'Log in').click();
      await button(page, 'Next step').click();
      await check('mid-login');
      await page.screenshot({ path: new URL(`${name}-login-step-4.png`, SHOTS).pathname });

      await finish(page);
      await act(page, 'Revoke newest session');
      await act(page, 'Visit /profile');
      await check('after revocation');
      await page.emulateMedia({ colorScheme: 'dark' });
      await check('in dark mode');
      await page.screenshot({ path: new URL(`${name}-dark.png`, SHOTS).pathname });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: new URL(`${name}-after-revocation.png`, SHOTS).pathname });
      if (name === 'phone') {
        await page.locator('#store').scrollIntoViewIfNeeded();
        await page.screenshot({ path: new URL('phone-store.png', SHOTS).pathname });
      }
      await page.locator('#lab').scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL(`${name}-cookie-lab.png`, SHOTS).pathname });
    });
  }
});

describe('free play on a phone', () => {
  /** Opens the username and password behind "as …", fills them in and logs in; returns the narration of the answer. */
  async function logInAs(page, username, password) {
    await page.getByRole('button', { name: /^as / }).click();
    assert.equal(await page.getByLabel('Username', { exact: true }).isVisible(), true, 'the fields open');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'username', 'at the username');
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    assert.equal(await page.getByRole('button', { name: `as ${username}` }).getAttribute('aria-expanded'), 'true', 'the button names who logs in');
    await button(page, 'Log in').click();
    assert.equal(await page.getByLabel('Username', { exact: true }).isVisible(), false, 'the fields fold away once used');
    await finish(page);
  }

  test('another user logs in, and a wrong password fails, with the figure on screen', async (t) => {
    const page = await open(t, { viewport: PHONE });
    assert.equal(await page.getByLabel('Username', { exact: true }).isVisible(), false, 'the fields wait behind "as alice"');
    assert.equal(await page.getByRole('button', { name: 'as alice' }).isVisible(), true);

    await logInAs(page, 'bob', 'builder');
    assert.match(await page.locator('#screen').innerText(), /200\s+Welcome, bob/);
    assert.match(await storeRows(page).first().innerText(), /bob/, "the coat is bob's");
    assert.equal(await page.evaluate(() => scrollY), 0, 'the figure was on screen all along');
    const inView = await page.evaluate(() => ['browser', 'store', 'next'].every((id) => {
      const box = document.getElementById(id).getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    }));
    assert.ok(inView, 'the browser, the store and Next are on screen');
    await page.screenshot({ path: new URL('phone-free-play-bob.png', SHOTS).pathname });

    await logInAs(page, 'mallory', 'not-her-password');
    assert.match(await page.locator('#screen').innerText(), /401\s+Wrong username or password/);
    assert.equal(await storeRows(page).count(), 1, 'no record for a failed login');
    // Escape folds the fields away without logging in.
    await page.getByRole('button', { name: 'as mallory' }).click();
    await page.keyboard.press('Escape');
    assert.equal(await page.getByLabel('Username', { exact: true }).isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'login-as');
  });
});

describe('scaling out: servers behind a load balancer', () => {
  /** Opens the settings, sets the topology, and applies it. */
  async function scaleOut(page, { servers, balancing, storeLayout, preset }) {
    await reveal(page.locator('#settings-form'));
    if (preset) await page.getByLabel('Behave like').selectOption(preset);
    await page.getByLabel('App servers', { exact: true }).selectOption(String(servers));
    await page.getByLabel('Load balancer sends each request').selectOption(balancing);
    await page.getByLabel('Sessions live in').selectOption(storeLayout);
    await button(page, 'Apply and start over').click();
    // Applied (at once, or once the drawer's token fields have arrived), the drawer closes.
    await page.waitForFunction(() => !document.getElementById('settings-panel').open);
  }

  /** The cost meter's row `label`: [this action, in all]. */
  async function cost(page, label) {
    await reveal(page.locator('#cost-rows'));
    const row = page.locator('#cost-rows tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    return row.locator('td').allInnerTexts();
  }

  const node = (page, name) => page.locator(`#cluster-nodes > li[data-server="${name}"]`);

  async function accessible(page, moment) {
    await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
    assert.deepEqual(found, [], `axe-core violations ${moment}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px ${moment}`);
  }

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    test(`${name}: four servers, round-robin, own memory: three requests in four find no session`, async (t) => {
      const page = await open(t, { viewport });
      assert.equal(await page.locator('#cluster').isHidden(), true, 'one server: no balancer on the stage');
      await scaleOut(page, { servers: 4, balancing: 'roundRobin', storeLayout: 'perServer' });
      assert.match(await page.locator('#settings-summary').innerText(), /4 servers, round-robin, own memory each/);
      assert.equal(await page.locator('#cluster').isVisible(), true);
      assert.equal(await page.locator('#cluster-nodes > li').count(), 4);

      await act(page, 'Log in');
      assert.match(await page.locator('#store-rows').textContent(), new RegExp(`app-1's memory${ID.slice(0, 8)}…alice`), "the coat hangs in app-1's memory");
      assert.match(await node(page, 'app-1').innerText(), /1 session/);
      await button(page, 'Visit /profile').click();
      await button(page, 'Next step').click();
      assert.equal(await page.locator('#store-rows .coat-rec.miss').count(), 1, "the lookup in app-2's memory meets an empty hook");
      await finish(page);
      assert.match(await page.locator('#screen').innerText(), /401\s+Please log in/);
      assert.equal(await node(page, 'app-2').getAttribute('aria-current'), 'step', 'app-2 handled the visit');
      assert.match(await node(page, 'app-2').innerText(), /0 sessions/);
      assert.deepEqual(await cost(page, 'Lookups'), ['1', '1']);
      assert.deepEqual(await cost(page, 'In-process operations'), ['1', '2']);
      assert.deepEqual(await cost(page, 'Modelled time'), ['0.001 ms', '0.002 ms']);
      assert.match(await page.locator('#cost-model').innerText(), /own memory 1 µs; a round trip to a shared store 200 µs/);
      await accessible(page, 'after a miss');
      await page.locator('#cluster').scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL(`${name}-cluster-round-robin.png`, SHOTS).pathname });

      await act(page, 'Visit /profile');
      await act(page, 'Visit /profile');
      assert.match(await page.locator('#screen').innerText(), /401/);
      await act(page, 'Visit /profile');
      assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
      assert.deepEqual(await cost(page, 'Lookups'), ['1', '4']);
      assert.deepEqual(await cost(page, 'Requests'), ['1', '5']);
      await page.emulateMedia({ colorScheme: 'dark' });
      await accessible(page, 'in dark mode');
      await page.locator('#cluster').scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL(`${name}-cluster-dark.png`, SHOTS).pathname });
    });
  }

  test('sticky sessions: the AWSALB cookie pins the laptop until its server stops', async (t) => {
    const page = await open(t);
    await scaleOut(page, { servers: 3, balancing: 'sticky', storeLayout: 'perServer' });
    await act(page, 'Log in');
    assert.match(await jar(page).innerText(), /AWSALB=[A-Za-z0-9+/=]{44}\n/);
    assert.match(await jar(page).innerText(), /expires Mon, 09 Mar 2026 09:00:00 GMT/);
    await act(page, 'Visit /profile');
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
    assert.match(await node(page, 'app-1').innerText(), /3 requests/);
    assert.match(await node(page, 'app-2').innerText(), /0 requests/);

    await reveal(page.getByLabel('Server to stop or start'));
    await page.getByLabel('Server to stop or start').selectOption('1');
    await act(page, 'Stop server');
    assert.match(await node(page, 'app-1').innerText(), /stopped/);
    assert.match(await node(page, 'app-1').innerText(), /0 sessions/);
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /401\s+Please log in/);
    assert.equal(await node(page, 'app-2').getAttribute('aria-current'), 'step', 'the balancer re-pinned the laptop to app-2');
    // The response carries only the balancer's new AWSALB: the packet shows no ticket, and never AWSALB as one.
    assert.doesNotMatch(await page.locator('#packet').innerText(), /AWSALB/);
    await page.locator('#cluster').scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL('desktop-cluster-sticky-stopped.png', SHOTS).pathname });
  });

  test('a shared store that goes down: nobody can be authenticated, and the page says why', async (t) => {
    const page = await open(t);
    await scaleOut(page, { servers: 2, balancing: 'roundRobin', storeLayout: 'shared', preset: 'tower' });
    await act(page, 'Log in');
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /200\s+Profile of alice/);
    // The login's DEL of the unsaved session's ID and its SET, then the visit's GET.
    assert.deepEqual(await cost(page, 'Round trips to the store'), ['1', '3']);
    assert.deepEqual(await cost(page, 'Modelled time'), ['0.200 ms', '0.600 ms']);
    await act(page, 'Store goes down');
    assert.match(await page.locator('#cluster-store').innerText(), /DOWN: no server can read a session, so nobody can be authenticated/);
    await act(page, 'Visit /profile');
    assert.match(await page.locator('#screen').innerText(), /500\s+The session store is unavailable/);
    // No reply came: no round trip, slow or not, but a command that waited for the client's timeout.
    assert.deepEqual(await cost(page, 'of them slow'), ['0', '0']);
    assert.deepEqual(await cost(page, 'Timed out (no reply)'), ['1', '1']);
    assert.deepEqual(await cost(page, 'Modelled time'), ['1000.000 ms', '1000.600 ms']);
    assert.match(await page.locator('#cost-model').innerText(), /waits 1 s for the client to give up/);
    await page.locator('#cluster').scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL('desktop-cluster-outage.png', SHOTS).pathname });
  });
});

describe('the scale lab', () => {
  const bars = (page, chart) =>
    page.locator(`#${chart} rect.bar`).evaluateAll((rects) => rects.map((r) => [r.dataset.label, Number(r.dataset.value), Number(r.getAttribute('width'))]));
  const run = async (page) => {
    await page.locator('#scale-run').click();
    await page.waitForFunction(() => /^Simulated|must be|expected|needs|^Logins kept as/.test(document.getElementById('scale-status').textContent));
    return page.locator('#scale-status').innerText();
  };

  test('4 servers, round-robin, one store each: even bars, and three lookups in four find nothing', async (t) => {
    const page = await open(t);
    // The lab draws its default run on load: 10,000 users, 100,000 requests, seed 1.
    await page.waitForSelector('#scale-per-server rect.bar');
    assert.equal(await page.locator('#scale-status').innerText(), 'Simulated 100,000 requests.');
    const perServer = await bars(page, 'scale-per-server');
    assert.deepEqual(perServer.map(([label, value]) => [label, value]), [
      ['Server 1', 25_000],
      ['Server 2', 25_000],
      ['Server 3', 25_000],
      ['Server 4', 25_000],
    ]);
    // Equal counts, equal bars.
    assert.equal(new Set(perServer.map(([, , width]) => width)).size, 1);
    assert.ok(perServer[0][2] > 100, `bars are drawn (${perServer[0][2]}px)`);
    assert.match(await page.locator('#scale-per-server').innerText(), /25,000/);
    // The same counts as the native seeded run (tests/scale.rs).
    assert.match(await page.locator('#scale-found figcaption + svg').textContent(), /24\.9% \(22,417 of 90,000\)/);
    const [[, share, shareWidth]] = await bars(page, 'scale-found');
    assert.equal(share, 22_417 / 90_000);
    // In memory: 1 µs a command; a request that finds its session runs 2 (GET, then EXPIRE).
    assert.equal(await page.locator('#scale-latency-values').textContent(), 'p50: 1 µs; p99: 2 µs; p99.9: 2 µs; mean: 1.2 µs.');
    assert.equal(await page.locator('#scale-ops-values').textContent(), 'Commands: 1.22; Round trips: 0.00.');
    // Per-server records are in the servers' own memory: no Redis estimate.
    assert.match(await page.locator('#scale-store figcaption').textContent(), /app servers' own memory/);
    assert.doesNotMatch(await page.locator('#scale-store').textContent(), /≈|Redis/);
    await page.getByText('The figures as a table').click();
    assert.match(await page.getByRole('table', { name: "Every run's counts" }).textContent(), /22,417 \(24\.9%\)/);

    // A shared store: every lookup finds its session, at a round trip each.
    await page.locator('#scale-form').getByLabel('Session store', { exact: true }).selectOption('shared');
    assert.equal(await run(page), 'Simulated 100,000 requests.');
    const [[, shared, sharedWidth]] = await bars(page, 'scale-found');
    assert.equal(shared, 1);
    assert.ok(Math.abs(sharedWidth * (22_417 / 90_000) - shareWidth) < 0.1, 'bar lengths are proportional');
    // A login's DEL, SET, SET, then each later request's GET and EXPIRE: 2.1 round trips a request.
    assert.equal(await page.locator('#scale-ops-values').textContent(), 'Commands: 2.10; Round trips: 2.10.');
    // Every 100th round trip is slow, and 2.1% of requests meet one: p99 is slow, whatever the seed.
    const latency = 'p50: 400 µs; p99: 2.2 ms; p99.9: 2.4 ms; mean: 457.8 µs.';
    assert.equal(await page.locator('#scale-latency-values').textContent(), latency);
    assert.match(await page.locator('#scale-model').textContent(), /Here 2\.1% of requests paid for a slow or failed round trip/);
    assert.match(await page.locator('#scale-store').textContent(), /10,000 ≈ 2\.7 MB/);
    for (const seed of ['4', '5']) {
      await page.getByLabel('Seed', { exact: true }).fill(seed);
      assert.equal(await run(page), 'Simulated 100,000 requests.');
      assert.equal(await page.locator('#scale-latency-values').textContent(), latency, `seed ${seed}`);
    }
  });

  test('sessions vs tokens: the same users, five ways of remembering them, and how long a stolen credential lasts', async (t) => {
    const page = await open(t);
    await page.waitForSelector('#scale-per-server rect.bar');
    await page.getByLabel('Sweep', { exact: true }).selectOption('mechanisms');
    assert.equal(await run(page), 'Simulated 500,000 requests in 5 runs.');
    assert.match(await page.locator('#scale-charts .scale-common').textContent(), /5 runs, each with 4 servers, round-robin\./);
    // The same counts as the native seeded runs (tests/scale.rs): per-server
    // sessions miss three lookups in four; a shared store and every kind of token find every one.
    const found = await bars(page, 'scale-found');
    assert.deepEqual(found.map(([, value]) => value), [22_417 / 90_000, 1, 1, 1, 1]);
    assert.equal(
      await page.locator('#scale-ops-values').textContent(),
      'sessions: one per server, in memory: Commands: 1.22; sessions: one per server, in memory: Round trips: 0.00; ' +
        'sessions: one shared, over the network: Commands: 2.10; sessions: one shared, over the network: Round trips: 2.10; ' +
        'tokens: nothing stored: Commands: 0.00; tokens: nothing stored: Round trips: 0.00; ' +
        'tokens: a denylist in the shared store: Commands: 0.90; tokens: a denylist in the shared store: Round trips: 0.90; ' +
        'tokens: refresh records in the shared store: Commands: 0.20; tokens: refresh records in the shared store: Round trips: 0.20.',
    );
    assert.match(await page.locator('#scale-latency-values').textContent(), /tokens: nothing stored: p50: 2 µs; tokens: nothing stored: p99: 2 µs/);
    assert.match(await page.locator('#scale-latency-values').textContent(), /tokens: a denylist in the shared store: p50: 202 µs/);
    // Measured on the simulated clock: a token without a denylist outlives its revocation by its lifetime; with refresh tokens, by the short access token's.
    const stolen = await bars(page, 'scale-revocation');
    assert.deepEqual(stolen.map(([, value]) => value), [0, 0, 900, 0, 300]);
    assert.equal(
      await page.locator('#scale-revocation-values').textContent(),
      'sessions: one per server, in memory: Still usable: 0 s: refused at once; sessions: one shared, over the network: Still usable: 0 s: refused at once; ' +
        'tokens: nothing stored: Still usable: 15 minutes; tokens: a denylist in the shared store: Still usable: 0 s: refused at once; ' +
        'tokens: refresh records in the shared store: Still usable: 5 minutes.',
    );
    assert.match(await page.locator('#scale-model-tokens').textContent(), /The last column is measured, not assumed/);
    assert.match(await page.locator('#scale-model-tokens').textContent(), /here 76 tries for the tokens, 1 try for sessions/);
    await page.getByText('The figures as a table').click();
    const table = page.getByRole('table', { name: "Every run's counts" });
    const column = await table.locator('thead th').allTextContents();
    const at = column.indexOf('Stolen credential usable after revocation');
    assert.ok(at > 0, 'the table has the column');
    const cells = await table.locator('tbody tr').evaluateAll((trs, i) => trs.map((tr) => tr.children[i].textContent), at);
    assert.deepEqual(cells, ['0 s: refused at once', '0 s: refused at once', '15 minutes', '0 s: refused at once', '5 minutes']);
    await page.locator('#scale').screenshot({ path: new URL('desktop-scale-mechanisms.png', SHOTS).pathname });

    // One run with tokens, then a denylist where no shared store is: the core says why, the charts stay.
    await page.getByLabel('Sweep', { exact: true }).selectOption('none');
    await page.getByLabel('Logins kept as', { exact: true }).selectOption('tokenDenylist');
    assert.equal(
      await run(page),
      'Logins kept as: every server must see every revocation, so the denylist lives in the shared store: choose the shared store. The charts still show the last run.',
    );
    assert.equal(await page.getByLabel('Logins kept as', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await bars(page, 'scale-revocation').then((b) => b.length), 5);
    await page.locator('#scale-form').getByLabel('Session store', { exact: true }).selectOption('shared');
    assert.equal(await run(page), 'Simulated 100,000 requests.');
    assert.match(await page.locator('#scale-charts .scale-common').textContent(), /tokens: a denylist in the shared store/);
    // Refresh tokens: a record filed at each login, so the store holds one a user.
    await page.getByLabel('Logins kept as', { exact: true }).selectOption('tokenRefresh');
    assert.equal(await run(page), 'Simulated 100,000 requests.');
    assert.match(await page.locator('#scale-store').textContent(), /Records: 10,000/);
    assert.match(await page.locator('#scale-model-tokens').textContent(), /a renewal reads and rotates the record \(4 commands/);
  });

  test('a few heavy users make sticky load uneven', async (t) => {
    const page = await open(t);
    await page.waitForSelector('#scale-per-server rect.bar');
    await page.getByLabel('Balancer', { exact: true }).selectOption('sticky');
    await page.getByLabel('Users send', { exact: true }).selectOption('skewed');
    assert.equal(await run(page), 'Simulated 100,000 requests.');
    // The same counts as the native seeded run (tests/scale.rs).
    assert.deepEqual((await bars(page, 'scale-per-server')).map(([, value]) => value), [17_594, 31_541, 20_304, 30_561]);
    assert.match(await page.locator('#scale-charts .scale-common').textContent(), /a few heavy users/);
  });

  test('Run by keyboard keeps the focus on Run', async (t) => {
    const page = await open(t);
    await page.waitForSelector('#scale-per-server rect.bar');
    // A sweep of 8 runs of 1,000,000 requests: long enough to catch it running.
    await page.getByLabel('Requests', { exact: true }).fill('1000000');
    await page.getByLabel('Sweep', { exact: true }).selectOption('servers');
    await page.locator('#scale-run').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#scale-run').getAttribute('aria-disabled'), 'true', 'marked busy while it runs');
    // Enter again while running starts nothing new.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('scale-status').textContent.startsWith('Simulated'));
    assert.equal(await page.locator('#scale-status').innerText(), 'Simulated 8,000,000 requests in 8 runs.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-run');
    assert.equal(await page.locator('#scale-run').getAttribute('aria-disabled'), null);
  });

  test('a sweep over server counts draws a group of bars per run', async (t) => {
    const page = await open(t);
    await page.waitForSelector('#scale-per-server rect.bar');
    await page.getByLabel('Sweep', { exact: true }).selectOption('servers');
    assert.equal(await run(page), 'Simulated 800,000 requests in 8 runs.');
    const perServer = await bars(page, 'scale-per-server');
    assert.equal(perServer.length, 36);
    assert.deepEqual(perServer.slice(0, 3).map(([, value]) => value), [100_000, 50_000, 50_000]);
    const found = await bars(page, 'scale-found');
    assert.equal(found.length, 8);
    assert.equal(found[0][1], 1, 'one server holds every record');
    assert.ok(found.every((bar, i) => i === 0 || bar[1] < found[i - 1][1]), 'more servers, fewer sessions found');
    await page.locator('#scale').screenshot({ path: new URL('desktop-scale-sweep.png', SHOTS).pathname });
  });

  test('a large run shows its progress and can be cancelled; bad input is refused, nothing lost', async (t) => {
    const page = await open(t);
    await page.waitForSelector('#scale-per-server rect.bar');
    await page.getByLabel('Users', { exact: true }).fill('100,000');
    await page.getByLabel('Requests', { exact: true }).fill('1000000');
    await page.getByLabel('Sweep', { exact: true }).selectOption('servers');
    // Run and Cancel in one go: the run yields to the page before its first slice.
    const seen = await page.evaluate(() => {
      document.getElementById('scale-run').click();
      const shown = !document.getElementById('scale-progress-box').hidden;
      document.getElementById('scale-cancel').click();
      return shown;
    });
    assert.equal(seen, true, 'the progress bar appears');
    await page.waitForFunction(() => document.getElementById('scale-status').textContent.startsWith('Cancelled'));
    assert.equal(await page.locator('#scale-status').innerText(), 'Cancelled after 0 of 8,000,000 requests; the charts still show the last run.');
    assert.equal(await page.locator('#scale-progress-box').isHidden(), true);
    assert.equal((await bars(page, 'scale-per-server')).length, 4, 'the last run is still drawn');

    // The same large run, to the end (a single run of 1,000,000 takes a few milliseconds, so its progress bar may never show).
    await page.getByLabel('Sweep', { exact: true }).selectOption('none');
    await page.locator('#scale-run').click();
    await page.waitForFunction(() => document.getElementById('scale-status').textContent.startsWith('Simulated'));
    assert.equal(await page.locator('#scale-status').innerText(), 'Simulated 1,000,000 requests.');
    assert.match(await page.locator('#scale-found').textContent(), /of 900,005\)/);

    await page.getByLabel('Users', { exact: true }).fill('lots');
    await page.locator('#scale-run').click();
    assert.equal(await page.locator('#scale-status').innerText(), 'Users must be a whole number from 1 to 100,000; "lots" is not. The charts still show the last run.');
    assert.equal(await page.getByLabel('Users', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Users', { exact: true }).fill('1000');
    await page.getByLabel('Shared store down from midway, % of the run', { exact: true }).fill('20');
    await page.locator('#scale-run').click();
    assert.equal(
      await page.locator('#scale-status').innerText(),
      "Shared store down: an outage applies to the shared store; per-server stores live in each server's memory. The charts still show the last run.",
    );
    assert.equal(await page.getByLabel('Shared store down from midway, % of the run', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Users', { exact: true }).getAttribute('aria-invalid'), null, 'only the field at fault is marked');
    assert.match(await page.locator('#scale-found').textContent(), /of 900,005\)/);
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    test(`${name}: the scale lab reads well, light and dark, with no accessibility violations`, async (t) => {
      const page = await open(t, { viewport });
      await page.waitForSelector('#scale-per-server rect.bar');
      await page.getByLabel('Sweep', { exact: true }).selectOption('policies');
      await page.getByLabel('Stop a server midway', { exact: true }).selectOption('2');
      await run(page);
      await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const result = await page.evaluate(() => globalThis.axe.run(document.getElementById('scale'), { resultTypes: ['violations'] }));
        assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`), [], `axe-core, ${scheme}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        await page.locator('#scale').screenshot({ path: new URL(`${name}-scale-${scheme}.png`, SHOTS).pathname });
      }
    });
  }
});
