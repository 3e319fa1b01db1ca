// The token inspector's words (www/inspector.js): its dialog, where a token
// was found, its buttons and the check's framing (the verdicts themselves are
// the core's).

export default {
  tokenTitle: 'Token inspector',
  close: 'Close',
  tokenEdited: "Edited: the payload is yours, the header and signature are still the server's.",
  tokenRawTitle: 'The token, as it travels',
  headerPayloadSignatureThree: '<span class="tok-h">header</span> . <span class="tok-p">payload</span> . <span class="tok-s">signature</span>: three base64url parts joined by dots. Anyone can decode the first two; only the server\'s secret can make the third.',
  tokenHTitle: '<span class="tok-h">Header</span> (decoded)',
  tokenPTitle: '<span class="tok-p">Payload: the claims</span> (decoded)',
  tokenSTitle: '<span class="tok-s">Signature</span>: the server\'s check',
  editThePayloadAs: 'Edit the payload, as an attacker would',
  changeAClaimSay: 'Change a claim (say sub to "bob", or exp to a later time) and check it: the header and signature stay as the server made them, because nobody without the secret can make a new one.',
  tokenClaimsEditLabel: 'Payload JSON',
  tokenCheckEdit: 'Check the edited token',
  tokenUndoEdit: 'Back to the original',
  tokenSend: "Send it from Mallory's laptop",
  tokenSendHint: "Sending types the edited token into Mallory's jar and visits /profile: free play, after the timeline's last step.",
  // Where a token was found, by where it lives.
  source: {
    jar: (browser) => `the token cookie in ${browser}'s jar`,
    storage: (browser) => `${browser}'s page storage (localStorage)`,
    cookie: (line) => `the Cookie header of ${line}`,
    bearer: (line) => `the Authorization: Bearer header of ${line}`,
    setCookie: (line) => `the Set-Cookie header of the response ${line}`,
    body: (line) => `the body of the response ${line} (access_token)`,
  },
  pageStorage: 'Page storage ',
  pageStorageNote: '(localStorage: any script on the page can read it)',
  emptySignature: '(empty)',
  doesNotDecode: '(does not decode)',
  couldNotCheck: 'The inspector could not check this token.',
  serversCheck: 'The server\u2019s check: ',
  whyUnderSignature: ' (why: under Signature)',
  editedVerdict: (headline) => `The edited token: ${headline}.`,
  checkedAt: (clock) => `Checked as the server would at ${clock} on the clock (the moment shown), with its current secret.`,
  foundIn: (source) => `Found in ${source}.`,
  cannotSend: (why) => `The edited token cannot be sent: ${why}`,
  // The wire's buttons, by where in the message the token travels.
  decodeOnTheWire: {
    cookie: 'Decode the token in Cookie',
    bearer: 'Decode the token in Authorization',
    setCookie: 'Decode the token in Set-Cookie',
    body: 'Decode the token in the body',
  },
  // A wire button's accessible name: where, and in which message (its start line).
  decodeOnTheWireOf: (button, line) => `${button} of ${line}`,
  decode: 'Decode token',
  decodeFromJar: (browser) => `Decode token: the token cookie in ${browser}'s jar`,
  decodeFromStorage: (browser) => `Decode token: ${browser}'s page storage`,
  storageEmpty: 'Empty: the page has stored nothing.',
  tokensInMessage: 'Tokens in this message: ',
};
