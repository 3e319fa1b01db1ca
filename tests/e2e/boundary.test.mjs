// The wasm boundary under hostile calls, through the real generated glue in
// Chromium: every exported method and getter of every class (found by
// enumerating them, so a new one is covered without editing this file) is
// called with every kind of JS value in every argument position. Each call
// either works or throws an Error with a clear message, never a
// WebAssembly trap; the panic hook never fires; and each instance still
// works afterwards. After free(), every call says the instance was freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './harness.mjs';

/** Runs in the page: the whole barrage, returning plain data for the assertions. */
async function barrage() {
  const { CookieLab, Playground, ScaleRun } = await import('/www/core.js');
  const cyclic = {};
  cyclic.self = cyclic;
  const VALUES = {
    undefined: undefined,
    null: null,
    true: true,
    false: false,
    0: 0,
    '-1': -1,
    1.5: 1.5,
    NaN: NaN,
    Infinity: Infinity,
    '10n': 10n,
    '""': '',
    '"x"': 'x',
    '"\\r\\n"': '\r\n',
    '"long"': 'x'.repeat(100_000),
    Symbol: Symbol('s'),
    '{}': {},
    '[]': [],
    '[1]': [1],
    Date: new Date(0),
    function: () => 1,
    cyclic,
    'Object.create(null)': Object.create(null),
  };
  const scaleConfig = { users: 10, requests: 100, servers: 2, balancing: 'roundRobin', layout: 'perServer', seed: 1 };
  // Valid arguments for methods of more than one argument: the others are varied one at a time.
  const VALID = {
    setCookie: ['https://app.example/', 'a=1', 'http'],
    request: ['https://app.example/', 'same-site'],
    log10GuessSeconds: [64, 100_000, 10_000],
    sweep: [scaleConfig, 'servers'],
    inspectToken: ['eyJhbGciOiJIUzI1NiJ9.e30.c2ln', '{"sub":"bob"}', 0],
    forkStepAt: ['session', 0],
  };
  const CLASSES = [
    { cls: Playground, make: () => Playground.withSeed(1), works: (p) => { p.reset(); return p.run({ action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' }).steps.length > 0; } },
    { cls: CookieLab, make: () => new CookieLab(), works: (lab) => lab.setCookie('https://app.example/', 'a=1', 'http').jar.some((c) => c.name === 'a') },
    { cls: ScaleRun, make: () => new ScaleRun(scaleConfig), works: (run) => run.step(10) >= 0 && typeof run.result().found === 'number' },
  ];
  const panic = () => globalThis.__sessionPlaygroundPanic;
  const problems = [];
  let calls = 0;
  let thrown = 0;
  const messages = {};
  // Each argument is labelled for the call's name by its key in VALUES, or as JSON for a valid one.
  const labels = new Map(Object.entries(VALUES).map(([label, value]) => [value, label]));
  const describe = (value) => (labels.has(value) ? labels.get(value) : JSON.stringify(value));

  /** One call: fine, or an ordinary Error with a message; a trap or a strange throw is a problem. */
  const attempt = (what, call) => {
    calls++;
    try {
      call();
    } catch (error) {
      thrown++;
      const message = error?.message ?? String(error);
      messages[what] = message;
      if (error instanceof WebAssembly.RuntimeError || !(error instanceof Error)) problems.push(`${what}: threw ${error?.name}: ${message}`);
      else if (/unreachable|memory access|null pointer|recursive use|undefined is not|cannot read properties/i.test(message) || message === '') problems.push(`${what}: unclear error: ${message}`);
    }
    if (panic()) problems.push(`${what}: the panic hook fired: ${panic()}`);
  };

  /** Every argument list to try for a function of `arity` arguments named `name`. */
  const argumentLists = (name, arity) => {
    const lists = [];
    for (const value of Object.values(VALUES)) {
      if (arity <= 1) lists.push([value]);
      else {
        const valid = VALID[name];
        if (!valid) {
          problems.push(`${name} takes ${arity} arguments: give it valid ones in VALID`);
          return [];
        }
        for (let i = 0; i < arity; i++) lists.push(valid.map((v, j) => (j === i ? value : v)));
      }
    }
    return lists;
  };

  const methodsOf = (target) =>
    Object.getOwnPropertyNames(target).filter((name) => !['constructor', 'length', 'name', 'prototype', 'free', '__wrap'].includes(name) && !name.startsWith('__'));

  const surface = [];
  for (const { cls, make, works } of CLASSES) {
    // The constructor, with each value.
    for (const args of argumentLists(cls.name, cls.length)) attempt(`new ${cls.name}(${args.map(describe).join(', ')})`, () => new cls(...args));
    // Static methods.
    for (const name of methodsOf(cls)) {
      surface.push(`${cls.name}.${name}`);
      const fn = cls[name];
      if (typeof fn !== 'function') continue;
      for (const args of fn.length === 0 ? [[]] : argumentLists(name, fn.length)) attempt(`${cls.name}.${name}(${args.map(describe).join(', ')})`, () => fn.apply(cls, args));
    }
    // Instance methods and getters, on one instance that must still work at the end.
    const instance = make();
    for (const name of methodsOf(cls.prototype)) {
      surface.push(`${cls.name}#${name}`);
      const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
      if (descriptor.get) {
        attempt(`${cls.name}#${name}`, () => instance[name]);
        continue;
      }
      const fn = descriptor.value;
      for (const args of fn.length === 0 ? [[]] : argumentLists(name, fn.length)) attempt(`${cls.name}#${name}(${args.map(describe).join(', ')})`, () => fn.apply(instance, args));
    }
    let ok = false;
    try {
      ok = works(instance);
    } catch (error) {
      problems.push(`${cls.name}: after the barrage it fails: ${error.message}`);
    }
    if (!ok) problems.push(`${cls.name}: after the barrage it no longer works`);

    // After free(): every method and getter says so; a second free() is harmless.
    const gone = make();
    gone.free();
    for (const name of methodsOf(cls.prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
      try {
        if (descriptor.get) void gone[name];
        else descriptor.value.apply(gone, VALID[name] ?? []);
        problems.push(`${cls.name}#${name} after free() did not throw`);
      } catch (error) {
        messages[`freed ${cls.name}#${name}`] = error.message;
        if (!error.message.startsWith(`this ${cls === Playground ? 'playground' : cls === CookieLab ? 'cookie lab' : 'scale run'} was freed`)) problems.push(`${cls.name}#${name} after free(): ${error.message}`);
      }
    }
    try {
      gone.free();
    } catch (error) {
      problems.push(`${cls.name}: a second free() threw ${error.message}`);
    }
    if (!works(make())) problems.push(`${cls.name}: a new instance does not work after another was freed`);
  }
  return { problems, calls, thrown, messages, surface };
}

test('every exported method, given every kind of JS value, throws a clear error or works, and the instance goes on', async (t) => {
  const page = await openPage(t);
  const { problems, calls, thrown, messages, surface } = await page.evaluate(barrage);
  assert.deepEqual(problems, []);
  // The enumeration found the whole surface (a sample of it, by name).
  for (const name of ['Playground#run', 'Playground#presetSettings', 'Playground#loadScenario', 'Playground#replayIds', 'Playground.withSeed', 'Playground.actionLabel', 'CookieLab#wait', 'CookieLab#setSameSiteDefaultLax', 'ScaleRun#step', 'ScaleRun.sweep']) {
    assert.ok(surface.includes(name), `${name} was not found among ${surface.join(', ')}`);
  }
  assert.ok(calls > 550 && thrown > 450, `${calls} calls, ${thrown} threw`);
  // The messages name the method and the argument, and say what was found.
  assert.equal(messages['Playground#presetSettings(true)'], 'presetSettings(key): expected a string; found true');
  assert.equal(messages['Playground#loadScenario(0)'], 'loadScenario(json): expected a string; found 0');
  assert.equal(messages['Playground#loadScenario({})'], 'loadScenario(json): expected a string; found an object');
  assert.equal(messages['Playground#loadScenario(Symbol)'], 'loadScenario(json): expected a string; found a Symbol');
  assert.equal(messages['Playground#loadScenario(10n)'], 'loadScenario(json): expected a string; found 10n');
  assert.equal(messages['Playground#loadScenario(Date)'], 'loadScenario(json): expected a string; found a Date');
  assert.equal(messages['Playground#run(Symbol)'], 'run(action): expected a plain object; found a Symbol');
  assert.equal(messages['Playground#run(cyclic)'], 'run(action): expected a plain object that JSON.stringify can write; found an object');
  assert.equal(messages['Playground#run(true)'], 'action: expected a step object; found true');
  assert.equal(messages['Playground.withSeed(-1)'], 'withSeed(seed): expected a whole number from 0 to 4294967295; found -1');
  assert.equal(messages['Playground.withSeed(1.5)'], 'withSeed(seed): expected a whole number from 0 to 4294967295; found 1.5');
  assert.equal(messages['Playground#replayIds([1])'], 'replayIds(ids[0]): expected a string; found 1');
  assert.equal(messages['CookieLab#wait(NaN)'], 'wait(secs): expected a whole number from 1 to 316224000; found NaN');
  assert.equal(messages['CookieLab#setSameSiteDefaultLax(0)'], 'setSameSiteDefaultLax(lax): expected true or false; found 0');
  assert.equal(messages['ScaleRun#step("x")'], 'step(n): expected a whole number from 0 to 9007199254740992; found "x"');
  assert.equal(messages['freed Playground#run'], 'this playground was freed: run() cannot be used after free(); make a new Playground');
  assert.equal(messages['freed Playground#settings'], 'this playground was freed: settings cannot be used after free(); make a new Playground');
});

test('run checks the input of an action: no CR or LF reaches the request, and no ID of other characters', async (t) => {
  const page = await openPage(t);
  const result = await page.evaluate(async () => {
    const { Playground } = await import('/www/core.js');
    const playground = Playground.withSeed(1);
    const attempt = (call) => {
      try {
        call();
        return 'no error';
      } catch (error) {
        return error.message;
      }
    };
    return {
      run: attempt(() => playground.run({ action: 'visit', browser: 'laptop', path: '/profile\r\nX-Injected: 1' })),
      revoke: attempt(() => playground.run({ action: 'revoke', id: 'a;b' })),
      works: playground.run({ action: 'visit', browser: 'laptop', path: '/profile' }).steps[0].message.startLine,
    };
  });
  assert.equal(result.run, 'action.path: expected a path such as /profile; found "/profile\\r\\nX-Injected: 1"');
  assert.equal(result.revoke, 'action.id: expected a session ID of cookie-value characters; found "a;b"');
  assert.equal(result.works, 'GET /profile HTTP/1.1');
});

test('messages about the address quote it exactly', async (t) => {
  const huge = await openPage(t, { query: '?tour=revocation&step=99999999999999999999' });
  await assert.doesNotReject(huge.getByRole('alert').getByText('This tour has 4 steps, so there is no step 99999999999999999999; here is its last.').waitFor());

  // ?step=5 alone suggests a tour that has a fifth step.
  const alone = await openPage(t, { query: '?step=5' });
  const suggestion = await alone.getByRole('alert').innerText();
  const [, tour, step] = /\?step=5 needs a tour to step through: add \?tour=, for example \?tour=([\w-]+)&step=(\d+)\./.exec(suggestion) ?? [];
  assert.equal(step, '5', suggestion);
  const steps = await alone.evaluate(async (key) => (await import('/www/tour-list.js')).TOUR_LIST.find((t) => t.key === key).steps, tour);
  assert.ok(steps >= 5, `${tour} has ${steps} steps`);
  // A step no tour has: the longest tour, at its last step.
  const none = await openPage(t, { query: '?step=500' });
  assert.match(await none.getByRole('alert').innerText(), /\?step=500 needs a tour to step through \(no tour has 500 steps; the longest, [\w-]+, has \d+\): add \?tour=/);

  // Leading zeros are the same number.
  const seeded = await openPage(t, { query: '?seed=00000000001' });
  assert.equal(await seeded.getByRole('alert').count(), 0);
  assert.match(await seeded.locator('#id-source').innerText(), /^seeded generator/);
  // The first ID of seed 1, as with ?seed=1.
  await seeded.getByRole('button', { name: 'Log in', exact: true }).click();
  await seeded.getByRole('button', { name: 'Last step' }).click();
  assert.match(await seeded.getByRole('list', { name: /Cookie jar/ }).innerText(), /sid=wVwCiewtCpFn7I5loY3rvg/);
});

test('the element reports goTo(NaN) and preset="" as given', async (t) => {
  const page = await openPage(t, { path: 'www/examples/', ready: '#coat-check[ready]' });
  await page.evaluate(() => {
    const element = document.createElement('session-playground');
    element.id = 'empty-preset';
    element.setAttribute('preset', '');
    document.querySelector('article').append(element);
  });
  const element = page.locator('#empty-preset');
  // Out of sight at the article's end, it loads once the reader scrolls near.
  await element.scrollIntoViewIfNeeded();
  await page.waitForSelector('#empty-preset[ready]');
  await assert.doesNotReject(element.getByRole('alert').getByText('preset="" cannot be used: settings.preset: expected one of generic').waitFor());
  assert.equal(await element.evaluate((e) => e.goTo(NaN)), false);
  await assert.doesNotReject(element.getByRole('alert').getByText('goTo(NaN): expected a step number, a whole number from 1.').waitFor());
  assert.equal(await element.evaluate((e) => e.goTo(10n)), false);
  await assert.doesNotReject(element.getByRole('alert').getByText('goTo(10n): expected a step number').waitFor());
});
