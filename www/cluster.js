// Scaling out on the stage: the load balancer, the app servers (which one
// handles the current step, which are stopped), each server's own records or
// the shared store's reachability, and the cost meter. Everything shown comes
// from the snapshot's `cluster` part; nothing here decides what happens. Every
// element is looked up within `root` (a Document or a ShadowRoot) and built
// inside one container, #cluster; text is set with textContent only.

import { el } from './dom.js';
import { duration } from './format.js';
import { WORDS } from './text/index.js';

const W = WORDS.cluster;

const BALANCING = Object.entries(W.balancing);
const LAYOUTS = Object.entries(W.layouts);
const BALANCING_SHORT = W.balancingShort;

const byId = (root, id) => root.querySelector(`#${id}`);

/** A modelled total in milliseconds, always with three decimals: "0.400 ms". */
const millis = (ns) => W.millis((ns / 1_000_000).toFixed(3));

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
 * Builds the topology settings (in the settings form), the stage's cluster
 * panel (`buildClusterPanel`) and the administrator's controls for servers
 * and the store (in its drawer). `run(label, action)` runs an action in the core, as the
 * page's other buttons do; `maxServers` is the core's limit (`Playground.limits()`).
 */
export function setupCluster(root, run, maxServers) {
  const form = byId(root, 'settings-form');
  const fields = el('fieldset', 'cluster-settings');
  fields.append(el('legend', '', W.legend));
  const servers = Array.from({ length: maxServers }, (_, i) => [String(i + 1), String(i + 1)]);
  fields.append(
    setting(root, 'servers', W.serversLabel, select(root, 'servers', servers)),
    setting(root, 'balancing', W.balancingLabel, select(root, 'balancing', BALANCING)),
    setting(root, 'store-layout', W.layoutLabel, select(root, 'store-layout', LAYOUTS)),
  );
  form.insertBefore(fields, byId(root, 'settings-error'));

  buildClusterPanel(root);

  const admin = el('div', 'buttons cluster-admin');
  admin.setAttribute('role', 'group');
  admin.setAttribute('aria-label', W.adminLabel);
  const pick = el('select');
  pick.id = 'cluster-server';
  const pickLabel = el('label', 'visually-hidden', W.pickLabel);
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
    button('stop-server', W.stopServer, (n) => ({ label: W.stopServerLabel(n), action: { action: 'stopServer', server: n } })),
    button('start-server', W.startServer, (n) => ({ label: W.startServerLabel(n), action: { action: 'startServer', server: n } })),
    button('stop-store', W.stopStore, () => ({ label: W.stopStoreLabel, action: { action: 'stopStore' } })),
    button('start-store', W.startStore, () => ({ label: W.startStoreLabel, action: { action: 'startStore' } })),
  );
  // Stopping servers and the store is the administrator's: in that drawer.
  byId(root, 'cluster-tools').replaceChildren(admin);
}

/**
 * Builds the stage's cluster panel in `root`: the load balancer, its servers,
 * the note on where sessions live and the cost meter. The playground's, and
 * each side of the fork's (which has no settings and no administrator).
 */
export function buildClusterPanel(root) {
  const panel = byId(root, 'cluster');
  const title = el('h2', '');
  title.id = 'cluster-title';
  title.append(el('span', 'dot'), W.title, el('span', 'muted', ''));
  title.firstChild.setAttribute('aria-hidden', 'true');
  panel.setAttribute('aria-labelledby', 'cluster-title');
  const route = el('p', 'lb-route');
  route.id = 'cluster-route';
  const list = el('ul', 'nodes');
  list.id = 'cluster-nodes';
  list.setAttribute('aria-label', W.nodesLabel);
  const store = el('p', 'shared-store');
  store.id = 'cluster-store';
  // The cost meter opens on demand, over the figure, like the toolbar's drawers.
  const meter = el('details', 'drawer cost-meter');
  meter.id = 'cost-meter';
  const meterTitle = el('summary', '', W.meterTitle);
  meterTitle.id = 'cost-title';
  const meterBody = el('div', 'drawer-body');
  const table = el('table');
  table.append(el('caption', 'visually-hidden', W.meterCaption));
  const head = el('tr');
  for (const [i, text] of W.meterColumns.entries()) {
    const th = el('th');
    th.scope = 'col';
    // The first column names the rows' measures: heard, not seen.
    th.append(i === 0 ? el('span', 'visually-hidden', text) : text);
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
  panel.replaceChildren(title, route, list, store, meter);
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
  summary.textContent = W.summary(summary.textContent, settings.servers, BALANCING_SHORT[settings.balancing], settings.storeLayout === 'shared');
}

function costRows(root, action, total, network) {
  const rows = [
    [W.cost.requests, action.requests, total.requests],
    [W.cost.lookups, action.lookups, total.lookups],
    network ? [W.cost.roundTrips, action.roundTrips, total.roundTrips] : [W.cost.inProcess, action.inProcessOps, total.inProcessOps],
  ];
  if (network) rows.push([W.cost.slow, action.slowRoundTrips, total.slowRoundTrips]);
  if (network && total.timeouts > 0) rows.push([W.cost.timedOut, action.timeouts, total.timeouts]);
  rows.push([W.cost.time, millis(action.nanos), millis(total.nanos)]);
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
  head.append(el('strong', '', server.name), ' ', el('span', `node-state ${server.up ? 'up' : 'down'}`, server.up ? W.running : W.stopped));
  const load = el('p', 'node-load', W.handled(server.handled));
  item.append(head, load);
  if (active) item.setAttribute('aria-current', 'step');
  // Each server's own records hang on its rack in the session store (the rack shows a few; this counts them all).
  if (cluster.layout === 'perServer') item.append(el('p', 'node-records', W.records(server.recordTotal)));
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
  let route = W.waiting;
  if (step?.kind.type === 'routed') route = step.kind.server ? W.sentTo(step.kind.server) : W.noServerRunning;
  else if (step?.kind.type === 'affinitySet') route = W.pins(step.kind.server);
  else if (cluster.active !== null && step) route = W.handling(cluster.servers[cluster.active].name);
  byId(root, 'cluster-route').textContent = route;
  byId(root, 'cluster-nodes').replaceChildren(...cluster.servers.map((server, i) => nodeItem(root, server, i, cluster, step)));
  const store = byId(root, 'cluster-store');
  if (cluster.layout === 'shared') {
    store.hidden = false;
    store.textContent = cluster.storeReachable ? W.sharedUp(cluster.storeKind) : W.sharedDown(cluster.storeKind);
    store.classList.toggle('down', !cluster.storeReachable);
  } else {
    store.hidden = false;
    store.classList.remove('down');
    store.textContent = W.ownMemory;
  }
  byId(root, 'cost-rows').replaceChildren(...costRows(root, cluster.action, cluster.total, cluster.networkStore));
  const m = cluster.model;
  byId(root, 'cost-model').textContent = W.model({ inProcess: duration(m.inProcessNs), roundTrip: duration(m.roundTripNs), slowOneIn: m.slowOneIn, slow: duration(m.slowRoundTripNs), timeout: duration(m.unreachableTimeoutNs) });
  const shared = cluster.layout === 'shared';
  // The administrator's controls are the playground's only (a side of the fork has none).
  const pick = byId(root, 'cluster-server');
  if (pick) {
    const value = pick.value;
    if (pick.options.length !== cluster.servers.length) {
      pick.replaceChildren(...cluster.servers.map((s, i) => new Option(s.name, String(i + 1))));
      if (value !== '' && Number(value) <= cluster.servers.length) pick.value = value;
    }
    byId(root, 'stop-store').hidden = !shared;
    byId(root, 'start-store').hidden = !shared;
  }
  byId(root, 'store-kind').textContent = shared ? W.storeKindShared(cluster.storeKind, cluster.storeReachable) : W.storeKindOwn;
  byId(root, 'store').classList.toggle('down', shared && !cluster.storeReachable);
}
