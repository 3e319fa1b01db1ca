// What the page tells the reader and the host page about where the reader is,
// as text and plain data: no DOM. Who acts in a moment ("Alice's laptop and
// the network"), the live region's sentence for a moment, the printed
// transcript's steps, the `step` event's detail, and the message about a
// shared link's session IDs the core refused. Every fact in them comes from
// the core's steps and snapshots (names, labels, narration, reasons); here
// they are only put into sentences.

import { WORDS } from './text/index.js';

const W = WORDS.announce;

const ACTOR_NAMES = W.actors;

/** Who acts in a moment, as a listener hears it: "Alice's laptop and the network". The browser's name is the snapshot's label. */
export function whoActs(entry) {
  const names = (entry.step.actors ?? [entry.step.actor]).map((actor) => {
    if (actor !== 'browser') return ACTOR_NAMES[actor] ?? actor;
    return entry.step.state.browsers.find((b) => b.key === entry.step.browser)?.label ?? W.theBrowser;
  });
  const text = W.list(names);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One announcement for a moment: where (step n of total), who, what; then
 * `more`, the tour card's visible lines. Each part ends as a sentence does,
 * so a title runs into nothing.
 */
export function spoken(entry, pos, total, more = []) {
  const parts = [W.moment(pos + 1, total, whoActs(entry), entry.step.narration), ...more];
  return parts.map((part) => (/[.!?:)”"]$/.test(part) ? part : `${part}.`)).join(' ');
}

/** The `step` event's detail: where the reader is, what acts, and the tour step, if in a tour. */
export function stepEvent(entry, pos, total, tour) {
  return {
    position: pos + 1,
    total,
    label: entry.label,
    actor: entry.step.actor,
    kind: entry.step.kind.type,
    steps: entry.steps.length,
    narration: entry.step.narration,
    scenario: tour === null ? null : { title: tour.info.title, step: entry.tourStep ? entry.tourStep.index + 1 : null, steps: tour.info.steps.length },
  };
}

/** The timeline's moments up to `pos`, for the printed transcript: who acts, the narration, and each tour step's title where it begins. */
export function transcript(timeline, pos) {
  const steps = [];
  for (let i = 0; i <= pos; i += 1) {
    const entry = timeline.at(i);
    const begins = entry.tourStep && timeline.at(i - 1)?.tourStep?.index !== entry.tourStep.index;
    steps.push({
      position: i + 1,
      who: whoActs(entry),
      narration: entry.step.narration,
      tourStep: begins ? { number: entry.tourStep.index + 1, title: entry.tourStep.title } : null,
    });
  }
  return steps;
}

/**
 * The message for session IDs a shared link asked for that the core refused
 * (its `refusedIds`: position, id, reason), the first five named.
 */
export function refusedIdsMessage(fresh) {
  return W.refusedIds(fresh.slice(0, 5), fresh.length);
}

/** A free-play action pressed at an earlier step joins the timeline's end; this says so. `at` is where the reader was, `last` the last step before it. */
export function joinedAtEnd(label, at, last) {
  return W.joinedAtEnd(label, at, last);
}
