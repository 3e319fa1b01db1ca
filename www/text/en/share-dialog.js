// English words of the Share and Embed dialog (www/share-dialog.js), fetched
// with it at the first press of Share or Embed (www/text/index.js,
// `PART_WORDS.shareDialog`): its titles, labels and notes, the snippets'
// titles, and the inline scenario's title when free play is embedded as an
// element.

export default {
  // The iframe snippet's title attribute.
  frameTitle: 'Session playground',
  frameTitleOf: (scenario) => `Session playground: ${scenario}`,
  forkNeedsIframe: 'A forked moment is replayed by the iframe; an element opens forked when its scenario says "fork": "tokens".',
  tourThenFreePlay: 'This moment starts in a tour and carries on in free play, which only the iframe can replay.',
  inlineTitle: 'A session, step by step',
  inlineSummary: 'Played in the session playground and shared from it.',
  linkNote: 'The link replays the same actions with the same session IDs, and opens at the same step. It lives in the address itself: nothing is stored anywhere.',
  iframeNote: 'Paste it into your article: the playground alone, at this moment, in a frame. Its events reach your page by postMessage.',
  elementNote: 'One module script, then the element wherever it should appear. Several can share a page.',
  elementScenarioNote:
    'One module script, then the element: your actions as a scenario of its own, opening at the action shown. Its session IDs are drawn afresh; for the very same ones, use the iframe or a seed.',
  linkLabel: 'Link to this moment',
  snippetLabel: 'Snippet to paste',
  previewTitle: 'Preview',
  shareTitle: 'Share this moment',
  embedTitle: 'Embed this moment',
  copied: 'Copied.',
  copyRefused: 'Copying was not allowed here: the text is selected, press Ctrl+C (or ⌘C).',
};
