// Printing a playground: the figure at the step shown, then the steps so far
// as a transcript, each with who acts and what happens, so the page reads on
// paper. The transcript is written when the page is about to print (the
// `beforeprint` event, or print media coming into force, as when a test
// emulates it), not at every step: a long session pays nothing for it until
// someone prints. What shows and what hides on paper is style.css's
// `@media print`.

import { el } from './dom.js';
import { PART_WORDS } from './text/index.js';

// Its words come with it (a file of their own, fetched beside this module).
const W = await PART_WORDS.print.ready;

/**
 * Keeps `list` (an <ol>) ready for printing with `lines()`: the steps so far,
 * each `{ position, who, narration, tourStep }` (`tourStep`, when a tour step
 * starts there: `{ number, title }`). Returns a function that stops watching.
 */
export function watchPrint(list, lines) {
  const write = () => {
    list.replaceChildren(
      ...lines().map(({ position, who, narration, tourStep }) => {
        const item = el('li', 'print-step');
        if (tourStep) item.append(el('p', 'print-tour-step', W.tourStep(tourStep.number, tourStep.title)));
        const text = el('p');
        text.append(el('strong', null, W.step(position, who)), narration);
        item.append(text);
        return item;
      }),
    );
  };
  const media = window.matchMedia('print');
  const onChange = (event) => event.matches && write();
  media.addEventListener('change', onChange);
  window.addEventListener('beforeprint', write);
  // Fetched when the page was already about to print (on-demand.js): write now.
  if (media.matches) write();
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener('beforeprint', write);
  };
}
