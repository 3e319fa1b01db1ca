// The page's entry point: loads the wasm core, then plays its traces.
// The only place that calls `init()`. A click on an action asks the core
// to run it and gets back a trace; the player then shows its steps one by
// one (Next step, or Play). In a guided tour, Next also runs the tour's next
// action when the current one is fully shown. Protocol decisions all happen
// in the core.

import init, { Playground } from './pkg/session_playground.js';
import { renderIdle, renderSettings, renderStep } from './view.js';

const PLAY_INTERVAL_MS = 2600;
const BROWSER_LABELS = { laptop: "Alice's laptop", phone: "Alice's phone", mallory: "Mallory's laptop" };
const IDLE_TEXT =
  'No browser has visited app.example yet: every cookie jar is empty and the store holds no sessions. ' +
  'Press Log in to start, or pick a guided tour.';

const $ = (id) => document.getElementById(id);

const player = {
  playground: null,
  presets: [],
  steps: [],
  index: -1,
  label: '',
  timer: null,
  shown: 'laptop',
  /** The loaded tour: { info, key, ran } or null in free play. */
  tour: null,
};

function fatal(message) {
  const box = $('fatal');
  box.textContent = message;
  box.hidden = false;
}

function clearFatal() {
  $('fatal').hidden = true;
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

const traceLeft = () => player.index < player.steps.length - 1;
const tourLeft = () => player.tour !== null && player.tour.ran < player.tour.info.steps.length;
const pending = () => traceLeft() || tourLeft();

function show() {
  const step = player.steps[player.index];
  if (step.browser && step.browser !== player.shown) {
    player.shown = step.browser;
    updateCopyTargets();
  }
  renderStep(step, { index: player.index, total: player.steps.length, label: player.label }, player.shown);
  updateControls();
}

function updateControls() {
  $('next').disabled = !pending();
  $('next').classList.toggle('waiting', pending());
  $('next').textContent = !traceLeft() && tourLeft() ? 'Next tour step' : 'Next step';
  $('play').disabled = !pending() && player.timer === null;
  $('play').setAttribute('aria-pressed', String(player.timer !== null));
  $('play').textContent = player.timer !== null ? 'Pause' : 'Play';
  $('revoke-user-name').textContent = $('username').value || 'alice';
}

function next() {
  if (traceLeft()) {
    player.index += 1;
    show();
  } else if (tourLeft()) {
    runTourStep();
  }
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

/** Shows a tour step's narration and question in the dock. */
function renderTourBox(index) {
  const box = $('tour-box');
  if (player.tour === null) {
    box.hidden = true;
    return;
  }
  const { info } = player.tour;
  const step = info.steps[index];
  box.hidden = false;
  $('tour-name').textContent = info.title;
  $('tour-position').textContent = index < info.steps.length ? `Tour step ${index + 1} of ${info.steps.length}:` : 'Tour finished:';
  $('tour-say').textContent = step ? step.say ?? step.action : 'That is the end of this tour. Pick another, or carry on in free play.';
  $('tour-ask').hidden = !step?.ask;
  $('tour-ask').textContent = step?.ask ? `Think first: ${step.ask}` : '';
}

function runTourStep() {
  let ran;
  try {
    ran = player.playground.nextScenarioStep();
  } catch (error) {
    fatal(`The tour could not go on: ${error.message ?? error}`);
    return;
  }
  if (ran === null) return;
  player.tour.ran = ran.index + 1;
  renderTourBox(ran.index);
  player.steps = ran.trace.steps;
  player.label = ran.action;
  player.index = 0;
  show();
}

/** Runs a free-play action in the core and starts showing its trace at step 1. */
function perform(label, run) {
  clearFatal();
  if (player.tour !== null) leaveTour();
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

/** Free play from here on: the world stays as it is. */
function leaveTour() {
  player.playground.unloadScenario();
  player.tour = null;
  $('tour').value = '';
  renderTourBox(0);
}

function startOver(narration = IDLE_TEXT) {
  stop();
  player.steps = [];
  player.index = -1;
  player.label = '';
  player.shown = 'laptop';
  renderSettings(player.playground.settings, player.presets);
  $('id-source').textContent = player.playground.idSource;
  renderIdle(player.playground.snapshot(), narration, player.shown);
  updateControls();
}

function reset() {
  clearFatal();
  player.playground.reset();
  if (player.tour !== null) {
    player.tour.ran = 0;
    renderTourBox(0);
    startOver(tourIntro());
  } else {
    startOver();
  }
}

function tourIntro() {
  const { info } = player.tour;
  return `${info.title}. ${info.summary} Press Next tour step to begin.`;
}

function chooseTour(key) {
  clearFatal();
  if (key === '') {
    if (player.tour !== null) leaveTour();
    startOver();
    return;
  }
  let info;
  try {
    info = player.playground.loadTour(key);
  } catch (error) {
    fatal(`That tour could not be loaded: ${error.message ?? error}`);
    return;
  }
  player.tour = { key, info, ran: 0 };
  renderTourBox(0);
  startOver(tourIntro());
}

function minutes(id) {
  const raw = $(id).value.trim();
  if (raw === '') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${$(id).labels[0].textContent} must be a whole number of minutes (1 or more), or empty for none; "${raw}" is not.`);
  return value * 60;
}

function applySettings(event) {
  event.preventDefault();
  clearFatal();
  let settings;
  try {
    settings = {
      preset: $('preset').value,
      ids: $('ids').value,
      rotateOnLogin: $('rotate').checked,
      logout: $('logout-mode').value,
      cleanup: $('cleanup').value,
      idleTimeout: minutes('idle'),
      absoluteTimeout: minutes('absolute'),
    };
    if (settings.ids === 'seeded') settings.seed = player.playground.settings.ids.seed ?? 1;
    player.playground.configure(settings);
  } catch (error) {
    fatal(`Those settings cannot be used: ${error.message ?? error}`);
    return;
  }
  if (player.tour !== null) leaveTour();
  startOver();
}

/** A preset change fills in that preset's defaults, before applying. */
function previewPreset() {
  const preset = player.presets.find((p) => p.key === $('preset').value);
  if (!preset) return;
  renderSettings({ ...player.playground.settings, preset: preset.key, rotateOnLogin: preset.rotateOnLogin, logout: preset.logout, cleanup: preset.cleanup, idleTimeout: preset.idleTimeout, absoluteTimeout: preset.absoluteTimeout }, player.presets);
}

function fillSelects() {
  for (const preset of player.presets) {
    const option = document.createElement('option');
    option.value = preset.key;
    option.textContent = preset.label;
    $('preset').append(option);
  }
  for (const tour of Playground.tours()) {
    const option = document.createElement('option');
    option.value = tour.key;
    option.textContent = tour.title;
    $('tour').append(option);
  }
  updateCopyTargets();
}

function updateCopyTargets() {
  const select = $('copy-to');
  select.replaceChildren();
  for (const [key, label] of Object.entries(BROWSER_LABELS)) {
    if (key === player.shown) continue;
    const option = document.createElement('option');
    option.value = key;
    option.textContent = label;
    select.append(option);
  }
}

function wire() {
  const who = () => player.shown;
  const label = (what) => `${BROWSER_LABELS[who()]}: ${what}`;
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const username = $('username').value;
    const password = $('password').value;
    perform(label(`log in as ${username}`), (p) => p.run({ action: 'login', browser: who(), username, password }));
  });
  $('visit').addEventListener('click', () => perform(label('visit /profile'), (p) => p.run({ action: 'visit', browser: who(), path: '/profile' })));
  $('logout').addEventListener('click', () => perform(label('log out'), (p) => p.run({ action: 'logout', browser: who() })));
  $('logout-everywhere').addEventListener('click', () => perform(label('log out everywhere'), (p) => p.run({ action: 'logoutEverywhere', browser: who() })));
  $('change-password').addEventListener('click', () => {
    const password = $('new-password').value;
    perform(label('change password'), (p) => p.run({ action: 'changePassword', browser: who(), password }));
  });
  $('copy').addEventListener('click', () => {
    const to = $('copy-to').value;
    perform(`copy the ticket from ${BROWSER_LABELS[who()]} to ${BROWSER_LABELS[to]}`, (p) => p.run({ action: 'copyCookie', from: who(), to }));
  });
  $('close-browser').addEventListener('click', () => perform(label('close and reopen'), (p) => p.run({ action: 'closeBrowser', browser: who() })));
  $('revoke').addEventListener('click', () => perform('Admin: revoke the newest session', (p) => p.run({ action: 'revoke' })));
  $('revoke-user').addEventListener('click', () => {
    const user = $('username').value || 'alice';
    perform(`Admin: end all of ${user}'s sessions`, (p) => p.run({ action: 'revokeUser', user }));
  });
  $('restart').addEventListener('click', () => perform('Restart the server', (p) => p.run({ action: 'restartServer' })));
  for (const button of document.querySelectorAll('[data-wait]')) {
    button.addEventListener('click', () => perform(button.textContent, (p) => p.run({ action: 'wait', seconds: Number(button.dataset.wait) })));
  }
  $('store-rows').addEventListener('click', (event) => {
    const id = event.target.closest('button[data-revoke]')?.dataset.revoke;
    if (id) perform(`Admin: revoke ${id}`, (p) => p.run({ action: 'revoke', id }));
  });
  for (const button of document.querySelectorAll('[data-browser]')) {
    button.addEventListener('click', () => {
      player.shown = button.dataset.browser;
      updateCopyTargets();
      const step = player.steps[player.index];
      if (step) renderStep(step, { index: player.index, total: player.steps.length, label: player.label }, player.shown);
      else renderIdle(player.playground.snapshot(), $('narration').textContent, player.shown);
    });
  }
  $('username').addEventListener('input', updateControls);
  $('tour').addEventListener('change', () => chooseTour($('tour').value));
  $('settings-form').addEventListener('submit', applySettings);
  $('preset').addEventListener('change', previewPreset);
  $('wire-toggle').addEventListener('click', () => {
    const open = $('dock').classList.toggle('show-wire');
    $('wire-toggle').setAttribute('aria-expanded', String(open));
    $('wire-toggle').textContent = open ? 'Hide HTTP' : 'Show HTTP';
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
  player.presets = Playground.presets();
  fillSelects();
  wire();
  startOver();
  const tour = new URLSearchParams(location.search).get('tour');
  if (tour !== null) {
    $('tour').value = tour;
    chooseTour(tour);
  }
  $('boot').hidden = true;
  // Tests wait for this marker before they click anything.
  document.documentElement.dataset.ready = 'true';
}

boot();
