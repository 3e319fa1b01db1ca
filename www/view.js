// Rendering: turns one step of a trace (or the idle state) into DOM.
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

/** The first `n` characters of an ID and an ellipsis, for tight places. */
export function shortId(id) {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

const SERVER_STATUS = {
  requestBuilt: () => 'Waiting for requests.',
  requestSent: (s) => `Request arriving: ${s.message.startLine.replace(' HTTP/1.1', '')}`,
  passwordChecked: (s) => (s.kind.ok ? 'Password matches: who is it? Known now.' : 'Password does not match.'),
  cookieRead: (s) => (s.kind.id ? `Ticket presented: ${shortId(s.kind.id)}` : 'No ticket in the request.'),
  storeOperation: (s) => `Asking the store: ${s.storeOp.kind} ${shortId(s.storeOp.id)}`,
  responseBuilt: (s) => (s.message ? `Answering ${s.message.status} ${s.message.startLine.split(' ').slice(2).join(' ')}` : 'Answering.'),
  responseSent: () => 'Response sent.',
  responseReceived: () => 'Waiting for requests.',
  adminAction: () => 'An administrator is at the console.',
};

/** Shows a step: the actors, the message in flight, the jar and the store. */
export function renderStep(step, position) {
  renderState(step.state, step);
  for (const actor of ['browser', 'server', 'store']) {
    $(actor).classList.toggle('active', step.actor === actor);
  }
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
export function renderIdle(snapshot, narration) {
  renderState(snapshot, null);
  for (const actor of ['browser', 'server', 'store']) $(actor).classList.remove('active');
  $('actor-badge').hidden = true;
  $('narration').textContent = narration;
  $('counter').textContent = 'No action yet';
  $('server-status').textContent = 'Waiting for requests.';
  $('packet').className = 'packet';
  $('wire-text-box').hidden = true;
}

function renderState(state, step) {
  const browser = state.browsers[0];
  $('browser-label').textContent = browser.label;
  $('address').textContent = browser.screen.url;
  const status = $('screen-status');
  status.textContent = browser.screen.status ? String(browser.screen.status) : '';
  status.className = `status ${browser.screen.status >= 400 ? 'bad' : 'ok'}`;
  $('screen-text').textContent = browser.screen.text;
  renderJar(browser.jar, step);
  renderStore(state.store, step);
}

function renderJar(jar, step) {
  const list = $('jar');
  list.replaceChildren();
  const changed = new Set(
    step?.kind.type === 'responseReceived' ? step.kind.jarChanges.map((c) => c.name) : [],
  );
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
      cookie.expires ? `expires ${cookie.expires.text}` : 'until the browser closes',
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
  for (const record of rows) {
    let mark = '';
    if (op && op.id === record.id) mark = op.kind === 'insert' ? 'inserted' : op.kind === 'lookup' ? 'hit' : '';
    body.append(storeRow(record.id, record.user, record.created.text, record.lastSeen.text, mark));
  }
  // A lookup that missed, or a record just deleted, is shown as a ghost row.
  if (op && op.kind === 'lookup' && !op.found) body.append(storeRow(op.id, 'no record', '', '', 'miss'));
  if (op && op.kind === 'delete' && op.found) body.append(storeRow(op.id, op.user, '', '', 'deleted'));
  $('store-empty').hidden = body.children.length > 0;
}

function storeRow(id, user, created, lastSeen, mark) {
  const row = el('tr', mark);
  row.append(el('td', 'id', id), el('td', '', user), el('td', '', created), el('td', '', lastSeen));
  const cell = el('td');
  if (!mark || mark === 'hit' || mark === 'inserted') {
    const button = el('button', 'admin', 'Revoke');
    button.type = 'button';
    button.dataset.revoke = id;
    button.setAttribute('aria-label', `Revoke session ${shortId(id)} of ${user}`);
    cell.append(button);
  } else {
    cell.append(el('span', 'muted', mark === 'miss' ? 'miss' : 'deleted'));
  }
  row.append(cell);
  return row;
}

/** The packet on the wire: where the message is at this step. */
function renderPacket(step) {
  const packet = $('packet');
  const message = step.message;
  const atServer = ['requestSent', 'passwordChecked', 'cookieRead', 'storeOperation', 'responseBuilt'];
  if (!message || step.kind.type === 'adminAction') {
    packet.className = 'packet';
    return;
  }
  const isRequest = message.direction === 'toServer';
  packet.replaceChildren();
  packet.append(el('span', '', isRequest ? message.startLine.replace(' HTTP/1.1', '') : `${message.status} ${message.startLine.split(' ').slice(2).join(' ')}`));
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
  if (step.message) {
    $('wire-title').textContent = step.message.direction === 'toServer' ? 'On the wire: the request' : 'On the wire: the response';
    for (const line of step.message.text.split('\n')) {
      const session = /^(Cookie|Set-Cookie):/.test(line);
      pre.append(session ? el('span', 'hl', line) : line, '\n');
    }
  } else if (step.storeOp) {
    $('wire-title').textContent = 'In the store';
    pre.append(`$ ${step.storeOp.command}`);
  } else {
    box.hidden = true;
    return;
  }
  box.hidden = false;
}
