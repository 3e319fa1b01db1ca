// The scale lab's page part: reads the form, runs the core's ScaleRun in
// chunks (yielding to the browser between slices of a few milliseconds, so
// the page never freezes and Cancel works between them), and draws the
// results as SVG bar charts, with the same figures in a table. Every number
// shown comes from the core's result; this file only lays them out.

import { $, el } from './view.js';
import { duration, plural } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Requests simulated per call into the core. */
const CHUNK = 20_000;
/** How long one slice of work may hold the main thread, in milliseconds. */
const SLICE_MS = 12;

const number = (n) => n.toLocaleString('en');
const percent = (part, whole) => (whole === 0 ? '—' : `${((100 * part) / whole).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`);

/** Bytes in decimal units. */
function bytes(n) {
  if (n >= 1e9) return `${(n / 1e9).toLocaleString('en', { maximumFractionDigits: 1 })} GB`;
  if (n >= 1e6) return `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
  if (n >= 1e3) return `${(n / 1e3).toLocaleString('en', { maximumFractionDigits: 1 })} kB`;
  return `${n} B`;
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const optionText = (select, value) => [...$(select).options].find((o) => o.value === value)?.textContent ?? value;

/** Where a run keeps what a login leaves behind: session records in a layout, or tokens (with a denylist in the shared store). */
function keptAs(config) {
  if (config.mechanism !== 'token') return `sessions: ${optionText('scale-layout', config.layout)}`;
  if (config.refresh) return 'tokens: refresh records in the shared store';
  return config.denylist ? 'tokens: a denylist in the shared store' : 'tokens: nothing stored';
}

/** How long a stolen credential stayed usable after revocation, in words, from the core's measured seconds. */
function stolenFor(revocation) {
  const secs = revocation.usableSecs;
  if (secs === null) return `still usable after ${plural(revocation.watchSecs / 3600, 'hour')}`;
  if (secs === 0) return '0 s: refused at once';
  const minutes = Math.floor(secs / 60);
  const rest = secs % 60;
  return [minutes ? plural(minutes, 'minute') : '', rest ? plural(rest, 'second') : ''].filter(Boolean).join(' ');
}

/** A run's configuration as phrases, e.g. ["4 servers", "round-robin", "one in-memory store per server"]. */
function phrases(config) {
  const parts = [`${config.servers} server${config.servers === 1 ? '' : 's'}`, optionText('scale-balancing', config.balancing), keptAs(config)];
  if (config.stopServer) parts.push(`server ${config.stopServer} stopped midway`);
  if (config.outagePercent) parts.push(`store down for ${config.outagePercent}% of the run`);
  if (config.relogin) parts.push('users log in again');
  if (config.skewed) parts.push('a few heavy users');
  return parts;
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
      rect.append(svg('title', {}, `${b.label}: ${b.text}`));
      body.push(rect);
      body.push(svg('text', { x: LABEL + length + 6, y: y + 13, class: 'chart-value' }, b.text));
      spoken.push(`${g.label ? `${g.label}: ` : ''}${b.label}: ${b.text}`);
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
  const values = el('p', 'visually-hidden', `${spoken.join('; ')}.`);
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
      title: 'Requests per server',
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: r.perServer.map((n, i) => ({
          label: `Server ${i + 1}${r.config.stopServer === i + 1 ? ' (stopped)' : ''}`,
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
      title: 'Requests after login that found their session (or whose token was accepted)',
      width,
      atLeast: 1,
      groups: results.map((r) => ({
        label: label(r),
        bars: [{ label: 'Found', value: r.lookups ? r.found / r.lookups : 0, text: `${percent(r.found, r.lookups)} (${number(r.found)} of ${number(r.lookups)})`, kind: 'found' }],
      })),
    }),
    barChart({
      id: 'scale-ops',
      labelChars: 11,
      valueChars: 4,
      title: 'Store commands and network round trips per request (express-session or the token server, as the stepper runs it)',
      width,
      atLeast: 1,
      groups: results.map((r) => ({
        label: label(r),
        bars: [
          { label: 'Commands', value: r.storeOps / r.done, text: (r.storeOps / r.done).toFixed(2), kind: 'lookup' },
          { label: 'Round trips', value: r.roundTrips / r.done, text: (r.roundTrips / r.done).toFixed(2), kind: 'trip' },
        ],
      })),
    }),
    barChart({
      id: 'scale-latency',
      labelChars: 5,
      valueChars: 9,
      title: 'Modelled session (or token) latency per request',
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: [
          { label: 'p50', value: r.latency.p50Ns, text: duration(r.latency.p50Ns), kind: 'p50' },
          { label: 'p99', value: r.latency.p99Ns, text: duration(r.latency.p99Ns), kind: 'p99' },
          { label: 'p99.9', value: r.latency.p999Ns, text: duration(r.latency.p999Ns), kind: 'p99' },
          { label: 'mean', value: r.latency.meanNs, text: duration(r.latency.meanNs), kind: 'p50' },
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
        bars: [{ label: 'Records', value: r.records, text: r.config.layout === 'shared' && r.config.mechanism !== 'token' ? `${number(r.records)} ≈ ${bytes(r.memory.redisBytes)}` : number(r.records), kind: 'store' }],
      })),
    }),
    barChart({
      id: 'scale-revocation',
      labelChars: 11,
      valueChars: 22,
      title: 'How long a stolen credential kept working after it was revoked (measured on the simulated clock)',
      width,
      groups: results.map((r) => ({
        label: label(r),
        bars: [{ label: 'Still usable', value: r.revocation.usableSecs ?? r.revocation.watchSecs, text: stolenFor(r.revocation), kind: r.revocation.usableSecs === 0 ? 'found' : 'p99' }],
      })),
    }),
  ];
  box.replaceChildren(el('p', 'scale-common', `${results.length > 1 ? `${results.length} runs, each with` : 'One run:'} ${labels.common}.`), ...charts);
}

/** The records chart's title: where the runs' records live. */
function storeTitle(results) {
  const layouts = new Set(results.map((r) => (r.config.mechanism === 'token' ? 'token' : r.config.layout)));
  if (layouts.size > 1) return 'Records held: sessions in the app servers\' memory or the shared store (with its memory in Redis, estimated); tokens none but refresh records';
  if (layouts.has('token')) return 'Records held: a token server stores no session (a denylist holds only revoked tokens, and nobody is revoked here; refresh tokens are records)';
  return results[0].config.layout === 'shared' ? 'Records held in the shared store, and their memory in Redis (estimate)' : "Records held in the app servers' own memory (in-process stores)";
}

/** The table's memory cell: Redis's estimate for a shared store, else where the records are (or that there are none). */
function memoryCell(r) {
  if (r.config.mechanism === 'token') return r.records > 0 ? '— (refresh records, not estimated)' : r.config.layout === 'shared' ? bytes(0) : '— (nothing stored)';
  if (r.config.layout === 'shared') return bytes(r.memory.redisBytes);
  return '— (in each server’s memory)';
}

/** The same figures as a table. */
function drawTable(results) {
  const columns = ['Run', 'Requests', 'Logins', 'Lookups', 'Found', 'Not found', 'Store commands', 'Round trips', 'p50', 'p99', 'p99.9', 'Mean', 'Records', 'Memory in Redis (estimate)', 'Sessions lost', 'Stolen credential usable after revocation', 'Requests per server'];
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
        `${number(r.found)} (${percent(r.found, r.lookups)})`,
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
  const r = results[0];
  const c = r.cost;
  // How many commands each kind of request runs: the core counts them in the stepper.
  const k = r.commands;
  const shared = r.config.layout === 'shared';
  const share = percent(r.latency.tailRequests, r.done);
  let tail = '';
  if (r.roundTrips > 0 && r.latency.tailRequests * 100 > r.done) {
    tail = ` Here ${share} of requests paid for a slow or failed round trip (a request that finds its session makes ${r.commands.found} round trips and a login ${r.commands.login}, so about ${r.commands.found} in 100 or more meet a slow one): more than the 1% that p99 leaves out, so p99 is one of them.`;
  } else if (r.roundTrips > 0) {
    tail = ` Here ${share} of requests paid for a slow or failed round trip: no more than the 1% that p99 leaves out, so p99 is a normal request and only p99.9 (when above 0.1%) and the mean show the tail.`;
  }
  $('scale-model').textContent =
    'How these figures are modelled: latency counts only the session store work, the commands the stepper runs for express-session on each request ' +
    `(through connect-redis on the shared store, through its MemoryStore in each server's memory), counted in the stepper itself: here a login runs ${k.login} ` +
    (shared ? "(DEL of the request's never-saved session, which regenerate() destroys, then SET twice: the login's save and the save as the response ends)" : '(it files the record)') +
    `, a login over the user's live session ${k.rotated}, a login whose cookie names nothing ${k.relogin}; ` +
    `a request that finds its session ${k.found} (it reads it and, since it did not change it, touches it to slide the expiry: GET, then EXPIRE), ` +
    `one that finds none ${k.missed} (GET). Each command costs ${duration(c.inProcessNs)} in the server's own memory or ${duration(c.roundTripNs)} for a round trip to the shared store, ` +
    `and every ${c.slowOneIn}th round trip takes ${duration(c.slowRoundTripNs)} (counted, not drawn at random, so the seed does not move the tail). ` +
    `While the shared store is down, each request's first command gets no answer and fails after the client's timeout, ${duration(c.unreachableTimeoutNs)} (an assumption, the same as the stepper's).${tail} ` +
    `Memory in Redis is an estimate of ${r.memory.redisBytesPerRecord} bytes a record: the key sess:<ID> (37 bytes), express-session's JSON for a logged-in user as the stepper stores it ` +
    '({"cookie":{…},"user":"alice","role":"customer"}, 109 bytes) and Redis 7\'s per-key structures; it is shown for the shared store only (per-server stores keep records in each app server\'s own memory, where the overhead differs). ' +
    `The simulator itself keeps ${r.memory.simulatorBytesPerUser} bytes a user (${bytes(r.memory.simulatorBytes)} here), and its IDs are its own numbers, not secrets. ` +
    'Users are alike unless "a few heavy users" is chosen: then the k-th user sends in proportion to 1/k (a Zipf-like mix; with 10,000 users the heaviest sends about a tenth of all requests). ' +
    'A stopped server stops after half the requests, and its in-memory records are deleted with it; an outage also starts then. No other record is deleted during a run (nobody logs out, and nothing expires).';
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
  let text =
    `With signed tokens (HS256 JWTs) a login signs a token and every later request verifies its signature and expiry, in the server's own CPU: ${duration(r.cost.tokenSignatureNs)} each (an assumption, stated), and ` +
    `${plain ? `${plain.commands.login} store commands at a login and ${plain.commands.found} at a request, counted in the stepper's token server, so any server accepts any token and a stopped server loses nobody` : 'no store command at a login'}.`;
  if (renewed) text += ` With refresh tokens a login also files a refresh record in the shared store (${renewed.commands.login} commands); no request asks the store again until its access token expires, and then a renewal reads and rotates the record (${renewed.commands.renewal} commands, counted in the stepper; not charged here: a run is taken to be shorter than any expiry, an access token's too). A revocation deletes the refresh record, so a stolen access token works until its own exp and is never renewed; the watch gives it the short life the fix intends, 5 minutes.`;
  if (listed) text += ` With a denylist every request after login also asks the shared store whether its token was revoked: ${listed.commands.found} command (EXISTS denylist:<jti>), a round trip like a session's lookup; while the store is down those requests fail, though logins, which ask nothing, still work.`;
  text +=
    ` The last column is measured, not assumed: for each run the stepper plays Alice logging in, Mallory copying what her browser holds, and the administrator revoking Alice's ${r.config.mechanism === 'token' ? 'token' : 'session'}; then Mallory asks for Alice's profile once a minute, and once a second over the last minute, until the server refuses her (here ${plural(r.revocation.attempts, 'try', 'tries')} for the tokens` +
    `${some !== r ? `, ${plural(some.revocation.attempts, 'try', 'tries')} for sessions` : ''}). A session's record is gone, so her first try fails; a token has no record to delete and works until its exp (with refresh tokens, at most the 5 minutes to the next renewal); a denylist refuses it at once.`;
  return text;
}

const LABELS = { mechanism: 'Logins kept as', denylist: 'Logins kept as', refresh: 'Logins kept as', users: 'Users', requests: 'Requests', servers: 'Servers', seed: 'Seed', stopServer: 'Stop a server midway', outagePercent: 'Shared store down', balancing: 'Balancer', layout: 'Session store', sweep: 'Sweep', skewed: 'Users send' };
/** The form field behind each of the core's field names. */
const FIELDS = { mechanism: 'scale-mechanism', denylist: 'scale-mechanism', refresh: 'scale-mechanism', users: 'scale-users', requests: 'scale-requests', servers: 'scale-servers', seed: 'scale-seed', stopServer: 'scale-stop', outagePercent: 'scale-outage', balancing: 'scale-balancing', layout: 'scale-layout', sweep: 'scale-sweep', skewed: 'scale-skew' };

/** The core's "field: message" with the field's label from the form, ending as a sentence. */
function friendly(message) {
  const match = /^(\w+): (.*)$/s.exec(message);
  const text = match && LABELS[match[1]] ? `${LABELS[match[1]]}: ${match[2]}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The form field an error is about: the page's own checks name it; the core's errors start with its field name. */
function fieldOf(error) {
  return error.field ?? FIELDS[/^(\w+):/.exec(error.message)?.[1]];
}

/** A whole number in range from a text field, or an error naming the field. */
function whole(id, label, min, max) {
  const raw = $(id).value.trim().replaceAll(',', '').replaceAll('_', '');
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    const error = new Error(`${label} must be a whole number from ${number(min)} to ${number(max)}; "${$(id).value}" is not.`);
    error.field = id;
    throw error;
  }
  return Number(raw);
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Wires the scale lab's form to the labs module's `ScaleRun` (core.js's `loadLabs()`). */
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
    stop.replaceChildren(Object.assign(el('option', '', 'none'), { value: '' }));
    if (servers >= 2) for (let i = 1; i <= servers; i += 1) stop.append(Object.assign(el('option', '', `server ${i}`), { value: String(i) }));
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
        users: whole('scale-users', 'Users', 1, 100_000),
        requests: whole('scale-requests', 'Requests', 1, 1_000_000),
        servers: Number($('scale-servers').value),
        balancing: $('scale-balancing').value,
        layout: $('scale-layout').value,
        seed: whole('scale-seed', 'Seed', 0, 4_294_967_295),
        stopServer: $('scale-stop').value ? Number($('scale-stop').value) : null,
        outagePercent: whole('scale-outage', 'Shared store down', 0, 100),
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
      say(`${friendly(error.message)}${shown ? ' The charts still show the last run.' : ''}`, 'bad');
      return;
    }
    const total = configs.reduce((sum, c) => sum + c.requests, 0);
    const job = { cancelled: false };
    running = job;
    bar.value = 0;
    $('scale-progress-text').textContent = '0%';
    box.hidden = false;
    $('scale-cancel').disabled = false;
    $('scale-run').setAttribute('aria-disabled', 'true');
    say(`Simulating ${number(total)} requests${configs.length > 1 ? ` in ${configs.length} runs` : ''}…`);
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
          $('scale-progress-text').textContent = `${Math.floor((100 * simulated) / total)}%`;
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
      say(`Cancelled after ${number(simulated)} of ${number(total)} requests${shown ? '; the charts still show the last run' : ''}.`);
      return;
    }
    shown = results;
    drawCharts(results);
    drawTable(results);
    drawModel(results);
    say(`Simulated ${number(total)} requests${results.length > 1 ? ` in ${results.length} runs` : ''}.`, 'ok');
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
