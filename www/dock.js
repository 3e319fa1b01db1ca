// The dock's controls drawn from data: the stepper's buttons and scrubber
// (from the `Stepper`'s state, tour.js), the tour card (what
// `Stepper.card()` says it shows) and the narration's More. Nothing here
// decides anything: it sets text with textContent, attributes and classes,
// within one playground's `root`.

import { WORDS } from './text/index.js';

const W = WORDS.dock;

/**
 * The stepper as `stepper` (tour.js) stands: Next and Play keep focus at the
 * end of the timeline (aria-disabled, not disabled); `playing` says whether
 * Play is on.
 */
export function renderStepperControls(root, stepper, playing) {
  const $ = (id) => root.querySelector(`#${id}`);
  const length = stepper.timeline.length;
  const empty = length === 0;
  $('next').setAttribute('aria-disabled', String(!stepper.nextWorks));
  $('next').classList.toggle('waiting', stepper.nextWorks);
  $('next').textContent = stepper.nextLabel;
  $('back').disabled = stepper.pos <= 0;
  $('first').disabled = stepper.pos <= 0;
  $('last').disabled = empty || stepper.atEnd;
  $('play').setAttribute('aria-disabled', String(!stepper.canForward && !playing));
  $('play').setAttribute('aria-pressed', String(playing));
  $('play').textContent = playing ? W.pause : W.play;
  const scrubber = $('scrubber');
  scrubber.disabled = length < 2;
  $('scrub').classList.toggle('empty-timeline', empty);
  scrubber.max = String(Math.max(1, length));
  scrubber.value = String(Math.max(1, stepper.pos + 1));
  scrubber.setAttribute('aria-valuetext', empty ? W.noSteps : W.stepOf(stepper.pos + 1, length));
}

/** The tour box: `card` as `Stepper.card()` gives it (null hides it); a choice's button calls `answer(index)`. */
export function renderTourCard(root, card, answer) {
  const $ = (id) => root.querySelector(`#${id}`);
  const box = $('tour-box');
  box.hidden = card === null;
  if (card === null) return;
  $('tour-name').textContent = card.name;
  $('tour-position').textContent = card.position;
  const verdict = $('tour-verdict');
  verdict.hidden = card.verdict === null;
  if (card.verdict !== null) {
    verdict.textContent = card.verdict.text;
    verdict.className = `verdict ${card.verdict.tone}`;
  }
  $('tour-say').textContent = card.say;
  $('tour-step-title').hidden = !card.title;
  $('tour-step-title').textContent = card.title ?? '';
  $('tour-ask').hidden = card.question === null;
  const choices = $('tour-choices');
  choices.replaceChildren();
  if (card.question === null) return;
  $('tour-question').textContent = card.question.text;
  card.question.choices.forEach((label, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', () => answer(i));
    choices.append(button);
  });
}

/** The tour card's lines a listener hears after the step's own sentence: those on show. */
export function tourCardLines(root) {
  const lines = [];
  for (const id of ['tour-step-title', 'tour-verdict', 'tour-say', 'tour-question']) {
    const node = root.querySelector(`#${id}`);
    if (!node.hidden && !node.closest('[hidden]') && node.textContent) lines.push(node.textContent);
  }
  return lines;
}

/**
 * The narration box shows a few lines; More opens the rest. Whether the text
 * is clipped is a measure of the laid-out page: read at once, it lays out
 * everything changed so far. With `beforeNextFrame` (the mount's first
 * draw) it is read in the next frame instead, from the layout that frame
 * makes anyway, so the mount's task does not lay out the whole new stage.
 */
export function fitNarration(root, { beforeNextFrame = false } = {}) {
  const $ = (id) => root.querySelector(`#${id}`);
  $('narration-box').classList.remove('expanded');
  $('narration-more').setAttribute('aria-expanded', 'false');
  $('narration-more').textContent = W.more;
  if (beforeNextFrame) requestAnimationFrame(() => showMoreIfClipped($));
  else showMoreIfClipped($);
}

/** More shows while the narration is taller than its box. */
function showMoreIfClipped($) {
  const text = $('narration');
  $('narration-more').hidden = text.scrollHeight <= text.clientHeight + 2;
}
