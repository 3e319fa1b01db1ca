// The stage's words (www/view.js): the step counter, the eavesdropper, the
// jar's cookies and tickets, the coat rack's records and what left it, the
// packet on the wire, the inspector's titles, what each store operation
// means in plain English, the jar's decisions, and the settings' summary.
// The narration, the server's status and the store's commands are the core's.

import { plural } from './numbers.js';

export default {
  counter: (step, total, label) => `Step ${step} of ${total}: ${label}`,
  eavesdropperCopies: 'Mallory is listening: she copies the ticket',
  eavesdropperSeesNothing: 'Mallory is listening: no ticket in sight',
  noActionYet: 'No action yet',
  waitingForRequests: 'Waiting for requests.',
  nothingOnTheWire: 'Nothing on the wire.',
  // What a ticket's record is, by the core's state of it.
  coat: {
    live: 'its record is in the store',
    expired: 'its record has expired',
    noRecord: 'no record in the store: this ticket names nothing',
  },
  // The landmarks' names; `suffix` tells one element's from another's.
  browserLabel: (browser, suffix) => `Browser: ${browser}${suffix}`,
  jarLabel: (browser, suffix) => `Cookie jar of ${browser}${suffix}`,
  noCookies: 'no cookies',
  // Another browser's ticket, when its record is not live.
  otherTicketState: (state) => ` (${state === 'noRecord' ? 'no record' : 'record expired'})`,
  jarEmpty: 'Empty: no cookies for this site.',
  sessionCookieLabel: (name, coat) => `Session cookie ${name}: ${coat}`,
  hostOnly: 'host-only',
  expires: (when) => `expires ${when}`,
  untilBrowserCloses: 'until the browser closes',
  sentFirst: ' (the one sent first)',
  ticket: (id, first, coat) => `Ticket ${id}${first}: ${coat}`,
  unreadableTicket: 'The server cannot read an ID from this cookie',
  memoryOf: (server, empty) => `${server}'s memory${empty ? ': empty' : ''}`,
  olderCoats: (unseen) => `${plural(unseen, 'older coat', 'older coats')} on the rack, not drawn`,
  emptyHook: 'empty hook: this ticket names nothing',
  expiredGhost: (timeout) => `expired (${timeout})`,
  // A record shown once more as it leaves the store, by how it left.
  gone: { deleted: 'deleted', renamed: 'renamed', swept: 'swept', lost: 'lost' },
  andMoreGone: (more, gone) => `and ${more} more ${gone}`,
  noteLabel: (id, note) => `Session ${id}: ${note}`,
  // A record's name; `mark` is what the moment did to it (hit, inserted or nothing).
  recordLabel: (id, user, mark) => `Session ${id} of ${user}${mark === 'hit' ? ': found' : mark === 'inserted' ? ': just filed' : ''}`,
  revoke: 'Revoke',
  revokeLabel: (id, user) => `Revoke session ${id} of ${user}`,
  never: 'never',
  times: (seen, idleEnds, ends) => `seen ${seen} · idle ends ${idleEnds} · ends ${ends}`,
  ticketInHand: (id) => `Ticket in hand: ${id}`,
  emptyValue: '(empty)',
  // Where the message is: `head` its start line or status, `ticket` the ID it carries (null: none), `where` jar, server or browser.
  wireState: ({ isRequest, head, ticket, where }) => {
    const going = isRequest ? 'to the server' : 'to the browser';
    const place = where === 'server' ? 'at the server' : where === 'jar' ? 'leaving the browser' : 'at the browser';
    return `${isRequest ? 'Request' : 'Response'} ${head}, ${ticket !== null ? `with ticket ${ticket}` : 'no ticket'}: ${place}${where === 'jar' ? `, on its way ${going}` : ''}.`;
  },
  // What a store operation means, in plain English, by its kind.
  storeMeaning: {
    insert: (op) => `Files a new record for ${op.user} under this ID.`,
    lookup: (op) => (op.expired ? `Finds ${op.user}'s record, but it has expired (${op.expired} timeout).` : op.found ? `Finds the record: the session of ${op.user}.` : 'Finds no record under this ID.'),
    update: (op) => `Gives the existing session to ${op.user}, keeping its ID.`,
    rename: () => 'Moves the record to a new ID; the old ID is dead.',
    delete: (op) => (op.found ? `Deletes ${op.user}'s record.` : 'Nothing to delete under this ID.'),
    deleteUser: (op) => `Finds ${op.user}'s sessions and deletes ${op.removed.length}.`,
    sweep: (op) => `Removes ${op.removed.length} expired record${op.removed.length === 1 ? '' : 's'}.`,
    flush: (op) => (op.removed.length ? `Everything is gone: ${op.removed.length} record${op.removed.length === 1 ? '' : 's'} lost.` : 'No record was lost.'),
    failed: () => 'No reply: the store cannot be reached, so nothing is read or written.',
  },
  storeTitle: 'In the store: the command it runs',
  requestTitle: 'On the wire: the request',
  responseTitle: 'On the wire: the response',
  // The jar's decisions on a response's cookies (the core's outcome and reason) and on a request's.
  jarChanges: (changes) =>
    `The jar's decision: ${changes.map((c) => (c.outcome === 'rejected' ? `rejected (${c.reason})` : `${c.name} ${{ stored: 'stored', replaced: 'replaced', deleted: 'deleted', nothingToDelete: 'was not there to delete' }[c.outcome]}`)).join('; ')}.`,
  jarSends: (sends) => `The jar's decision: ${sends.map((d) => `${d.name} ${d.reason}`).join('; ')}.`,
  reproduces: (what, summary) => `Reproduces ${what}. ${summary}`,
  // What the reader changed from the preset's defaults, in the settings' summary.
  changed: {
    rotationOn: 'rotation on',
    rotationOff: 'rotation off',
    logout: 'logout changed',
    cleanup: 'cleanup changed',
    timeouts: 'timeouts changed',
    ids: (type) => `${type} IDs`,
    adoption: 'adopts unknown IDs',
    cookie: 'cookie changed',
  },
  settingsSummary: (preset, changed) => `${preset}${changed.length ? `, changed: ${changed.join(', ')}` : ''}`,
};
