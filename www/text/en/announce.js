// What the page says about where the reader is (www/announce.js): who acts
// in a moment, the live region's sentence, a shared link's refused session
// IDs, and a free-play action that joined the timeline's end.

import { ordinal } from './numbers.js';

export default {
  // The actors other than a browser (whose name is the snapshot's label).
  actors: { network: 'the network', server: 'the server', store: 'the session store', clock: 'the clock', balancer: 'the load balancer' },
  theBrowser: 'the browser',
  // "Alice's laptop and the network"; "a, b and c".
  list: (names) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]),
  moment: (step, total, who, narration) => `Step ${step} of ${total}, ${who}: ${narration}`,
  // The first few refused IDs (`shown`: position, id, reason) of `count` in all.
  refusedIds: (shown, count) => {
    const named = shown.map(({ position, id, reason }) => `the ${ordinal(position)} ID, “${id.length > 40 ? `${id.slice(0, 40)}…` : id}”: ${reason}`);
    const more = count > named.length ? `; and ${count - named.length} more` : '';
    const one = count === 1;
    return `The shared link asked for ${one ? 'a session ID' : 'session IDs'} the real CSPRNG could not have drawn, so ${one ? 'a fresh one was' : 'fresh ones were'} drawn instead (what follows may differ from the link's run): ${named.join('; ')}${more}.`;
  },
  joinedAtEnd: (label, at, last) =>
    `“${label}” ran after the timeline's last step, step ${last}, not after step ${at}, where you were: steps are only ever added at the end, so nothing after step ${at} was lost.`,
};
