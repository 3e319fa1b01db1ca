// Rendering: turns one step of a trace (or the world at rest) into DOM.
// Everything shown comes from the step's data; nothing here decides what
// happens in the protocol. Text from the model is always set as textContent.

import { renderCluster, showClusterSettings } from './cluster.js';
import { el, shortId } from './dom.js';

export { el, shortId };

/** An element of the page by ID (the page's own sections, outside any playground). */
export const $ = (id) => document.getElementById(id);

/**
 * The renderers of one playground, bound to its root: the document for the
 * page, or an element's shadow root. IDs are looked up within the root, so
 * several playgrounds on one page never touch each other's nodes.
 */
export function createView(root) {
  const $ = (id) => root.querySelector(`#${id}`);

  const reason = (message) => message.startLine.split(' ').slice(2).join(' ');

  const SERVER_STATUS = {
    requestBuilt: () => 'Waiting for requests.',
    requestSent: (s) => (s.message ? `Request arriving: ${s.message.startLine.replace(' HTTP/1.1', '')}` : ''),
    passwordChecked: (s) => (s.kind.ok ? 'Password matches.' : 'Password does not match.'),
    cookieRead: (s) => (s.kind.id ? `Ticket presented: ${shortId(s.kind.id)}` : 'No usable ticket in the request.'),
    storeOperation: (s) => ({
      insert: 'Filing a new record.',
      lookup: 'Looking the ticket up in the store.',
      update: 'Handing the session to a new user.',
      rename: 'Giving the session a new ID.',
      delete: 'Deleting a record.',
      deleteUser: "Ending a user's sessions.",
      sweep: 'The store is cleaning up.',
      flush: 'Starting with whatever the store still holds.',
      failed: 'The store does not answer.',
    })[s.storeOp.kind] ?? '',
    responseBuilt: (s) => (s.message ? `Answering ${s.message.status} ${reason(s.message)}` : 'Answering.'),
    responseSent: () => 'Response sent.',
    responseReceived: () => 'Waiting for requests.',
    adminAction: () => 'An administrator is at the console.',
    serverRestarted: () => 'Restarting…',
    jarTampered: () => 'Waiting for requests. (It cannot see what happens inside a browser.)',
    browserClosed: () => 'Waiting for requests. (It cannot see a browser close.)',
    timePassed: () => 'Time passes.',
    eavesdropped: (s) => (s.message ? `Request arriving: ${s.message.startLine.replace(' HTTP/1.1', '')}` : ''),
    cookiesExpired: () => 'Waiting for requests.',
  };

  /** Shows a step: the actors, the message in flight, the jars and the store. */
  function renderStep(step, position, shownBrowser, cookieName) {
    renderState(step.state, step, shownBrowser, cookieName);
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
    renderPacket(step, cookieName);
    const eavesdropper = $('eavesdropper');
    eavesdropper.hidden = step.kind.type !== 'eavesdropped';
    eavesdropper.textContent = step.kind.ticketSeen ? 'Mallory is listening: she copies the ticket' : 'Mallory is listening: no ticket in sight';
  }

  /** Shows the world at rest, before any action or after a reset. */
  function renderIdle(snapshot, narration, shownBrowser, cookieName) {
    renderState(snapshot, null, shownBrowser, cookieName);
    for (const actor of ['browser', 'server', 'store']) $(actor).classList.remove('active');
    $('clock-line').classList.remove('active');
    $('actor-badge').hidden = true;
    $('narration').textContent = narration;
    $('counter').textContent = 'No action yet';
    $('server-status').textContent = 'Waiting for requests.';
    $('packet').className = 'packet';
    $('eavesdropper').hidden = true;
    $('inspector').hidden = true;
  }

  const COAT_TEXT = {
    live: 'its record is in the store',
    expired: 'its record has expired',
    noRecord: 'no record in the store: this ticket names nothing',
  };

  function renderState(state, step, shownBrowser, cookieName) {
    const browser = state.browsers.find((b) => b.key === shownBrowser) ?? state.browsers[0];
    for (const button of root.querySelectorAll('[data-browser]')) {
      button.setAttribute('aria-pressed', String(button.dataset.browser === browser.key));
    }
    $('browser-label').textContent = browser.label;
    $('address').textContent = browser.screen.url;
    const status = $('screen-status');
    status.textContent = browser.screen.status ? String(browser.screen.status) : '';
    status.className = `status ${browser.screen.status >= 400 ? 'bad' : 'ok'}`;
    $('screen-text').textContent = browser.screen.text;
    renderJar(browser, state, cookieName, step && step.browser === browser.key ? step : null);
    const others = $('other-jars');
    others.replaceChildren();
    state.browsers
      .filter((b) => b.key !== browser.key)
      .forEach((b, i) => {
        if (i > 0) others.append(' · ');
        const part = el('span', '', `${b.label}: ${b.jar.length ? b.jar.map((c) => `${c.name}=${shortId(c.value)}`).join(', ') : 'no cookies'}`);
        if (b.ticket) {
          part.dataset.ticket = b.ticket;
          if (b.ticketState !== 'live') part.append(` (${b.ticketState === 'noRecord' ? 'no record' : 'record expired'})`);
        }
        others.append(part);
      });
    $('clock').textContent = state.now.text;
    $('date').textContent = `(${state.date})`;
    renderStore(state.store, step);
    renderCluster(root, state, step);
  }

  function renderJar(browser, state, cookieName, step) {
    const jar = browser.jar;
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
    jar.forEach((cookie, index) => {
      const item = el('li', `cookie${changed.has(cookie.name) ? ' changed' : ''}`);
      const isTicket = cookie.name === cookieName;
      const ticket = browser.cookieTickets[index];
      if (isTicket && ticket) {
        // The coat-check link: focusing or hovering the ticket lights up its record.
        item.dataset.ticket = ticket;
        item.tabIndex = 0;
        const coat = browser.cookieTicketStates[index];
        item.classList.add(`coat-${coat}`);
        item.setAttribute('aria-label', `Session cookie ${cookie.name}: ${COAT_TEXT[coat]}`);
      }
      const pair = el('div', 'pair');
      pair.append(el('span', 'name', cookie.name), '=', el('span', 'value', cookie.value));
      const chips = el('div', 'chips');
      const attributes = [
        `Path=${cookie.path}`,
        cookie.hostOnly ? 'host-only' : `Domain=${cookie.domain}`,
        cookie.httpOnly && 'HttpOnly',
        cookie.secure && 'Secure',
        cookie.sameSite && `SameSite=${cookie.sameSite}`,
        cookie.expires ? `expires ${cookie.expires}` : 'until the browser closes',
      ];
      for (const text of attributes.filter(Boolean)) chips.append(el('span', 'chip', text));
      item.append(pair, chips);
      if (isTicket) {
        const coat = ticket ? browser.cookieTicketStates[index] : 'unreadable';
        const first = ticket && ticket === browser.ticket && jar.filter((c) => c.name === cookieName).length > 1 ? ' (the one sent first)' : '';
        const text = ticket ? `Ticket ${shortId(ticket)}${first}: ${COAT_TEXT[coat]}` : 'The server cannot read an ID from this cookie';
        item.append(el('p', `coat ${coat}`, text));
      }
      list.append(item);
    });
  }

  function renderStore(rows, step) {
    const body = $('store-rows');
    body.replaceChildren();
    const op = step?.storeOp ?? null;
    for (const record of rows) {
      let mark = '';
      if (op && op.id === record.id) {
        mark = { insert: 'inserted', rename: 'inserted', update: 'hit', lookup: op.expired ? 'expired' : 'hit' }[op.kind] ?? '';
      }
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
    if (record.id) {
      row.dataset.ticket = record.id;
      row.tabIndex = 0;
    }
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
  function renderPacket(step, cookieName) {
    const packet = $('packet');
    const message = step.message;
    const atServer = ['requestSent', 'eavesdropped', 'passwordChecked', 'cookieRead', 'storeOperation', 'responseBuilt', 'routed', 'affinitySet'];
    if (!message) {
      packet.className = 'packet';
      return;
    }
    const isRequest = message.direction === 'toServer';
    packet.replaceChildren();
    packet.append(el('span', '', isRequest ? message.startLine.replace(' HTTP/1.1', '') : `${message.status} ${reason(message)}`));
    // Every name=value pair on the wire (a Set-Cookie's first pair; its attributes are not cookies).
    const pairs = message.headers
      .filter((h) => h.name === (isRequest ? 'Cookie' : 'Set-Cookie'))
      .flatMap((h) => (isRequest ? h.value.split(';') : [h.value.split(';')[0]]))
      .map((pair) => pair.trim());
    // The ticket is the session cookie, found by its name: never another cookie (the balancer's own, say).
    const pair = pairs.find((p) => p.startsWith(`${cookieName}=`));
    if (pair) {
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      packet.append(el('span', 'ticket', `${name}=${value === '' ? '(empty)' : shortId(value)}`));
    }
    const where = atServer.includes(step.kind.type) ? 'at-server' : 'at-browser';
    packet.className = `packet visible ${isRequest ? 'request' : 'response'} ${where}`;
  }

  const STORE_MEANING = {
    insert: (op) => `Files a new record for ${op.user} under this ID.`,
    lookup: (op) => (op.expired ? `Finds ${op.user}'s record, but it has expired (${op.expired} timeout).` : op.found ? `Finds the record: the session of ${op.user}.` : 'Finds no record under this ID.'),
    update: (op) => `Gives the existing session to ${op.user}, keeping its ID.`,
    rename: () => 'Moves the record to a new ID; the old ID is dead.',
    delete: (op) => (op.found ? `Deletes ${op.user}'s record.` : 'Nothing to delete under this ID.'),
    deleteUser: (op) => `Finds ${op.user}'s sessions and deletes ${op.removed.length}.`,
    sweep: (op) => `Removes ${op.removed.length} expired record${op.removed.length === 1 ? '' : 's'}.`,
    flush: (op) => (op.removed.length ? `Everything is gone: ${op.removed.length} record${op.removed.length === 1 ? '' : 's'} lost.` : 'No record was lost.'),
    failed: () => 'No reply: the store cannot be reached, so nothing is read or written.',
  };

  /** The inspector: the step's HTTP message or store command, raw or in plain English, and the jar's decision. */
  function renderInspector(step, mode) {
    const box = $('inspector');
    const pre = $('wire-text');
    const plain = $('wire-plain');
    pre.replaceChildren();
    plain.replaceChildren();
    if (step.storeOp) {
      $('wire-title').textContent = 'In the store: the command it runs';
      pre.append(step.storeOp.command.split('\n').map((line) => `$ ${line}`).join('\n'));
      for (const line of step.storeOp.command.split('\n')) plain.append(el('dt', '', line));
      plain.append(el('dd', '', STORE_MEANING[step.storeOp.kind]?.(step.storeOp) ?? ''));
    } else if (step.message) {
      $('wire-title').textContent = step.message.direction === 'toServer' ? 'On the wire: the request' : 'On the wire: the response';
      for (const line of step.message.text.split('\n')) {
        const session = /^(Cookie|Set-Cookie):/.test(line);
        pre.append(session ? el('span', 'hl', line) : line, '\n');
      }
      for (const line of step.message.explained) plain.append(el('dt', '', line.text), el('dd', '', line.meaning));
    } else {
      box.hidden = true;
      return;
    }
    pre.hidden = mode !== 'raw';
    plain.hidden = mode !== 'plain';
    const decision = $('jar-decision');
    const changes = step.kind.type === 'responseReceived' ? step.kind.jarChanges : [];
    const sends = step.kind.type === 'requestBuilt' ? step.kind.cookieDecisions : [];
    let text = '';
    if (changes.length) {
      text = `The jar's decision: ${changes.map((c) => (c.outcome === 'rejected' ? `rejected (${c.reason})` : `${c.name} ${{ stored: 'stored', replaced: 'replaced', deleted: 'deleted', nothingToDelete: 'was not there to delete' }[c.outcome]}`)).join('; ')}.`;
    } else if (sends.length) {
      text = `The jar's decision: ${sends.map((d) => `${d.name} ${d.reason}`).join('; ')}.`;
    }
    decision.hidden = text === '';
    decision.textContent = text;
    box.hidden = false;
  }

  /** Lights up every element carrying this ticket: the cookie and its record. */
  function linkTicket(ticket) {
    for (const node of root.querySelectorAll('.linked')) node.classList.remove('linked');
    if (ticket === null) return;
    for (const node of root.querySelectorAll(`[data-ticket="${CSS.escape(ticket)}"]`)) node.classList.add('linked');
  }

  /**
   * Fills the settings form from settings and the preset list; `defaults` (the
   * core's settings for the same preset) tell which fields the reader changed.
   */
  function renderSettings(settings, presets, defaults) {
    const preset = presets.find((p) => p.key === settings.preset);
    $('preset').value = settings.preset;
    $('ids').value = settings.ids.type;
    $('rotate').checked = settings.rotateOnLogin;
    $('logout-mode').value = settings.logout;
    $('cleanup').value = settings.cleanup;
    $('strict').checked = settings.strictAdoption;
    $('http-only').checked = settings.httpOnly;
    $('secure').checked = settings.secure;
    $('host-prefix').checked = settings.hostPrefix;
    $('same-site').value = settings.sameSite ? settings.sameSite.toLowerCase() : '';
    $('browser-default').value = settings.browserSameSiteDefault;
    // Minutes, with decimals where a scenario set seconds (90 s shows as 1.5).
    $('idle').value = settings.idleTimeout ? String(settings.idleTimeout / 60) : '';
    $('absolute').value = settings.absoluteTimeout ? String(settings.absoluteTimeout / 60) : '';
    // What the preset reproduces comes first, as the core names it (library, version, configuration).
    $('preset-summary').textContent = preset ? `Reproduces ${preset.reproduces}. ${preset.summary}` : '';
    const differs = (...keys) => keys.some((key) => settings[key] !== defaults[key]);
    const changed = [
      differs('rotateOnLogin') && (settings.rotateOnLogin ? 'rotation on' : 'rotation off'),
      differs('logout') && 'logout changed',
      differs('cleanup') && 'cleanup changed',
      differs('idleTimeout', 'absoluteTimeout') && 'timeouts changed',
      settings.ids.type !== 'csprng' && `${settings.ids.type} IDs`,
      differs('strictAdoption') && 'adopts unknown IDs',
      differs('httpOnly', 'secure', 'sameSite', 'hostPrefix') && 'cookie changed',
    ].filter(Boolean);
    $('settings-summary').textContent = `${preset?.label ?? settings.preset}${changed.length ? `, changed: ${changed.join(', ')}` : ''}`;
    $('store-kind').textContent = { memory: 'in memory', connectRedis: 'Redis (connect-redis)', towerRedis: 'Redis', djangoDb: 'SQL: django_session', springRedis: 'Redis (Spring Session)', phpFiles: 'files (sess_*)' }[preset?.store] ?? '';
    showClusterSettings(root, settings);
  }

  return { renderStep, renderIdle, renderInspector, linkTicket, renderSettings };
}
