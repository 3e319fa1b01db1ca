// End-to-end: the package as an author gets it. `make package`'s tarball is
// unpacked into a temporary folder and served from one loopback origin with
// CORS, as a CDN serves npm packages; an article on another origin, under the
// strict Content-Security-Policy the README documents, embeds the element and
// the iframe from there. And the published surface (package/published.json)
// is still all there: every tour key, attribute, event, method and iframe
// message it promises.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { env } from './harness.mjs';
import { serve } from './static-server.mjs';
import { buildPackage } from '../../scripts/package.mjs';
import { ROOT, SITE } from '../../scripts/build-site.mjs';
import { FIRST_TOUR } from '../../www/tour.js';

const cdn = { server: null, root: null, published: null, manifest: null };
const article = { server: null, url: null, html: '' };

/** The CSP the README's "Hosting on another origin" section gives, for a package at `origin`. */
const policyFor = (origin) =>
  [
    "default-src 'none'",
    `script-src ${origin} 'wasm-unsafe-eval'`,
    `style-src ${origin}`,
    `connect-src 'self' ${origin}`,
    `frame-src ${origin}`,
  ].join('; ');

before(async () => {
  const { tarball } = await buildPackage();
  cdn.root = await mkdtemp(join(tmpdir(), 'session-playground-package-'));
  execFileSync('tar', ['-xzf', tarball, '-C', cdn.root]);
  const root = join(cdn.root, 'package');
  cdn.published = JSON.parse(await readFile(join(root, 'published.json'), 'utf8'));
  cdn.manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  cdn.server = await serve({ root, headers: { 'Access-Control-Allow-Origin': '*' } });
  const origin = cdn.server.url.replace(/\/$/, '');
  // The article's origin: another loopback address, so the package really is cross-origin.
  article.server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/own-scenario.json') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(OWN_SCENARIO));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': article.policy ?? policyFor(origin) });
    response.end(article.html);
  });
  await new Promise((resolve) => article.server.listen(0, '127.0.0.2', resolve));
  article.url = `http://127.0.0.2:${article.server.address().port}/`;
});

after(async () => {
  await cdn.server?.close();
  await new Promise((resolve) => article.server?.close(resolve) ?? resolve());
  if (cdn.root) await rm(cdn.root, { recursive: true, force: true });
});

const OWN_SCENARIO = {
  version: 1,
  title: 'An author’s own scenario',
  summary: 'Served from the article’s own origin.',
  settings: { preset: 'generic', seed: 7 },
  steps: [
    { action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' },
    { action: 'visit', browser: 'laptop', path: '/profile' },
  ],
};

/**
 * Opens an article whose body is `body`, recording console errors, page errors and CSP violations,
 * which fail the test unless `refused` (a test of a policy that leaves something out) expects them.
 */
async function openArticle(t, body, { policy = null, refused = false } = {}) {
  article.policy = policy;
  article.html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title>
<script type="module" src="${cdn.server.url}www/session-playground.js"></script></head>
<body><article><h1>Sessions</h1>${body}</article></body></html>`;
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    window.violations = [];
    window.messages = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    window.addEventListener('message', (event) => window.messages.push(event.data));
    // When each element became usable and ready (its `usable` and `ready` attributes).
    window.usableAt = {};
    window.readyAt = {};
    new MutationObserver((changes) => {
      for (const { target } of changes) {
        if (target.hasAttribute('usable')) window.usableAt[target.id] ??= performance.now();
        if (target.hasAttribute('ready')) window.readyAt[target.id] ??= performance.now();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['usable', 'ready'] });
  });
  t.after(async () => {
    const violations = await page.evaluate(() => window.violations).catch(() => []);
    await context.close();
    if (refused) return;
    assert.deepEqual(violations, [], 'no CSP violations');
    assert.deepEqual(problems, [], 'the article logged no errors');
  });
  await page.goto(article.url);
  return page;
}

describe('the package, served from another origin', () => {
  test('is a versioned npm package with the element, the engine, the scenarios and the schema', async () => {
    assert.match(cdn.manifest.version, /^\d+\.\d+\.\d+$/);
    assert.equal(cdn.manifest.exports['./element'], './www/session-playground.js');
    const changelog = await readFile(join(cdn.root, 'package/CHANGELOG.md'), 'utf8');
    assert.ok(changelog.includes(`## ${cdn.manifest.version}`), 'the changelog has an entry for this version');
    for (const file of ['www/session-playground.js', 'www/style.css', 'www/pkg/session_playground_bg.wasm', 'docs/scenario.schema.json', 'index.html', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
      await readFile(join(cdn.root, 'package', file));
    }
    for (const key of Object.keys(cdn.published.tours)) {
      await readFile(join(cdn.root, 'package/scenarios', `${key}.json`));
      // The iframe page naming a tour opens on its recording (the first tour's is www/first-tour.js).
      const recording = key === FIRST_TOUR ? 'first-tour.js' : `recordings/${key}.js`;
      assert.ok((await readFile(join(cdn.root, 'package/www', recording))).equals(await readFile(join(SITE, 'www', recording))), `${key}'s recording`);
    }
  });

  test('ships the small files: every module and stylesheet as the site has it, minified, its source map beside it', async () => {
    const www = join(cdn.root, 'package/www');
    const shipped = (await readdir(www, { recursive: true })).filter((name) => /\.(js|css)$/.test(name)).sort();
    assert.ok(shipped.includes('session-playground.js') && shipped.includes('pkg/session_playground.js') && shipped.includes('style.css'), shipped.join(', '));
    for (const name of shipped) {
      const bytes = await readFile(join(www, name));
      assert.ok(bytes.equals(await readFile(join(SITE, 'www', name))), `www/${name} is the site's`);
      // The tours' recordings are written by the site's build from the engine: they have no source.
      if (name === 'first-tour.js' || name.startsWith('recordings/')) continue;
      if (/(^|\/)(page|element)-[^/]+-[A-Z0-9]+\.js$/.test(name) || name === 'session-playground.js') {
        // The iframe page's bundle and the element's (the site's): each map holds the sources it was
        // made from, as written, but the element's list of its bundle's files, which the build writes.
        const map = JSON.parse(await readFile(join(www, `${name}.map`), 'utf8'));
        assert.ok(bytes.toString('utf8').trimEnd().endsWith(`//# sourceMappingURL=${basename(name)}.map`), `www/${name} names its map`);
        for (const [i, source] of map.sources.entries()) {
          if (source.endsWith('/www/engine-modules.js')) continue;
          assert.equal(map.sourcesContent[i], await readFile(join(ROOT, source.replace('session-playground:///', '')), 'utf8'), `www/${name}.map holds ${source}`);
        }
        continue;
      }
      const source = await readFile(join(ROOT, 'www', name));
      assert.ok(bytes.length < source.length, `www/${name} is smaller than its source (${bytes.length} B, ${source.length} B)`);
      const map = basename(name) + '.map';
      assert.ok(bytes.toString('utf8').trimEnd().endsWith(name.endsWith('.css') ? `/*# sourceMappingURL=${map} */` : `//# sourceMappingURL=${map}`), `www/${name} names its map`);
      const { sourcesContent } = JSON.parse(await readFile(join(www, `${name}.map`), 'utf8'));
      assert.deepEqual(sourcesContent, [source.toString('utf8')], `www/${name}.map holds its source`);
    }
  });

  test('the element works under a strict CSP: a built-in tour and the author’s own scenario', async (t) => {
    const page = await openArticle(
      t,
      `<session-playground id="tour" scenario="revocation"></session-playground>
       <session-playground id="own" scenario="/own-scenario.json"></session-playground>`,
    );
    await page.waitForSelector('#tour[ready]');
    await page.waitForSelector('#own[ready]');
    const before = await page.evaluate(() => document.getElementById('tour').state.position);
    await page.evaluate(() => document.getElementById('tour').next());
    const afterNext = await page.evaluate(() => document.getElementById('tour').state.position);
    assert.ok(afterNext > before, 'Next moved the tour on');
    const own = await page.evaluate(() => document.getElementById('own').state.scenario?.title);
    assert.equal(own, OWN_SCENARIO.title);
    const styled = await page.evaluate(() => getComputedStyle(document.getElementById('tour').shadowRoot.querySelector('.playground')).display);
    assert.notEqual(styled, 'inline', 'the stylesheet reached the shadow root');
    // The built-in tour opened on its recording, shipped beside the element: usable before the
    // engine was there, its file not fetched.
    const { usable, ready, fetched } = await page.evaluate(() => ({
      usable: window.usableAt.tour,
      ready: window.readyAt.tour,
      fetched: performance.getEntriesByType('resource').map((entry) => ({ path: new URL(entry.name).pathname, start: entry.startTime })),
    }));
    assert.ok(fetched.some(({ path }) => path.endsWith('/www/recordings/revocation.js')), "the tour's recording came from the package");
    assert.ok(!fetched.some(({ path }) => path.endsWith('/scenarios/revocation.json')), "the tour's file is the recording's");
    assert.ok(usable !== undefined && usable < ready, `usable at ${usable} ms, ready at ${ready} ms`);
  });

  test('the iframe page works from the package and tells its parent it is ready', async (t) => {
    const page = await openArticle(t, `<iframe src="${cdn.server.url}index.html?scenario=coat-check&embed=1" title="Session playground" width="100%" height="700"></iframe>`);
    await page.waitForFunction(() => window.messages.some((m) => m?.source === 'session-playground' && m.type === 'ready'));
    const ready = await page.evaluate(() => window.messages.find((m) => m.type === 'ready').detail);
    assert.equal(ready.scenario?.title, 'The coat check', 'the ready message names the scenario');
    // It opened on the tour's recording, shipped beside its modules: usable before the wasm was asked for.
    const frame = page.frames().find((f) => f.url().includes('embed=1'));
    const [usable, wasm] = await frame.evaluate(() => [
      performance.getEntriesByName('session-playground:usable', 'mark')[0]?.startTime,
      performance.getEntriesByType('resource').find((e) => e.name.endsWith('/session_playground_bg.wasm'))?.startTime,
    ]);
    assert.ok(usable !== undefined && wasm !== undefined && usable <= wasm, `usable at ${usable} ms, the wasm asked for at ${wasm} ms`);
  });

  test('everything the published surface promises is there', async (t) => {
    const page = await openArticle(t, '<session-playground id="probe"></session-playground>');
    await page.waitForSelector('#probe[ready]');
    const { element } = cdn.published;
    const found = await page.evaluate(
      ({ element }) => {
        const Element = customElements.get(element.tag);
        const probe = document.getElementById('probe');
        return {
          attributes: element.attributes.filter((name) => !Element.observedAttributes.includes(name)),
          methods: element.methods.filter((name) => typeof probe[name] !== 'function'),
          properties: element.properties.filter((name) => !(name in probe)),
        };
      },
      { element },
    );
    assert.deepEqual(found, { attributes: [], methods: [], properties: [] }, 'no published attribute, method or property is missing');
    // Every published tour still loads under its key, with no error shown.
    const broken = await page.evaluate(async (tours) => {
      const failed = [];
      for (const [key, steps] of Object.entries(tours)) {
        const element = document.createElement('session-playground');
        element.setAttribute('scenario', key);
        const errors = [];
        element.addEventListener('playground-error', (event) => errors.push(event.detail.message));
        const ready = new Promise((resolve) => element.addEventListener('ready', resolve, { once: true }));
        document.body.append(element);
        await ready;
        if (errors.length > 0 || element.state.scenario === null) failed.push(`${key}: ${errors.join('; ') || 'no scenario'}`);
        // step="N" keeps naming the same moment only while a tour keeps its steps.
        else if (element.state.scenario.steps !== steps) failed.push(`${key}: ${element.state.scenario.steps} steps, published with ${steps}`);
        element.remove();
      }
      return failed;
    }, cdn.published.tours);
    assert.deepEqual(broken, [], 'every published tour key loads, with its published number of steps');
  });

  test('a policy that leaves something out is named in the element: connect-src, wasm-unsafe-eval, style-src', async (t) => {
    const origin = cdn.server.url.replace(/\/$/, '');
    const without = (directive) => policyFor(origin).split('; ').filter((part) => !part.startsWith(directive)).join('; ');
    const alertOf = async (policy) => {
      const page = await openArticle(t, '<session-playground id="p"></session-playground>', { policy, refused: true });
      const alert = page.locator('#p').getByRole('alert');
      await alert.waitFor();
      return alert.innerText();
    };
    assert.match(await alertOf(without('connect-src')), new RegExp(`Add ${origin.replaceAll('.', '\\.')} to connect-src`));
    assert.match(
      await alertOf(policyFor(origin).replace(" 'wasm-unsafe-eval'", '')),
      /Add 'wasm-unsafe-eval' to script-src/,
    );
    assert.match(await alertOf(without('style-src')), /stylesheet .* did not load: the page's Content-Security-Policy does not allow it \(add .* to style-src\)/);
  });

  test('where the module cannot load at all, the author’s fallback inside the element stays on show', async (t) => {
    const page = await openArticle(t, '<session-playground id="p"><p id="fallback">An interactive playground goes here; it needs JavaScript.</p></session-playground>', {
      policy: "default-src 'none'",
      refused: true,
    });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#fallback').isVisible(), true);
  });
});
