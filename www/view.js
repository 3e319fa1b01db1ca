// Rendering: turns one step of a trace (or the world at rest) into DOM.
// Everything shown comes from the step's data; nothing here decides what
// happens in the protocol. Text from the model is always set as textContent.

const $ = (id) => document.getElementById(id);

/** Creates an element with a class and text. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The first characters of an ID and an ellipsis, for tight places. */
export function shortId(id) {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

const reason = (message) => message.startLine.split(' ').slice(2).join(' ');

const SERVER_STATUS = {
  requestBuilt: () => 'Waiting for requests.',
  requestSent: (s) => `Request arriving: ${s.message.startLine.replace(' HTTP/1.1', '')}`,
  passwordChecked: (s) => (s.kind.ok ? 'Password matches.' : 'Password does not match.'),
  cookieRead: (s) => (s.kind.id ? `Ticket presented: ${shortId(s.kind.id)}` : 'No usable ticket in the request.'),
  storeOperation: (s) => `Store: ${s.storeOp.kind}${s.storeOp.id ? ` ${shortId(s.storeOp.id)}` : ''}`,
  responseBuilt: (s) => (s.message ? `Answering ${s.message.status} ${reason(s.message)}` : 'Answering.'),
  responseSent: () => 'Response sent.',
  responseReceived: () => 'Waiting for requests.',
  adminAction: () => 'An administrator is at the console.',
  serverRestarted: () => 'Restarting…',
  jarTampered: () => 'Waiting for requests. (It cannot see what happens inside a browser.)',
  browserClosed: () => 'Waiting for requests. (It cannot see a browser close.)',
  timePassed: () => 'Time passes.',
  cookiesExpired: () => 'Waiting for requests.',
};

/** Shows a step: the actors, the message in flight, the jars and the store. */
export function renderStep(step, position, shownBrowser) {
  renderState(step.state, step, shownBrowser);
  for (const actor of ['browser', 'server', 'store']) {
    $(actor).classList.toggle('active', step.actor === actor);
  }
  $('clock-line').classList.toggle('active', step.actor === 'clock');
  const badge = $('actor-badge');
  badge.hidden = false;
  badge.className = `badge ${step.actor}`;
  badge.textContent = step.actor;
  $('narration').textContent = step.narration;
  $('counter').textContent = `Step ${position.index + 1} of ${position.total}: ${position.label}`;
  $('server-status').textContent = SERVER_STATUS[step.kind.type]?.(step) ?? '';
  renderPacket(step);
  renderWireText(step);
}

/** Shows the world at rest, before any action or after a reset. */
export function renderIdle(snapshot, narration, shownBrowser) {
  renderState(snapshot, null, shownBrowser);
  for (const actor of ['browser', 'server', 'store']) $(actor).classList.remove('active');
  $('clock-line').classList.remove('active');
  $('actor-badge').hidden = true;
  $('narration').textContent = narration;
  $('counter').textContent = 'No action yet';
  $('server-status').textContent = 'Waiting for requests.';
  $('packet').className = 'packet';
  $('wire-text-box').hidden = true;
}

function renderState(state, step, shownBrowser) {
  const browser = state.browsers.find((b) => b.key === shownBrowser) ?? state.browsers[0];
  for (const button of document.querySelectorAll('[data-browser]')) {
    button.setAttribute('aria-pressed', String(button.dataset.browser === browser.key));
  }
  $('browser-label').textContent = browser.label;
  $('address').textContent = browser.screen.url;
  const status = $('screen-status');
  status.textContent = browser.screen.status ? String(browser.screen.status) : '';
  status.className = `status ${browser.screen.status >= 400 ? 'bad' : 'ok'}`;
  $('screen-text').textContent = browser.screen.text;
  renderJar(browser.jar, step && step.browser === browser.key ? step : null);
  $('other-jars').textContent = state.browsers
    .filter((b) => b.key !== browser.key)
    .map((b) => `${b.label}: ${b.jar.length ? b.jar.map((c) => `${c.name}=${shortId(c.value)}`).join(', ') : 'no cookies'}`)
    .join(' · ');
  $('clock').textContent = state.now.text;
  $('date').textContent = `(${state.date})`;
  renderStore(state.store, step);
}

function renderJar(jar, step) {
  const list = $('jar');
  list.replaceChildren();
  const changed = new Set(
    step?.kind.type === 'responseReceived' ? step.kind.jarChanges.map((c) => c.name) : [],
  );
  if (step?.kind.type === 'jarTampered') jar.forEach((c) => changed.add(c.name));
  if (jar.length === 0) {
    list.append(el('li', 'empty', 'Empty: no cookies for this site.'));
    return;
  }
  for (const cookie of jar) {
    const item = el('li', `cookie${changed.has(cookie.name) ? ' changed' : ''}`);
    const pair = el('div', 'pair');
    pair.append(el('span', 'name', cookie.name), '=', el('span', 'value', cookie.value));
    const chips = el('div', 'chips');
    const attributes = [
      `Path=${cookie.path}`,
      cookie.hostOnly ? 'host-only' : `Domain=${cookie.domain}`,
      cookie.httpOnly && 'HttpOnly',
      cookie.secure && 'Secure',
      cookie.sameSite && `SameSite=${cookie.sameSite}`,
      cookie.expires ? `cookie expires ${cookie.expires.text}` : 'until the browser closes',
    ];
    for (const text of attributes.filter(Boolean)) chips.append(el('span', 'chip', text));
    item.append(pair, chips);
    list.append(item);
  }
}

function renderStore(rows, step) {
  const body = $('store-rows');
  body.replaceChildren();
  const op = step?.storeOp ?? null;
  const now = step?.state.now.ms ?? 0;
  for (const record of rows) {
    let mark = '';
    if (op && op.id === record.id) {
      mark = { insert: 'inserted', rename: 'inserted', update: 'hit', lookup: op.expired ? 'expired' : 'hit' }[op.kind] ?? '';
    }
    const expired = [record.idleExpires, record.absoluteExpires].some((at) => at && at.ms <= now);
    if (!mark && expired) mark = 'stale';
    body.append(storeRow(record, mark));
  }
  // What just left the store is shown once more, struck through.
  if (op) {
    const ghost = (id, note) => body.append(storeRow({ id, user: op.user ?? '', note }, 'deleted'));
    if (op.kind === 'lookup' && !op.found) body.append(storeRow({ id: op.id, user: 'no record', note: 'not found' }, 'miss'));
    if (op.kind === 'lookup' && op.expired && !rows.some((r) => r.id === op.id)) ghost(op.id, `expired (${op.expired})`);
    if (op.kind === 'delete' && op.found) ghost(op.id, 'deleted');
    if (op.kind === 'rename') ghost(op.oldId, 'renamed');
    for (const id of op.removed ?? []) ghost(id, op.kind === 'sweep' ? 'swept' : op.kind === 'flush' ? 'lost' : 'deleted');
  }
  $('store-empty').hidden = body.children.length > 0;
}

function storeRow(record, mark) {
  const row = el('tr', mark);
  const time = (instant) => (instant ? instant.text : '—');
  row.append(el('td', 'id', record.id), el('td', '', record.user));
  if (record.note) {
    const note = el('td', 'note', record.note);
    note.colSpan = 4;
    row.append(note);
    return row;
  }
  row.append(
    el('td', '', time(record.lastSeen)),
    el('td', '', time(record.idleExpires)),
    el('td', '', time(record.absoluteExpires)),
  );
  const cell = el('td');
  const button = el('button', 'admin', 'Revoke');
  button.type = 'button';
  button.dataset.revoke = record.id;
  button.setAttribute('aria-label', `Revoke session ${shortId(record.id)} of ${record.user}`);
  cell.append(button);
  row.append(cell);
  return row;
}

/** The packet on the wire: where the message is at this step. */
function renderPacket(step) {
  const packet = $('packet');
  const message = step.message;
  const atServer = ['requestSent', 'passwordChecked', 'cookieRead', 'storeOperation', 'responseBuilt'];
  if (!message) {
    packet.className = 'packet';
    return;
  }
  const isRequest = message.direction === 'toServer';
  packet.replaceChildren();
  packet.append(el('span', '', isRequest ? message.startLine.replace(' HTTP/1.1', '') : `${message.status} ${reason(message)}`));
  const ticket = message.headers.find((h) => h.name === (isRequest ? 'Cookie' : 'Set-Cookie'));
  if (ticket) packet.append(el('span', 'ticket', `${ticket.name}: ${shortId(ticket.value)}`));
  const where = atServer.includes(step.kind.type) ? 'at-server' : 'at-browser';
  packet.className = `packet visible ${isRequest ? 'request' : 'response'} ${where}`;
}

/** The HTTP text or the store command of this step, with the session headers picked out. */
function renderWireText(step) {
  const box = $('wire-text-box');
  const pre = $('wire-text');
  pre.replaceChildren();
  if (step.storeOp) {
    $('wire-title').textContent = 'In the store: the command it runs';
    pre.append(step.storeOp.command.split('\n').map((line) => `$ ${line}`).join('\n'));
  } else if (step.message) {
    $('wire-title').textContent = step.message.direction === 'toServer' ? 'On the wire: the request' : 'On the wire: the response';
    for (const line of step.message.text.split('\n')) {
      const session = /^(Cookie|Set-Cookie):/.test(line);
      pre.append(session ? el('span', 'hl', line) : line, '\n');
    }
  } else {
    box.hidden = true;
    return;
  }
  box.hidden = false;
}

/** Fills the settings form from settings and the preset list. */
export function renderSettings(settings, presets) {
  const preset = presets.find((p) => p.key === settings.preset);
  $('preset').value = settings.preset;
  $('ids').value = settings.ids.type;
  $('rotate').checked = settings.rotateOnLogin;
  $('logout-mode').value = settings.logout;
  $('cleanup').value = settings.cleanup;
  $('idle').value = settings.idleTimeout ? String(settings.idleTimeout / 60) : '';
  $('absolute').value = settings.absoluteTimeout ? String(settings.absoluteTimeout / 60) : '';
  $('preset-summary').textContent = preset?.summary ?? '';
  $('settings-summary').textContent = preset?.label ?? settings.preset;
  $('store-kind').textContent = { memory: 'in memory', connectRedis: 'Redis (connect-redis)', towerRedis: 'Redis', djangoDb: 'SQL: django_session', springRedis: 'Redis (Spring Session)', phpFiles: 'files (sess_*)' }[preset?.store] ?? '';
}
