// Rendering: turns one step of a trace (or the world at rest) into DOM.
// Everything shown comes from the step's data; nothing here decides what
// happens in the protocol. Text from the model is always set as textContent.

import { renderCluster, showClusterSettings } from './cluster.js';
import { el, shortId } from './dom.js';
import { count } from './format.js';
import { showTokenSettings } from './token-settings.js';
import { WORDS } from './text/index.js';

const W = WORDS.view;

/** How many of the records a sweep, a flush or a user's logout removed are drawn struck through; the rest are counted. */
const GHOSTS_SHOWN = 12;

export { el, shortId };

/**
 * A session ID's colour: a hue worked out from the ID's characters (FNV-1a),
 * so the same ID has the same colour wherever it is drawn. It marks borders
 * and stripes, never text, so it never decides whether text is readable.
 */
export function idColour(id) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Twelve hues 30° apart, away from nothing in particular: distinct at a glance.
  return `hsl(${(hash % 12) * 30} 75% 48%)`;
}

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

  // The store's name over its panel, both the core's: a cluster's snapshot
  // names its store each step (cluster.js); one server's store is its
  // preset's (`storeLabel`), which the settings panel tells. Whichever the
  // shown moment has wins, in whatever order the two are drawn.
  let presetStoreLabel = '';
  let clustered = false;

  /**
   * Shows a moment: the actors, the message in flight, the jars and the
   * store. `step` is one step of a trace, or a moment's steps folded into
   * one (see player.js): the last step's state and kind, the moment's store
   * operation and message, its narrations joined.
   */
  function renderStep(step, position, shownBrowser, options = {}) {
    renderState(step.state, step, shownBrowser, options);
    const actors = step.actors ?? [step.actor];
    for (const actor of ['browser', 'server', 'store']) {
      $(actor).classList.toggle('active', actors.includes(actor));
    }
    $('clock-line').classList.toggle('active', actors.includes('clock'));
    const badge = $('actor-badge');
    badge.hidden = false;
    badge.className = `badge ${step.actor}`;
    badge.textContent = W.actorBadge[step.actor] ?? step.actor;
    $('narration').textContent = step.narration;
    $('counter').textContent = W.counter(position.index + 1, position.total, position.label);
    // What the server is doing, in the core's words.
    $('server-status').textContent = step.serverStatus ?? '';
    renderHeld(step);
    renderPacket(step);
    const eavesdropper = $('eavesdropper');
    const overheard = step.overheard ?? (step.kind.type === 'eavesdropped' ? step.kind : null);
    eavesdropper.hidden = overheard === null;
    eavesdropper.textContent = overheard?.ticketSeen ? W.eavesdropperCopies : W.eavesdropperSeesNothing;
    // Once every part holds its lines (the server's card, above the store's on a phone scaling
    // out, sets the rack's room), the touched coat is brought into the rack's view.
    revealMarked($('store-rows'));
    drawConnector(step);
  }

  /** Shows the world at rest, before any action or after a reset. */
  function renderIdle(snapshot, narration, shownBrowser, options = {}) {
    renderState(snapshot, null, shownBrowser, options);
    for (const actor of ['browser', 'server', 'store']) $(actor).classList.remove('active');
    $('clock-line').classList.remove('active');
    $('actor-badge').hidden = true;
    $('narration').textContent = narration;
    $('counter').textContent = W.noActionYet;
    $('server-status').textContent = W.waitingForRequests;
    $('held').hidden = true;
    $('packet').className = 'packet';
    $('wire-state').textContent = W.nothingOnTheWire;
    $('eavesdropper').hidden = true;
    $('inspector').hidden = true;
    // No coat is touched at rest, and the rack holds nothing to scroll (the store is empty before any
    // action): nothing to reveal, and no layout forced in the middle of the mount to find that out.
    drawConnector(null);
  }

  const COAT_TEXT = W.coat;

  function renderState(state, step, shownBrowser, options) {
    const browser = state.browsers.find((b) => b.key === shownBrowser) ?? state.browsers[0];
    for (const button of root.querySelectorAll('[data-browser]')) {
      button.setAttribute('aria-pressed', String(button.dataset.browser === browser.key));
    }
    $('browser-label').textContent = browser.label;
    // An element's landmarks end with its own name, so several on a page stay distinct.
    const suffix = $('stage').dataset.suffix ?? '';
    $('browser').setAttribute('aria-label', W.browserLabel(browser.label, suffix));
    $('jar-box').setAttribute('aria-label', W.jarLabel(browser.label, suffix));
    $('address').textContent = browser.screen.url;
    const status = $('screen-status');
    status.textContent = browser.screen.status ? String(browser.screen.status) : '';
    status.className = `status ${browser.screen.status >= 400 ? 'bad' : 'ok'}`;
    $('screen-text').textContent = browser.screen.text;
    renderJar(browser, state, step && step.browser === browser.key ? step : null);
    const others = $('other-jars');
    others.replaceChildren();
    state.browsers
      .filter((b) => b.key !== browser.key)
      .forEach((b, i) => {
        if (i > 0) others.append(' · ');
        const part = el('span', '', `${b.label}: ${b.jar.length ? b.jar.map((c) => `${c.name}=${shortId(c.value)}`).join(', ') : W.noCookies}`);
        if (b.ticket) {
          part.dataset.ticket = b.ticket;
          paint(part, b.ticket);
          if (b.ticketState !== 'live') part.append(W.otherTicketState(b.ticketState));
        }
        others.append(part);
      });
    $('clock').textContent = state.now.text;
    $('date').textContent = `(${state.date})`;
    renderStore(state, step, options.showTimes ?? false);
    renderCluster(root, state, step);
    clustered = state.cluster != null;
    if (!clustered && presetStoreLabel) $('store-kind').textContent = presetStoreLabel;
  }

  /**
   * The shown browser's jar. Which cookie is the session's ticket, and the ID
   * it carries, is the snapshot's: its world's cookie name (a start-over with
   * the __Host- defence renames it) and each cookie's `cookieTickets` entry,
   * decoded by the core as the server reads it.
   */
  function renderJar(browser, state, step) {
    const cookieName = state.cookieName;
    const jar = browser.jar;
    const list = $('jar');
    list.replaceChildren();
    const changed = new Set(
      step?.kind.type === 'responseReceived' ? step.kind.jarChanges.map((c) => c.name) : [],
    );
    if (step?.kind.type === 'jarTampered') jar.forEach((c) => changed.add(c.name));
    if (jar.length === 0) {
      list.append(el('li', 'empty', W.jarEmpty));
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
        paint(item, ticket);
        const coat = browser.cookieTicketStates[index];
        item.classList.add(`coat-${coat}`);
        item.setAttribute('aria-label', W.sessionCookieLabel(cookie.name, COAT_TEXT[coat]));
        // The ticket leaves the jar on the request it rides.
        // Which cookies go is the jar's decision, as the core reports it (the same name, domain and path).
        const sent = step?.kind.type === 'requestBuilt' ? step.kind.cookieDecisions : [];
        if (sent.some((d) => d.sent && d.name === cookie.name && d.domain === cookie.domain && d.path === cookie.path)) item.classList.add('leaving');
      }
      const pair = el('div', 'pair');
      pair.append(el('span', 'name', cookie.name), '=', el('span', 'value', cookie.value));
      const chips = el('div', 'chips');
      const attributes = [
        `Path=${cookie.path}`,
        cookie.hostOnly ? W.hostOnly : `Domain=${cookie.domain}`,
        cookie.httpOnly && 'HttpOnly',
        cookie.secure && 'Secure',
        cookie.sameSite && `SameSite=${cookie.sameSite}`,
        cookie.expires ? W.expires(cookie.expires) : W.untilBrowserCloses,
      ];
      for (const text of attributes.filter(Boolean)) chips.append(el('span', 'chip', text));
      item.append(pair, chips);
      if (isTicket) {
        const coat = ticket ? browser.cookieTicketStates[index] : 'unreadable';
        const first = ticket && ticket === browser.ticket && jar.filter((c) => c.name === cookieName).length > 1 ? W.sentFirst : '';
        const text = ticket ? W.ticket(shortId(ticket), first, COAT_TEXT[coat]) : W.unreadableTicket;
        item.append(el('p', `coat ${coat}`, text));
      }
      list.append(item);
    });
  }

  /**
   * The store as a coat rack: one coat per record, on its hook. What the
   * moment's store operation touched is marked: the coat a lookup found, a
   * coat just hung up, and (shown once more, struck through) what just left.
   * A lookup that finds nothing shows the ticket against an empty hook.
   * With one store per server, each server's memory is a rack of its own.
   * A big store comes as the core's bounded view (the records the moment
   * touched, the ones a jar's ticket names, the newest few) with its total:
   * the rest are counted at the top of the rack ("4,981 older coats on the rack, not drawn").
   */
  function renderStore(state, step, showTimes) {
    const rack = $('store-rows');
    rack.replaceChildren();
    const op = step?.storeOp ?? null;
    const cluster = state.cluster ?? null;
    const perServer = cluster !== null && cluster.layout === 'perServer';
    const groups = perServer
      ? cluster.servers.map((server, i) => ({ name: server.name, records: server.records, total: server.recordTotal, active: cluster.active === i }))
      : [{ name: null, records: state.store, total: state.storeTotal, active: true }];
    for (const group of groups) {
      if (group.name !== null) rack.append(el('li', 'group', W.memoryOf(group.name, group.total === 0)));
      // The records not sent are all older than the newest ones drawn: they are counted first, where they hang.
      const unseen = group.total - group.records.length;
      if (unseen > 0) rack.append(el('li', 'group rack-more', W.olderCoats(unseen)));
      for (const record of group.records) {
        let mark = '';
        if (op && group.active && op.id === record.id) {
          mark = { insert: 'inserted', rename: 'inserted', update: 'hit', lookup: op.expired ? 'expired' : 'hit' }[op.kind] ?? '';
        }
        rack.append(coat(record, mark, showTimes));
      }
      // What just left the store is shown once more, struck through (a few of them, and the count of the rest).
      if (op && group.active) {
        const ghost = (id, note) => rack.append(coat({ id, user: op.user ?? '', note }, 'deleted', false));
        if (op.kind === 'lookup' && !op.found && op.id) rack.append(coat({ id: op.id, user: '', note: W.emptyHook }, 'miss', false));
        if (op.kind === 'lookup' && op.expired && !group.records.some((r) => r.id === op.id)) ghost(op.id, W.expiredGhost(op.expired));
        if (op.kind === 'delete' && op.found) ghost(op.id, W.gone.deleted);
        if (op.kind === 'rename') ghost(op.oldId, W.gone.renamed);
        const removed = op.removed ?? [];
        const gone = op.kind === 'sweep' ? W.gone.swept : op.kind === 'flush' ? W.gone.lost : W.gone.deleted;
        for (const id of removed.slice(0, GHOSTS_SHOWN)) ghost(id, gone);
        if (removed.length > GHOSTS_SHOWN) rack.append(el('li', 'group rack-more', W.andMoreGone(count(removed.length - GHOSTS_SHOWN), gone)));
      }
    }
    const shown = rack.querySelectorAll('.coat-rec').length;
    $('store-empty').hidden = shown > 0;
    // The core says what an empty store means (under tokens it is no sign that nobody is logged in).
    if (state.storeEmpty) $('store-empty').textContent = state.storeEmpty;
  }

  /**
   * A rack longer than its room scrolls; the coat this moment touched (found,
   * filed, struck out, or the empty hook) is scrolled into the rack's view, so
   * the reader sees it without scrolling. Only the rack scrolls, never the page.
   */
  function revealMarked(rack) {
    rack.scrollTop = 0;
    const marked = rack.querySelector('.coat-rec:is(.hit, .miss, .inserted, .expired, .deleted)');
    if (!marked) return;
    const [room, coat] = [rack.getBoundingClientRect(), marked.getBoundingClientRect()];
    if (coat.bottom > room.bottom) rack.scrollTop = Math.min(coat.top - room.top, coat.bottom - room.bottom);
  }

  function coat(record, mark, showTimes) {
    const item = el('li', `coat-rec ${mark}`.trim());
    if (record.id) {
      item.dataset.ticket = record.id;
      item.tabIndex = 0;
      paint(item, record.id);
    }
    item.append(el('span', 'cid', shortId(record.id ?? '')), el('span', 'owner', record.user));
    if (record.note) {
      item.setAttribute('aria-label', W.noteLabel(record.id, record.note));
      item.append(el('span', 'note', record.note));
      return item;
    }
    item.setAttribute('aria-label', W.recordLabel(record.id, record.user, mark));
    const button = el('button', 'admin', W.revoke);
    button.type = 'button';
    button.dataset.revoke = record.id;
    button.setAttribute('aria-label', W.revokeLabel(shortId(record.id), record.user));
    item.append(button);
    if (showTimes) {
      const time = (instant) => (instant ? instant.text : W.never);
      item.append(el('span', 'times', W.times(time(record.lastSeen), time(record.idleExpires), time(record.absoluteExpires))));
    }
    return item;
  }

  /** The ticket the server holds while it works: the ID it read from the Cookie header. */
  function renderHeld(step) {
    const held = $('held');
    const id = step.heldId ?? null;
    held.hidden = id === null;
    if (id === null) return;
    held.textContent = W.ticketInHand(shortId(id));
    held.dataset.ticket = id;
    paint(held, id);
  }

  /**
   * The drawn match: on a lookup, a line from the ticket the server holds to
   * the coat the store found (or to the empty hook, on a miss).
   */
  function drawConnector(step) {
    const svg = $('connector');
    const path = $('connector-path');
    const op = step?.storeOp ?? null;
    const held = $('held');
    // The coat under the looked-up ID: found, expired (shown once more as it goes), or the empty hook of a miss.
    const target = op?.kind === 'lookup' && op.id ? $('store-rows').querySelector(`.coat-rec[data-ticket="${CSS.escape(op.id)}"]`) : null;
    if (!target || held.hidden) {
      path.setAttribute('d', '');
      svg.classList.remove('miss');
      svg.dataset.joins = '';
      return;
    }
    const stage = $('stage').getBoundingClientRect();
    const from = held.getBoundingClientRect();
    const to = target.getBoundingClientRect();
    // The store beside the server (a laptop, and a phone's one server): the line runs across,
    // from the ticket's right to the coat's left. The store under the server (a phone scaling
    // out): it runs down the cards' left margin, clear of the load balancer's lines between.
    let d;
    if (to.left >= from.right) {
      const [x1, y1] = [from.right - stage.left, from.top + from.height / 2 - stage.top];
      const [x2, y2] = [to.left - stage.left, to.top + to.height / 2 - stage.top];
      const bend = Math.max(20, (x2 - x1) / 2);
      d = `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
    } else {
      const margin = Math.min(from.left, to.left) - stage.left - 5;
      const [y1, y2] = [from.top + from.height / 2 - stage.top, to.top + to.height / 2 - stage.top];
      d = `M ${from.left - stage.left} ${y1} Q ${margin} ${y1}, ${margin} ${y1 + 6} V ${y2 - 6} Q ${margin} ${y2}, ${to.left - stage.left} ${y2}`;
    }
    path.setAttribute('d', d);
    svg.classList.toggle('miss', !target.classList.contains('hit'));
    svg.dataset.joins = target.dataset.ticket ?? '';
  }

  /** Where the packet sits on the stage: over the jar's ticket, or at either end of the wire. */
  function placePacket(packet, where, ticketValue) {
    const stage = $('stage').getBoundingClientRect();
    const wire = $('wire').getBoundingClientRect();
    const width = packet.offsetWidth;
    const height = packet.offsetHeight;
    // A wire as tall as the stage runs left to right (laptop); a short one, top to bottom (phone).
    const across = wire.height > stage.height / 2;
    let x;
    let y;
    if (where === 'jar') {
      const cookie = [...$('jar').querySelectorAll('li.cookie')].find((li) => ticketValue && li.textContent.includes(ticketValue)) ?? $('screen');
      const box = cookie.getBoundingClientRect();
      x = box.left + box.width / 2 - width / 2 - stage.left;
      y = box.top + box.height / 2 - height / 2 - stage.top;
    } else if (across) {
      x = where === 'server' ? wire.right - width - 4 - stage.left : wire.left + 4 - stage.left;
      y = wire.top + wire.height / 2 - height / 2 - stage.top;
    } else {
      x = (where === 'server' ? stage.width * 0.25 : stage.width * 0.75) - width / 2;
      y = where === 'server' ? wire.bottom - height - 2 - stage.top : wire.top + 2 - stage.top;
    }
    packet.style.setProperty('--x', `${Math.round(x)}px`);
    packet.style.setProperty('--y', `${Math.round(y)}px`);
  }

  /** The packet on the wire: where the message is at this step, with its ticket in the ID's colour. */
  function renderPacket(step) {
    const packet = $('packet');
    const message = step.message;
    const atServer = ['requestSent', 'eavesdropped', 'passwordChecked', 'cookieRead', 'storeOperation', 'responseBuilt', 'routed', 'affinitySet', 'refreshChecked'];
    if (!message) {
      packet.className = 'packet';
      $('wire-state').textContent = W.nothingOnTheWire;
      return;
    }
    const isRequest = message.direction === 'toServer';
    packet.replaceChildren();
    const head = isRequest ? message.startLine.replace(' HTTP/1.1', '') : `${message.status} ${reason(message)}`;
    packet.append(el('span', '', head));
    // The ticket is the session cookie the core found on the wire (never another cookie, the balancer's own, say), with the ID it stands for.
    const wire = message.ticket;
    const value = wire?.value ?? null;
    if (wire) {
      const ticket = el('span', 'ticket', `${isRequest ? '' : 'Set-Cookie '}${wire.name}=${value === '' ? W.emptyValue : shortId(value)}`);
      if (wire.id) {
        paint(ticket, wire.id);
        ticket.dataset.ticket = wire.id;
      }
      packet.append(ticket);
    }
    const where = step.kind.type === 'requestBuilt' ? 'jar' : atServer.includes(step.kind.type) ? 'server' : 'browser';
    packet.className = `packet visible ${isRequest ? 'request' : 'response'} at-${where}`;
    placePacket(packet, where, value);
    $('wire-state').textContent = W.wireState({ isRequest, head, ticket: wire ? shortId(value) || W.emptyValue : null, where });
  }

  const STORE_MEANING = W.storeMeaning;

  /** The inspector: the step's HTTP message or store command, raw or in plain English, and the jar's decision. */
  function renderInspector(step, mode) {
    const box = $('inspector');
    const pre = $('wire-text');
    const plain = $('wire-plain');
    pre.replaceChildren();
    plain.replaceChildren();
    if (!step.storeOp && !step.message) {
      box.hidden = true;
      return;
    }
    const titles = [];
    // The store's command first: in a moment of the server's work it runs before the response is built.
    if (step.storeOp) {
      titles.push(W.storeTitle);
      pre.append(el('span', 'cmd', step.storeOp.command.split('\n').map((line) => `$ ${line}`).join('\n')), '\n');
      for (const line of step.storeOp.command.split('\n')) plain.append(el('dt', '', line));
      plain.append(el('dd', '', STORE_MEANING[step.storeOp.kind]?.(step.storeOp) ?? ''));
    }
    if (step.message) {
      titles.push(step.message.direction === 'toServer' ? W.requestTitle : W.responseTitle);
      if (step.storeOp) pre.append('\n');
      // The core names the session cookie the message carries and the ID it
      // stands for (`message.ticket`); the page only finds that text's line.
      const wire = step.message.ticket;
      const carried = wire?.id ? `${wire.name}=${wire.value}` : null;
      for (const line of step.message.text.split('\n')) {
        const session = /^(Cookie|Set-Cookie):/.test(line);
        const node = session ? el('span', 'hl', line) : line;
        if (session && carried && line.includes(carried)) paint(node, wire.id);
        pre.append(node, '\n');
      }
      for (const line of step.message.explained) plain.append(el('dt', '', line.text), el('dd', '', line.meaning));
    }
    $('wire-title').textContent = titles.join('; ');
    pre.hidden = mode !== 'raw';
    plain.hidden = mode !== 'plain';
    const decision = $('jar-decision');
    const changes = step.jarChanges ?? (step.kind.type === 'responseReceived' ? step.kind.jarChanges : []);
    const sends = step.sendDecisions ?? (step.kind.type === 'requestBuilt' ? step.kind.cookieDecisions : []);
    let text = '';
    if (changes.length) {
      text = W.jarChanges(changes);
    } else if (sends.length) {
      text = W.jarSends(sends);
    }
    decision.hidden = text === '';
    decision.textContent = text;
    box.hidden = false;
  }

  /** Gives an element its session ID's colour: one colour per ID, in the jar, on the wire, in the store. */
  function paint(node, id) {
    node.style.setProperty('--id-colour', idColour(id));
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
    $('preset-summary').textContent = preset ? W.reproduces(preset.reproduces, preset.summary) : '';
    const differs = (...keys) => keys.some((key) => settings[key] !== defaults[key]);
    const changed = [
      differs('rotateOnLogin') && (settings.rotateOnLogin ? W.changed.rotationOn : W.changed.rotationOff),
      differs('logout') && W.changed.logout,
      differs('cleanup') && W.changed.cleanup,
      differs('idleTimeout', 'absoluteTimeout') && W.changed.timeouts,
      settings.ids.type !== 'csprng' && W.changed.ids(settings.ids.type),
      differs('strictAdoption') && W.changed.adoption,
      differs('httpOnly', 'secure', 'sameSite', 'hostPrefix') && W.changed.cookie,
    ].filter(Boolean);
    $('settings-summary').textContent = W.settingsSummary(preset?.label ?? settings.preset, changed);
    presetStoreLabel = preset?.storeLabel ?? '';
    if (!clustered) $('store-kind').textContent = presetStoreLabel;
    showClusterSettings(root, settings);
    showTokenSettings(root, settings);
  }

  return { renderStep, renderIdle, renderInspector, linkTicket, renderSettings };
}
