// English words of the token inspector's dialog (www/inspector.js), fetched
// with it at the first Decode (www/text/index.js, `PART_WORDS.inspector`):
// its headings, the edit and send controls, and the check's framing (the
// verdicts themselves are the core's). Where a token was found is
// token-buttons.js's (the eager catalogue's `tokenButtons`).

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
  emptySignature: '(empty)',
  doesNotDecode: '(does not decode)',
  couldNotCheck: 'The inspector could not check this token.',
  serversCheck: 'The server\u2019s check: ',
  whyUnderSignature: ' (why: under Signature)',
  editedVerdict: (headline) => `The edited token: ${headline}.`,
  checkedAt: (clock) => `Checked as the server would at ${clock} on the clock (the moment shown), with its current secret.`,
  foundIn: (source) => `Found in ${source}.`,
  cannotSend: (why) => `The edited token cannot be sent: ${why}`,
};
