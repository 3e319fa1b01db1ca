// The scale lab's page part: reads the form, runs the core's ScaleRun in
// chunks (yielding to the browser between slices of a few milliseconds, so
// the page never freezes and Cancel works between them), and draws the
// results as SVG bar charts, with the same figures in a table. Every number
// shown comes from the core's result; this file only lays them out.

import { $, el } from './view.js';
import { duration } from './format.js';
import { LAB_WORDS } from './text/labs.js';

const W = LAB_WORDS.scale;

const SVG = 'http://www.w3.org/2000/svg';
/** Requests simulated per call into the core. */
const CHUNK = 20_000;
/** How long one slice of work may hold the main thread, in milliseconds. */
const SLICE_MS = 12;

// Counts, shares and sizes as the language writes them.
const { number, percent, bytes } = W;

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const optionText = (select, value) => [...$(select).options].find((o) => o.value === value)?.textContent ?? value;

/** Where a run keeps what a login leaves behind: session records in a layout, or tokens (with a denylist in the shared store). */
function keptAs(config) {
  return W.keptAs(config, optionText('scale-layout', config.layout));
}

/** How long a stolen credential stayed usable after revocation, in words, from the core's measured seconds. */
const stolenFor = W.stolenFor;

/** A run's configuration as phrases, e.g. ["4 servers", "round-robin", "one in-memory store per server"]. */
function phrases(config) {
  return W.phrases(config, optionText('scale-balancing', config.balancing), keptAs(config));
}

const describe = (config) => phrases(config).join(', ');

/**
 * Splits the runs' descriptions into what they share (said once) and what
 * tells each apart (each run's group label).
 */
function runLabels(results) {
  const all = results.map((r) => phrases(r.config));
  const common = all[0].filter((p) => all.every((parts) => parts.includes(p)));
  return { common: common.join(', '), each: all.map((parts) => parts.filter((p) => !common.includes(p)).join(', ')) };
}

/**
 * A horizontal bar chart: one group per run, one bar per value. Each bar
 * carries its value in data-value and as text; the figure's label repeats
 * every value for screen readers.
 */
function barChart({ id, title, groups, width, labelChars, valueChars, atLeast = 0 }) {
  // Room for each chart's longest label and value, at about 7 pixels a
  // character of 12px text; the same for every run, so bars compare across runs.
  const LABEL = Math.min(width * 0.4, labelChars * 7 + 8);
  const VALUE = Math.min(width * 0.45, valueChars * 7 + 10);
  const BAR = 18;
  const GAP = 6;
  const HEAD = 20;
  const area = Math.max(40, width - LABEL - VALUE - 12);
  // Every bar is measured against the largest value, or `atLeast` (1 for a share).
  let max = atLeast;
  for (const g of groups) for (const b of g.bars) max = Math.max(max, b.value);
  let y = 0;
  const body = [];
  const spoken = [];
  for (const g of groups) {
    if (g.label) {
      body.push(svg('text', { x: 0, y: y + 14, class: 'chart-group' }, g.label));
      y += HEAD;
    }
    for (const b of g.bars) {
      const length = max > 0 ? (area * b.value) / max : 0;
      body.push(svg('text', { x: 0, y: y + 13, class: 'chart-label' }, b.label));
      const rect = svg('rect', {
        x: LABEL,
        y,
        width: Math.max(b.value > 0 ? 1.5 : 0, length).toFixed(2),
        height: BAR,
        rx: 3,
        class: `bar ${b.kind ?? ''}`.trim(),
        'data-value': b.value,
        'data-label': b.label,
      });
      rect.append(svg('title', {}, W.barTitle(b.label, b.text)));
      body.push(rect);
      body.push(svg('text', { x: LABEL + length + 6, y: y + 13, class: 'chart-value' }, b.text));
      spoken.push(W.spokenBar(g.label, b.label, b.text));
      y += BAR + GAP;
    }
    y += GAP;
  }
  const figure = el('figure', 'chart');
  figure.id = id;
  const caption = el('figcaption', '', title);
  caption.id = `${id}-title`;
  const image = svg('svg', { width, height: y, viewBox: `0 0 ${width} ${y}`, role: 'img', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-values` });
  image.append(...body);
  const values = el('p', 'visually-hidden', W.spokenValues(spoken));
  values.id = `${id}-values`;
  figure.append(caption, image, values);
  return figure;
}

/** Draws every chart for a list of results (one per run of the sweep). */
function drawCharts(results) {
  const box = $('scale-charts');
  // The grid's columns (as www/style.css lays them out: at least 560px each, 12px apart), less a chart's padding and border.
  const space = box.clientWidth || 600;
  const columns = Math.max(1, Math.floor((space + 12) / (560 + 12)));
  const width = Math.max(240, Math.floor((space - 12 * (columns - 1)) / columns) - 26);
  const labels = runLabels(results);
  const label = (r) => labels.each[results.indexOf(r)];
  const charts = [
    barChart({
      id: 'scale-per-server',
      labelChars: 18,
      valueChars: 9,
      title: W.charts.perServer,
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: r.perServer.map((n, i) => ({
          label: W.serverBar(i + 1, r.config.stopServer === i + 1),
          value: n,
          text: number(n),
          kind: 'server',
        })),
      })),
    }),
    barChart({
      id: 'scale-found',
      labelChars: 5,
      valueChars: 26,
      title: W.charts.found,
      width,
      atLeast: 1,
      groups: results.map((r) => ({
        label: label(r),
        bars: [{ label: W.bars.found, value: r.lookups ? r.found / r.lookups : 0, text: W.foundOf(r.found, r.lookups), kind: 'found' }],
      })),
    }),
    barChart({
      id: 'scale-ops',
      labelChars: 11,
      valueChars: 4,
      title: W.charts.ops,
      width,
      atLeast: 1,
      groups: results.map((r) => ({
        label: label(r),
        bars: [
          { label: W.bars.commands, value: r.storeOps / r.done, text: (r.storeOps / r.done).toFixed(2), kind: 'lookup' },
          { label: W.bars.roundTrips, value: r.roundTrips / r.done, text: (r.roundTrips / r.done).toFixed(2), kind: 'trip' },
        ],
      })),
    }),
    barChart({
      id: 'scale-latency',
      labelChars: 5,
      valueChars: 9,
      title: W.charts.latency,
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: [
          { label: W.bars.p50, value: r.latency.p50Ns, text: duration(r.latency.p50Ns), kind: 'p50' },
          { label: W.bars.p99, value: r.latency.p99Ns, text: duration(r.latency.p99Ns), kind: 'p99' },
          { label: W.bars.p999, value: r.latency.p999Ns, text: duration(r.latency.p999Ns), kind: 'p99' },
          { label: W.bars.mean, value: r.latency.meanNs, text: duration(r.latency.meanNs), kind: 'p50' },
        ],
      })),
    }),
    barChart({
      id: 'scale-store',
      labelChars: 7,
      valueChars: 20,
      // A sweep of servers or balancers keeps the layout, so every run's records live in the same kind of store; sessions vs tokens mixes them.
      title: storeTitle(results),
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: [{ label: W.bars.records, value: r.records, text: r.config.layout === 'shared' && r.config.mechanism !== 'token' ? W.recordsAbout(r.records, r.memory.redisBytes) : number(r.records), kind: 'store' }],
      })),
    }),
    barChart({
      id: 'scale-revocation',
      labelChars: 11,
      valueChars: 22,
      title: W.charts.revocation,
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: [{ label: W.bars.stillUsable, value: r.revocation.usableSecs ?? r.revocation.watchSecs, text: stolenFor(r.revocation), kind: r.revocation.usableSecs === 0 ? 'found' : 'p99' }],
      })),
    }),
  ];
  box.replaceChildren(el('p', 'scale-common', W.common(results.length, labels.common)), ...charts);
}

/** The records chart's title: where the runs' records live. */
function storeTitle(results) {
  const layouts = new Set(results.map((r) => (r.config.mechanism === 'token' ? 'token' : r.config.layout)));
  if (layouts.size > 1) return W.storeTitle.mixed;
  if (layouts.has('token')) return W.storeTitle.tokens;
  return results[0].config.layout === 'shared' ? W.storeTitle.shared : W.storeTitle.perServer;
}

/** The table's memory cell: Redis's estimate for a shared store, else where the records are (or that there are none). */
function memoryCell(r) {
  if (r.config.mechanism === 'token') return r.records > 0 ? W.memory.refreshRecords : r.config.layout === 'shared' ? bytes(0) : W.memory.nothingStored;
  if (r.config.layout === 'shared') return bytes(r.memory.redisBytes);
  return W.memory.perServer;
}

/** The same figures as a table. */
function drawTable(results) {
  const columns = W.columns;
  const row = el('tr');
  for (const c of columns) row.append(Object.assign(el('th', '', c), { scope: 'col' }));
  $('scale-table-head').replaceChildren(row);
  $('scale-table-body').replaceChildren(
    ...results.map((r) => {
      const tr = el('tr');
      tr.append(Object.assign(el('th', '', describe(r.config)), { scope: 'row' }));
      for (const value of [
        number(r.done),
        number(r.logins),
        number(r.lookups),
        W.foundCell(r.found, r.lookups),
        number(r.notFound),
        number(r.storeOps),
        number(r.roundTrips),
        duration(r.latency.p50Ns),
        duration(r.latency.p99Ns),
        duration(r.latency.p999Ns),
        duration(r.latency.meanNs),
        number(r.records),
        memoryCell(r),
        number(r.sessionsLost),
        stolenFor(r.revocation),
        r.perServer.map(number).join(' / '),
      ]) {
        tr.append(el('td', '', value));
      }
      return tr;
    }),
  );
}

/** The model's assumptions, with the numbers the results were computed from. */
function drawModel(results) {
  $('scale-model').textContent = W.model(results[0]);
  const tokens = tokenModel(results);
  $('scale-model-tokens').textContent = tokens;
  $('scale-model-tokens').hidden = tokens === '';
}

/** What the token runs among `results` are modelled on, from the first of them; empty without one. */
function tokenModel(results) {
  const plain = results.find((r) => r.config.mechanism === 'token' && !r.config.denylist && !r.config.refresh);
  const listed = results.find((r) => r.config.mechanism === 'token' && r.config.denylist);
  const renewed = results.find((r) => r.config.mechanism === 'token' && r.config.refresh);
  const r = plain ?? listed ?? renewed;
  if (!r) return '';
  const some = results.find((x) => x.config.mechanism !== 'token') ?? r;
  return W.tokenModel({ plain, listed, renewed, r, some });
}

const LABELS = W.fieldLabels;
/** The form field behind each of the core's field names. */
const FIELDS = { mechanism: 'scale-mechanism', denylist: 'scale-mechanism', refresh: 'scale-mechanism', users: 'scale-users', requests: 'scale-requests', servers: 'scale-servers', seed: 'scale-seed', stopServer: 'scale-stop', outagePercent: 'scale-outage', balancing: 'scale-balancing', layout: 'scale-layout', sweep: 'scale-sweep', skewed: 'scale-skew' };

/** The core's "field: message" with the field's label from the form, ending as a sentence. */
function friendly(message) {
  const match = /^(\w+): (.*)$/s.exec(message);
  const text = match && LABELS[match[1]] ? W.fieldMessage(LABELS[match[1]], match[2]) : message;
  return W.asSentence(text);
}

/** The form field an error is about: the page's own checks name it; the core's errors start with its field name. */
function fieldOf(error) {
  return error.field ?? FIELDS[/^(\w+):/.exec(error.message)?.[1]];
}

/** A whole number in range from a text field, or an error naming the field. */
function whole(id, label, min, max) {
  const raw = $(id).value.trim().replaceAll(',', '').replaceAll('_', '');
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    const error = new Error(W.badWhole(label, min, max, $(id).value));
    error.field = id;
    throw error;
  }
  return Number(raw);
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Wires the scale lab's form to the engine module's `ScaleRun` (core.js). */
export function setupScale(ScaleRun) {
  const form = $('scale-form');
  const status = $('scale-status');
  const box = $('scale-progress-box');
  const bar = $('scale-progress');
  let running = null;
  let shown = null;

  const fillStops = () => {
    const servers = Number($('scale-servers').value);
    const stop = $('scale-stop');
    const keep = stop.value;
    stop.replaceChildren(Object.assign(el('option', '', W.noStop), { value: '' }));
    if (servers >= 2) for (let i = 1; i <= servers; i += 1) stop.append(Object.assign(el('option', '', W.stopOption(i)), { value: String(i) }));
    stop.value = Number(keep) <= servers && servers >= 2 ? keep : '';
  };
  $('scale-servers').addEventListener('change', fillStops);
  fillStops();

  const say = (text, kind = '') => {
    status.textContent = text;
    status.className = `lab-result ${kind}`.trim();
  };

  const finish = () => {
    running = null;
    box.hidden = true;
    $('scale-cancel').disabled = true;
    // Run is never disabled, only marked so: disabling the focused button would drop keyboard focus to the page.
    $('scale-run').removeAttribute('aria-disabled');
  };

  $('scale-cancel').addEventListener('click', () => {
    if (running) running.cancelled = true;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    let configs;
    try {
      const config = {
        users: whole('scale-users', W.fieldLabels.users, 1, 100_000),
        requests: whole('scale-requests', W.fieldLabels.requests, 1, 1_000_000),
        servers: Number($('scale-servers').value),
        balancing: $('scale-balancing').value,
        layout: $('scale-layout').value,
        seed: whole('scale-seed', W.fieldLabels.seed, 0, 4_294_967_295),
        stopServer: $('scale-stop').value ? Number($('scale-stop').value) : null,
        outagePercent: whole('scale-outage', W.fieldLabels.outagePercent, 0, 100),
        relogin: $('scale-relogin').checked,
        skewed: $('scale-skew').value === 'skewed',
        mechanism: $('scale-mechanism').value === 'session' ? 'session' : 'token',
        denylist: $('scale-mechanism').value === 'tokenDenylist',
        refresh: $('scale-mechanism').value === 'tokenRefresh',
      };
      configs = ScaleRun.sweep(config, $('scale-sweep').value);
    } catch (error) {
      const field = fieldOf(error);
      if (field) $(field).setAttribute('aria-invalid', 'true');
      say(W.failed(friendly(error.message), shown !== null), 'bad');
      return;
    }
    const total = configs.reduce((sum, c) => sum + c.requests, 0);
    const job = { cancelled: false };
    running = job;
    bar.value = 0;
    $('scale-progress-text').textContent = W.progress(0);
    box.hidden = false;
    $('scale-cancel').disabled = false;
    $('scale-run').setAttribute('aria-disabled', 'true');
    say(W.simulating(total, configs.length));
    const results = [];
    let before = 0;
    let simulated = 0;
    for (const config of configs) {
      const run = new ScaleRun(config);
      try {
        while (!run.finished) {
          await nextTurn();
          if (job.cancelled) break;
          const start = performance.now();
          do run.step(CHUNK);
          while (!run.finished && performance.now() - start < SLICE_MS);
          simulated = before + run.done;
          bar.value = simulated / total;
          $('scale-progress-text').textContent = W.progress(Math.floor((100 * simulated) / total));
        }
        if (job.cancelled) break;
        results.push(run.result());
      } finally {
        run.free();
      }
      before += config.requests;
    }
    finish();
    if (job.cancelled) {
      say(W.cancelled(simulated, total, shown !== null));
      return;
    }
    shown = results;
    drawCharts(results);
    drawTable(results);
    drawModel(results);
    say(W.simulated(total, results.length), 'ok');
  });

  // Redraw at the new width when the layout changes (a phone turned, a window resized).
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = $('scale-charts').clientWidth;
    if (shown && Math.abs(width - lastWidth) > 8) {
      lastWidth = width;
      drawCharts(shown);
    }
  }).observe($('scale-charts'));

  // The default run draws the charts at once; a hidden lab (?embed=1 shows the playground alone) does no work.
  if ($('scale').getClientRects().length > 0) form.requestSubmit();
}
