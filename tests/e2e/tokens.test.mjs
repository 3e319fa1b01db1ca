// End-to-end: the token mode on the page, clicked through by a reader. Each
// token tour played to the end; the token inspector opened from the jar, the
// page's storage and the wire (three coloured parts, the core's check), an
// edited token failing the check and refused when sent; the mechanism switch
// in the settings drawer; the phone layout. Screenshots of the inspector at
// both sizes land in target/screenshots/inspector-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DESKTOP, PHONE, SHOTS, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);

/** axe-core over the whole page (the open dialog included): no violations. */
async function accessible(page, moment) {
  await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(found, [], `axe-core violations ${moment}`);
}

const open = (t, options = {}) => openPage(t, { query: '?seed=1', ...options });

/** Clicks Next until the tour (or the action) has been shown to its end. */
async function finishAll(page) {
  const next = page.locator('#next');
  while (await next.isEnabled()) await next.click();
}

/** Picks tour `key` and starts it, then waits until it is loaded (its file may still be on its way when Start is pressed). */
async function startTour(page, key) {
  await page.getByLabel('Guided tour').selectOption(key);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.locator('#narration').filter({ hasText: /Press Next tour step to begin/ }).waitFor();
}

/** Opens the settings drawer (on a phone, the Tools panel first). */
async function openSettings(page) {
  await page.locator('#settings-panel').evaluate((node) => {
    const tools = node.closest('.toolbar-tools');
    if (tools && getComputedStyle(tools).display === 'none') node.getRootNode().getElementById('tools-toggle').click();
    node.open = true;
  });
}

const dialog = (page) => page.getByRole('dialog', { name: 'Token inspector' });

/** The colour of each raw part and of each decoded part's top border. */
function colours(page) {
  return page.locator('#token-dialog').evaluate((box) => {
    const colour = (selector, property = 'color') => getComputedStyle(box.querySelector(selector))[property];
    return {
      raw: [colour('#token-raw .tok-h'), colour('#token-raw .tok-p'), colour('#token-raw .tok-s')],
      parts: [colour('.part-h', 'borderTopColor'), colour('.part-p', 'borderTopColor'), colour('.part-s', 'borderTopColor')],
      decoded: [colour('#token-header-json'), colour('#token-claims-json')],
    };
  });
}

describe('the token inspector and the token mode', () => {
  test('the shared store keeps its name over the store panel through a token tour', async (t) => {
    const page = await open(t);
    await startTour(page, 'token-denylist');
    const kinds = new Set([await page.locator('#store-kind').innerText()]);
    for (let i = 0; i < 6; i += 1) {
      await page.locator('#next').click();
      kinds.add(await page.locator('#store-kind').innerText());
    }
    assert.deepEqual([...kinds], ['shared: Redis']);
  });

  for (const [key, status] of [['tokens-nothing-to-look-up', '401'], ['token-revocation', '401'], ['token-denylist', '500'], ['sessions-vs-tokens', '200']]) {
    test(`tour ${key}, played to the end, the inspector opening on its last token`, async (t) => {
      const page = await open(t);
      await startTour(page, key);
      await finishAll(page);
      assert.equal(await page.locator('#tour-position').innerText(), 'Tour finished:');
      assert.equal(await page.locator('#screen-status').innerText(), status);
      // Step back until the shown jar holds a token, and open it.
      const decode = page.getByRole('button', { name: /^Decode token: the token cookie in/ });
      for (let i = 0; i < 60 && !(await decode.count()); i += 1) await page.getByRole('button', { name: 'Step back' }).click();
      await decode.first().click();
      await dialog(page).waitFor();
      assert.match(await page.locator('#token-verdict').innerText(), /^✓ Valid|^✗ (Expired|Genuine, but on the denylist)/);
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'hidden' });
    });
  }

  test('during the revocation tour: three coloured parts, the claims explained, a valid check; keyboard in and out', async (t) => {
    const page = await open(t);
    await startTour(page, 'token-revocation');
    // The prepared start: Alice is logged in and Mallory holds a copy. Step 1: the revocation that deletes nothing.
    await page.locator('#next').click();
    await page.locator('#counter').getByText('admin: revoke').waitFor();
    const decode = page.getByRole('button', { name: "Decode token: the token cookie in Alice's laptop's jar" });
    await decode.focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'token-title', 'focus moves into the dialog');
    assert.equal(await page.locator('#token-source').innerText(), "Found in the token cookie in Alice's laptop's jar.");
    // The raw text in three parts, joined by dots, and the same three colours over the decoded parts.
    const raw = await page.locator('#token-raw').innerText();
    assert.match(raw, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    const { raw: rawColours, parts, decoded } = await colours(page);
    assert.equal(new Set(rawColours).size, 3, 'three different colours');
    assert.deepEqual(parts, rawColours, 'each decoded part is framed in its raw part\'s colour');
    assert.deepEqual(decoded, rawColours.slice(0, 2), 'the decoded JSON is written in its part\'s colour');
    assert.match(await page.locator('#token-header-json').innerText(), /"alg": "HS256"/);
    const claims = await page.locator('#token-claims-fields').innerText();
    assert.match(claims, /sub: "alice"/);
    assert.match(claims, /exp: \d+ = 0:15:00 on the clock/);
    assert.match(claims, /Expires in 15 min/);
    assert.match(await page.locator('#token-verdict').innerText(), /^✓ Valid: the server would accept it$/);
    assert.match(await page.locator('#token-when').innerText(), /Checked as the server would at 0:00:00 on the clock/);
    await page.screenshot({ path: new URL('inspector-desktop.png', SHOTS).pathname });
    await accessible(page, 'with the inspector open');
    // The timeline's keys stay with the dialog; Escape closes it and focus goes back to the button.
    const counter = await page.locator('#counter').innerText();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#counter').innerText(), counter);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), "Decode token: the token cookie in Alice's laptop's jar");
  });

  test('an edited token fails the check, and sent from Mallory\'s laptop it is refused', async (t) => {
    const page = await open(t);
    await openSettings(page);
    await page.getByLabel('The server keeps').selectOption('token');
    await page.getByRole('button', { name: 'Apply and start over' }).click();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await finishAll(page);
    await page.getByRole('button', { name: "Decode token: the token cookie in Alice's laptop's jar" }).click();
    await dialog(page).waitFor();
    await page.getByText('Edit the payload, as an attacker would').click();
    const edit = page.getByLabel('Payload JSON');
    await edit.fill((await edit.inputValue()).replace('"alice"', '"bob"'));
    await page.getByRole('button', { name: 'Check the edited token' }).click();
    assert.match(await page.locator('#token-verdict').innerText(), /^✗ Bad signature: the server would refuse it$/);
    assert.match(await page.locator('#token-reason').innerText(), /Change one byte/);
    assert.equal(await page.locator('#token-edit-verdict').innerText(), 'The edited token: Bad signature: the server would refuse it.', 'the verdict is repeated where the reader is');
    assert.match(await page.locator('#token-claims-fields').innerText(), /sub: "bob"/);
    assert.equal(await page.locator('#token-edited').isVisible(), true);
    await accessible(page, 'with an edited token checked');
    // Back to the original: valid again.
    await page.getByRole('button', { name: 'Back to the original' }).click();
    assert.match(await page.locator('#token-verdict').innerText(), /^✓ Valid/);
    await edit.fill((await edit.inputValue()).replace('"alice"', '"bob"'));
    await page.getByRole('button', { name: 'Check the edited token' }).click();
    await page.getByRole('button', { name: "Send it from Mallory's laptop" }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    await finishAll(page);
    assert.match(await page.locator('#browser-label').innerText(), /Mallory's laptop/);
    assert.equal(await page.locator('#screen-status').innerText(), '401');
    // The server's own verify step, stepped back to, says why.
    const said = [];
    for (let i = 0; i < 3; i += 1) {
      said.push(await page.locator('#narration').innerText());
      await page.getByRole('button', { name: 'Step back' }).click();
    }
    assert.ok(said.some((text) => /the signature is not the one its secret makes/.test(text)), said.join('\n'));
  });

  test('carried as a bearer: the token in page storage and in the Authorization header, both decoded', async (t) => {
    const page = await open(t);
    await openSettings(page);
    await page.getByLabel('The server keeps').selectOption('token');
    assert.match(await page.locator('#mechanism-cost').innerText(), /nothing can end a token before its exp/);
    await page.getByLabel('The token travels').selectOption('bearer');
    assert.match(await page.locator('#carry-cost').innerText(), /any script on the page, an injected one too, can read it/);
    assert.equal(await page.getByLabel('Idle timeout, minutes').isVisible(), false, 'session-only fields step aside');
    await page.getByLabel('Token lifetime, minutes').fill('5');
    await page.getByRole('button', { name: 'Apply and start over' }).click();
    assert.match(await page.locator('#settings-summary').innerText(), /tokens \(bearer, 5 min\)/);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await finishAll(page);
    const storage = page.getByRole('region', { name: /Page storage/ });
    assert.match(await storage.innerText(), /access_token = eyJ/);
    assert.equal(await page.locator('#jar li.cookie').count(), 0, 'no token cookie');
    await storage.getByRole('button', { name: /Decode token: Alice's laptop's page storage/ }).click();
    assert.match(await page.locator('#token-claims-fields').innerText(), /Expires in 5 min/);
    assert.match(await page.locator('#token-verdict').innerText(), /^✓ Valid/);
    await page.getByRole('button', { name: 'Close' }).click();
    // On the wire: the visit's request carries it as Authorization: Bearer.
    await page.getByRole('button', { name: 'Visit /profile' }).click();
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('button', { name: 'Decode the token in Authorization of GET /profile' }).click();
    assert.equal(await page.locator('#token-source').innerText(), 'Found in the Authorization: Bearer header of GET /profile.');
    assert.match(await page.locator('#token-verdict').innerText(), /^✓ Valid/);
    // A bad lifetime is refused, visibly, and nothing changes.
    await page.getByRole('button', { name: 'Close' }).click();
    await openSettings(page);
    await page.getByLabel('Token lifetime, minutes').fill('0');
    await page.getByRole('button', { name: 'Apply and start over' }).click();
    assert.match(await page.locator('#settings-error').innerText(), /Token lifetime must be a whole number of minutes from 1 to 43,200/);
  });

  test('in a token world the buttons and the labels say token, not session', async (t) => {
    const page = await open(t);
    await openSettings(page);
    await page.getByLabel('The server keeps').selectOption('token');
    // A preset's preview fills in its defaults, but keeps the reader's choice of mechanism.
    await page.getByLabel('Behave like').selectOption({ index: 1 });
    assert.equal(await page.getByLabel('The server keeps').inputValue(), 'token');
    await page.getByRole('button', { name: 'Apply and start over' }).click();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await finishAll(page);
    for (const name of ['Revoke newest token', "End alice's tokens", 'Copy the token cookie']) {
      assert.equal(await page.getByRole('button', { name, exact: true, includeHidden: true }).count(), 1, name);
    }
    await page.locator('#more-drawer').evaluate((node) => (node.open = true));
    await page.getByRole('button', { name: 'Copy the token cookie' }).click();
    assert.match(await page.locator('#counter').innerText(), /copy the token cookie from Alice's laptop to/);
    await page.locator('#admin-drawer').evaluate((node) => (node.open = true));
    await page.getByRole('button', { name: 'Revoke newest token' }).click();
    assert.match(await page.locator('#counter').innerText(), /admin: revoke the newest token$/);
    assert.match(await page.locator('#narration').innerText(), /a token server keeps no record of the tokens it signed/);
  });

  test('on a phone, in the dark theme, the inspector fills the screen and fits without scrolling sideways', async (t) => {
    const page = await open(t, { viewport: PHONE, query: '?seed=1&theme=dark' });
    await startTour(page, 'token-revocation');
    await page.locator('#next').click();
    await page.locator('#counter').getByText('admin: revoke').waitFor();
    const decode = page.getByRole('button', { name: "Decode token: the token cookie in Alice's laptop's jar" });
    await decode.scrollIntoViewIfNeeded();
    await decode.click();
    await dialog(page).waitFor();
    const widths = await page.locator('#token-dialog').evaluate((box) => ({ box: box.getBoundingClientRect().right, scroll: box.scrollWidth, client: box.clientWidth, page: document.documentElement.scrollWidth }));
    assert.ok(widths.box <= PHONE.width, `the dialog ends at ${widths.box}`);
    assert.ok(widths.scroll <= widths.client, `nothing inside scrolls sideways (${widths.scroll} > ${widths.client})`);
    assert.ok(widths.page <= PHONE.width, `the page does not scroll sideways (${widths.page})`);
    // The whole screen, edge to edge: no strip of the page behind it shows.
    const rect = await page.locator('#token-dialog').evaluate((box) => box.getBoundingClientRect().toJSON());
    assert.deepEqual([rect.left, rect.top, rect.width, rect.height], [0, 0, PHONE.width, PHONE.height]);
    await page.screenshot({ path: new URL('inspector-phone.png', SHOTS).pathname });
    await accessible(page, 'with the inspector open on a phone');
    await page.locator('#token-dialog').evaluate((box) => box.scrollTo(0, box.scrollHeight / 2));
    await page.screenshot({ path: new URL('inspector-phone-verdict.png', SHOTS).pathname });
    assert.ok(DESKTOP.width > PHONE.width);
  });
});
