// Scaling out's words (www/cluster.js): the topology fields of the settings
// form (the balancers and store layouts by the core's keys), the balancer's
// panel, each server's state and load, the shared store, the cost meter and
// its model, and the administrator's server and store buttons.

import { plural } from './numbers.js';

export default {
  // The settings form's choices, in order, by the scenario format's values.
  balancing: {
    roundRobin: 'Round-robin (each server in turn)',
    random: 'Random',
    sticky: 'Sticky sessions (AWSALB cookie)',
  },
  layouts: {
    perServer: "Each server's own memory",
    shared: 'One shared store (Redis-like)',
  },
  // The balancer's policy in the panel's title and the settings' summary.
  balancingShort: { roundRobin: 'round-robin', random: 'random', sticky: 'sticky sessions' },
  millis: (ms) => `${ms} ms`,
  legend: 'Scale out: servers behind a load balancer',
  serversLabel: 'App servers',
  balancingLabel: 'Load balancer sends each request',
  layoutLabel: 'Sessions live in',
  title: 'Load balancer ',
  nodesLabel: 'App servers behind the load balancer',
  meterTitle: 'Cost meter',
  meterCaption: 'Session work: this action and in all',
  meterColumns: ['Measure', 'This action', 'In all'],
  adminLabel: 'Servers and store',
  pickLabel: 'Server to stop or start',
  stopServer: 'Stop server',
  stopServerLabel: (n) => `Stop app-${n}`,
  startServer: 'Start server',
  startServerLabel: (n) => `Start app-${n} again`,
  stopStore: 'Store goes down',
  stopStoreLabel: 'The session store goes down',
  startStore: 'Store is back',
  startStoreLabel: 'The session store is back',
  summary: (summary, servers, balancing, shared) => `${summary}; ${plural(servers, 'server')}, ${balancing}, ${shared ? 'a shared store' : 'own memory each'}`,
  // The cost meter's rows.
  cost: {
    requests: 'Requests',
    lookups: 'Lookups',
    roundTrips: 'Round trips to the store',
    inProcess: 'In-process operations',
    slow: 'of them slow',
    timedOut: 'Timed out (no reply)',
    time: 'Modelled time',
  },
  running: 'running',
  stopped: 'stopped',
  handled: (requests) => plural(requests, 'request'),
  records: (sessions) => plural(sessions, 'session'),
  waiting: 'Waiting for requests.',
  sentTo: (server) => `Sent to ${server}.`,
  noServerRunning: 'No server running: 503.',
  pins: (server) => `Pins this browser to ${server} (AWSALB cookie).`,
  handling: (server) => `Handling: ${server}.`,
  sharedUp: (kind) => `Shared store (${kind}): reachable by every server over the network.`,
  sharedDown: (kind) => `Shared store (${kind}) is DOWN: no server can read a session, so nobody can be authenticated.`,
  ownMemory: 'Each server keeps its sessions in its own memory: no other server can see them.',
  // The cost model's stated numbers, each already written as a duration.
  model: ({ inProcess, roundTrip, slowOneIn, slow, timeout }) =>
    `The model: an operation in the server's own memory ${inProcess}; a round trip to a shared store ${roundTrip} (about what Redis's latency guide gives for a 1 Gbit/s network); 1 round trip in ${slowOneIn} is slow, ${slow}; a command to a store that cannot be reached gets no reply and waits ${timeout} for the client to give up (an assumed command timeout: ioredis sets none by default).`,
  storeKindShared: (kind, reachable) => `shared: ${kind}${reachable ? '' : ', DOWN'}`,
  storeKindOwn: "each server's own memory",
};
