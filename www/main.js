// The page's entry point: loads the wasm core, then plays its traces.
// The only place that calls `init()`. A click on an action asks the core
// to run it and gets back a trace; the player then shows its steps one by
// one (Next step, or Play). Protocol decisions all happen in the core.

import init, { Playground } from './pkg/session_playground.js';
import { renderIdle, renderStep } from './view.js';

const PLAY_INTERVAL_MS = 2600;
const IDLE_TEXT =
  "Alice's laptop has never visited app.example: its cookie jar is empty and the store holds no sessions. " +
  'Press Log in to start.';

const $ = (id) => document.getElementById(id);

const player = {
  playground: null,
  steps: [],
  index: -1,
  label: '',
  timer: null,
};

function fatal(message) {
  const box = $('fatal');
  box.textContent = message;
  box.hidden = false;
}

/** Reads ?seed=N: a reproducible run. Anything else is reported, not ignored. */
function seedFromUrl() {
  const raw = new URLSearchParams(location.search).get('seed');
  if (raw === null) return null;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) {
    fatal(`The seed "${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`);
    return null;
  }
  return Number(raw);
}

function pending() {
  return player.index < player.steps.length - 1;
}

function show() {
  const step = player.steps[player.index];
  renderStep(step, { index: player.index, total: player.steps.length, label: player.label });
  updateControls();
}

function updateControls() {
  $('next').disabled = !pending();
  $('next').classList.toggle('waiting', pending());
  $('play').disabled = !pending() && player.timer === null;
  $('play').setAttribute('aria-pressed', String(player.timer !== null));
  $('play').textContent = player.timer !== null ? 'Pause' : 'Play';
}

function next() {
  if (!pending()) return;
  player.index += 1;
  show();
  if (!pending()) stop();
}

function stop() {
  clearInterval(player.timer);
  player.timer = null;
  updateControls();
}

function togglePlay() {
  if (player.timer !== null) {
    stop();
    return;
  }
  if (!pending()) return;
  player.timer = setInterval(next, PLAY_INTERVAL_MS);
  next();
}

/** Runs an action in the core and starts showing its trace at step 1. */
function perform(label, run) {
  $('fatal').hidden = true;
  let trace;
  try {
    trace = run(player.playground);
  } catch (error) {
    fatal(`That did not work: ${error.message ?? error}`);
    return;
  }
  player.steps = trace.steps;
  player.label = label;
  player.index = 0;
  show();
}

function reset() {
  stop();
  player.playground.reset();
  player.steps = [];
  player.index = -1;
  player.label = '';
  renderIdle(player.playground.snapshot(), IDLE_TEXT);
  updateControls();
}

function wire() {
  const browser = () => player.playground.defaultBrowser;
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const username = $('username').value;
    const password = $('password').value;
    perform('Log in', (p) => p.login(browser(), username, password));
  });
  $('visit').addEventListener('click', () => perform('Visit /profile', (p) => p.visit(browser(), '/profile')));
  $('logout').addEventListener('click', () => perform('Log out', (p) => p.logout(browser())));
  $('revoke').addEventListener('click', () => perform('Revoke', (p) => p.revoke(undefined)));
  $('store-rows').addEventListener('click', (event) => {
    const id = event.target.closest('button[data-revoke]')?.dataset.revoke;
    if (id) perform('Revoke', (p) => p.revoke(id));
  });
  $('next').addEventListener('click', next);
  $('play').addEventListener('click', togglePlay);
  $('reset').addEventListener('click', reset);
}

async function boot() {
  try {
    await init();
  } catch (error) {
    $('boot').hidden = true;
    fatal(`The playground could not start: ${error.message ?? error}. It needs a browser with WebAssembly, served over http(s).`);
    return;
  }
  const seed = seedFromUrl();
  player.playground = seed === null ? new Playground() : Playground.withSeed(seed);
  $('id-source').textContent = player.playground.idSource;
  wire();
  reset();
  $('boot').hidden = true;
  // Tests wait for this marker before they click anything.
  document.documentElement.dataset.ready = 'true';
}

boot();
