// Scaling out on the stage: the load balancer, the app servers (which one
// handles the current step, which are stopped), each server's own records or
// the shared store's reachability, and the cost meter. Everything shown comes
// from the snapshot's `cluster` part; nothing here decides what happens. Every
// element is looked up within `root` (a Document or a ShadowRoot) and built
// inside one container, #cluster; text is set with textContent only.

import { el } from './dom.js';
import { duration, plural } from './format.js';

const BALANCING = [
  ['roundRobin', 'Round-robin (each server in turn)'],
  ['random', 'Random'],
  ['sticky', 'Sticky sessions (AWSALB cookie)'],
];
const LAYOUTS = [
  ['perServer', "Each server's own memory"],
  ['shared', 'One shared store (Redis-like)'],
];
const BALANCING_SHORT = { roundRobin: 'round-robin', random: 'random', sticky: 'sticky sessions' };

const byId = (root, id) => root.querySelector(`#${id}`);

/** A modelled total in milliseconds, always with three decimals: "0.400 ms". */
const millis = (ns) => `${(ns / 1_000_000).toFixed(3)} ms`;

function select(root, id, options) {
  const node = el('select');
  node.id = id;
  for (const [value, label] of options) node.append(new Option(label, value));
  return node;
}

function setting(root, id, label, control) {
  const box = el('div', 'setting');
  const tag = el('label', '', label);
  tag.htmlFor = id;
  box.append(tag, ' ', control);
  return box;
}

/**
 * Builds the topology settings (in the settings form) and the stage's
 * cluster panel. `run(label, action)` runs an action in the core, as the
 * page's other buttons do; `maxServers` is the core's limit (`Playground.limits()`).
 */
export function setupCluster(root, run, maxServers) {
  const form = byId(root, 'settings-form');
  const fields = el('fieldset', 'cluster-settings');
  fields.append(el('legend', '', 'Scale out: servers behind a load balancer'));
  const servers = Array.from({ length: maxServers }, (_, i) => [String(i + 1), String(i + 1)]);
  fields.append(
    setting(root, 'servers', 'App servers', select(root, 'servers', servers)),
    setting(root, 'balancing', 'Load balancer sends each request', select(root, 'balancing', BALANCING)),
    setting(root, 'store-layout', 'Sessions live in', select(root, 'store-layout', LAYOUTS)),
  );
  form.insertBefore(fields, byId(root, 'settings-error'));

  const panel = byId(root, 'cluster');
  const title = el('h2', '');
  title.id = 'cluster-title';
  title.append(el('span', 'dot'), 'Load balancer ', el('span', 'muted', ''));
  title.firstChild.setAttribute('aria-hidden', 'true');
  panel.setAttribute('aria-labelledby', 'cluster-title');
  const route = el('p', 'lb-route');
  route.id = 'cluster-route';
  const list = el('ul', 'nodes');
  list.id = 'cluster-nodes';
  list.setAttribute('aria-label', 'App servers behind the load balancer');
  const store = el('p', 'shared-store');
  store.id = 'cluster-store';
  // The cost meter opens on demand, over the figure, like the toolbar's drawers.
  const meter = el('details', 'drawer cost-meter');
  meter.id = 'cost-meter';
  const meterTitle = el('summary', '', 'Cost meter');
  meterTitle.id = 'cost-title';
  const meterBody = el('div', 'drawer-body');
  const table = el('table');
  table.append(el('caption', 'visually-hidden', 'Session work: this action and in all'));
  const head = el('tr');
  for (const text of ['Measure', 'This action', 'In all']) {
    const th = el('th');
    th.scope = 'col';
    th.append(text === 'Measure' ? el('span', 'visually-hidden', text) : text);
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  body.id = 'cost-rows';
  table.append(thead, body);
  const model = el('p', 'hint cost-model');
  model.id = 'cost-model';
  meterBody.append(table, model);
  meter.append(meterTitle, meterBody);

  const admin = el('div', 'buttons cluster-admin');
  admin.setAttribute('role', 'group');
  admin.setAttribute('aria-label', 'Servers and store');
  const pick = el('select');
  pick.id = 'cluster-server';
  const pickLabel = el('label', 'visually-hidden', 'Server to stop or start');
  pickLabel.htmlFor = 'cluster-server';
  const button = (id, text, action) => {
    const b = el('button', 'admin', text);
    b.type = 'button';
    b.id = id;
    b.addEventListener('click', () => {
      const chosen = action(Number(pick.value));
      run(chosen.label, chosen.action);
    });
    return b;
  };
  admin.append(
    pickLabel,
    pick,
    button('stop-server', 'Stop server', (n) => ({ label: `Stop app-${n}`, action: { action: 'stopServer', server: n } })),
    button('start-server', 'Start server', (n) => ({ label: `Start app-${n} again`, action: { action: 'startServer', server: n } })),
    button('stop-store', 'Store goes down', () => ({ label: 'The session store goes down', action: { action: 'stopStore' } })),
    button('start-store', 'Store is back', () => ({ label: 'The session store is back', action: { action: 'startStore' } })),
  );
  panel.replaceChildren(title, route, list, store, meter);
  // Stopping servers and the store is the administrator's: in that drawer.
  byId(root, 'cluster-tools').replaceChildren(admin);
}

/** The topology fields of the settings form, in the scenario format's shape. */
export function clusterSettings(root) {
  return {
    servers: Number(byId(root, 'servers').value),
    balancing: byId(root, 'balancing').value,
    storeLayout: byId(root, 'store-layout').value,
  };
}

/** Fills the topology fields from settings, and notes them in the settings summary. */
export function showClusterSettings(root, settings) {
  byId(root, 'servers').value = String(settings.servers);
  byId(root, 'balancing').value = settings.balancing;
  byId(root, 'store-layout').value = settings.storeLayout;
  const clustered = settings.servers > 1 || settings.storeLayout === 'shared';
  if (!clustered) return;
  const summary = byId(root, 'settings-summary');
  const where = settings.storeLayout === 'shared' ? 'a shared store' : 'own memory each';
  summary.textContent = `${summary.textContent}; ${plural(settings.servers, 'server')}, ${BALANCING_SHORT[settings.balancing]}, ${where}`;
}

function costRows(root, action, total, network) {
  const rows = [
    ['Requests', action.requests, total.requests],
    ['Lookups', action.lookups, total.lookups],
    network ? ['Round trips to the store', action.roundTrips, total.roundTrips] : ['In-process operations', action.inProcessOps, total.inProcessOps],
  ];
  if (network) rows.push(['of them slow', action.slowRoundTrips, total.slowRoundTrips]);
  if (network && total.timeouts > 0) rows.push(['Timed out (no reply)', action.timeouts, total.timeouts]);
  rows.push(['Modelled time', millis(action.nanos), millis(total.nanos)]);
  return rows.map(([label, now, all]) => {
    const tr = el('tr');
    const th = el('th', '', label);
    th.scope = 'row';
    tr.append(th, el('td', '', String(now)), el('td', '', String(all)));
    return tr;
  });
}

function nodeItem(root, server, index, cluster, step) {
  const active = cluster.active === index && step !== null;
  const item = el('li', `node${active ? ' active' : ''}${server.up ? '' : ' down'}`);
  item.dataset.server = server.name;
  const head = el('p', 'node-head');
  head.append(el('strong', '', server.name), ' ', el('span', `node-state ${server.up ? 'up' : 'down'}`, server.up ? 'running' : 'stopped'));
  const load = el('p', 'node-load', `${plural(server.handled, 'request')}`);
  item.append(head, load);
  if (active) item.setAttribute('aria-current', 'step');
  // Each server's own records hang on its rack in the session store (the rack shows a few; this counts them all).
  if (cluster.layout === 'perServer') item.append(el('p', 'node-records', plural(server.recordTotal, 'session')));
  return item;
}

/** Shows the cluster part of a snapshot; hides the panel for one server with its own store. */
export function renderCluster(root, state, step) {
  const panel = byId(root, 'cluster');
  const cluster = state.cluster ?? null;
  panel.hidden = cluster === null;
  byId(root, 'server').classList.toggle('cluster-mode', cluster !== null);
  byId(root, 'cluster-tools').hidden = cluster === null;
  panel.classList.toggle('active', step?.actor === 'balancer');
  if (cluster === null) return;
  panel.querySelector('h2 .muted').textContent = BALANCING_SHORT[cluster.balancing];
  let route = 'Waiting for requests.';
  if (step?.kind.type === 'routed') route = step.kind.server ? `Sent to ${step.kind.server}.` : 'No server running: 503.';
  else if (step?.kind.type === 'affinitySet') route = `Pins this browser to ${step.kind.server} (AWSALB cookie).`;
  else if (cluster.active !== null && step) route = `Handling: ${cluster.servers[cluster.active].name}.`;
  byId(root, 'cluster-route').textContent = route;
  byId(root, 'cluster-nodes').replaceChildren(...cluster.servers.map((server, i) => nodeItem(root, server, i, cluster, step)));
  const store = byId(root, 'cluster-store');
  if (cluster.layout === 'shared') {
    store.hidden = false;
    store.textContent = cluster.storeReachable
      ? `Shared store (${cluster.storeKind}): reachable by every server over the network.`
      : `Shared store (${cluster.storeKind}) is DOWN: no server can read a session, so nobody can be authenticated.`;
    store.classList.toggle('down', !cluster.storeReachable);
  } else {
    store.hidden = false;
    store.classList.remove('down');
    store.textContent = 'Each server keeps its sessions in its own memory: no other server can see them.';
  }
  byId(root, 'cost-rows').replaceChildren(...costRows(root, cluster.action, cluster.total, cluster.networkStore));
  const m = cluster.model;
  byId(root, 'cost-model').textContent = `The model: an operation in the server's own memory ${duration(m.inProcessNs)}; a round trip to a shared store ${duration(m.roundTripNs)} (about what Redis's latency guide gives for a 1 Gbit/s network); 1 round trip in ${m.slowOneIn} is slow, ${duration(m.slowRoundTripNs)}; a command to a store that cannot be reached gets no reply and waits ${duration(m.unreachableTimeoutNs)} for the client to give up (an assumed command timeout: ioredis sets none by default).`;
  const pick = byId(root, 'cluster-server');
  const value = pick.value;
  if (pick.options.length !== cluster.servers.length) {
    pick.replaceChildren(...cluster.servers.map((s, i) => new Option(s.name, String(i + 1))));
    if (value !== '' && Number(value) <= cluster.servers.length) pick.value = value;
  }
  const shared = cluster.layout === 'shared';
  byId(root, 'stop-store').hidden = !shared;
  byId(root, 'start-store').hidden = !shared;
  byId(root, 'store-kind').textContent = shared ? `shared: ${cluster.storeKind}${cluster.storeReachable ? '' : ', DOWN'}` : "each server's own memory";
  byId(root, 'store').classList.toggle('down', shared && !cluster.storeReachable);
}
