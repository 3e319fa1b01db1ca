// The cookie lab: a jar on its own for trying any Set-Cookie header.
// URLs are canonicalised here with the browser's own URL class (lower-case
// host, punycode, default path) and handed to the core as text; every
// decision, stored or ignored, sent or withheld, comes back from the core.

import { $, el } from './view.js';

/** The canonical URL, or an error message a reader can act on. */
function canonical(text) {
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`"${text}" is not a full URL; write it like https://www.example.com/path`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`cookies are only for http and https URLs, not ${url.protocol.replace(':', '')}`);
  }
  return url.href;
}

function say(id, text, ok) {
  const node = $(id);
  node.textContent = text;
  node.className = `lab-result ${ok === undefined ? '' : ok ? 'ok' : 'bad'}`;
}

function renderJar(result) {
  $('lab-now').textContent = result.now;
  const body = $('lab-jar');
  body.replaceChildren();
  for (const c of result.jar) {
    const flags = [c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join(', ');
    const row = el('tr');
    row.append(
      el('td', 'id', c.name === '' ? '(no name)' : c.name),
      el('td', 'id', c.value),
      el('td', '', { host: `${c.domain} (host-only)`, subdomains: `${c.domain} and subdomains`, address: `${c.domain} only (an address has no subdomains)` }[c.reach]),
      el('td', '', c.path),
      el('td', '', flags || '—'),
      el('td', '', c.expires ?? 'when the browser closes'),
    );
    body.append(row);
  }
  $('lab-empty').hidden = result.jar.length > 0;
}

const OUTCOME = {
  stored: (c) => [`Stored the cookie ${c.name || '(no name)'}.`, true],
  replaced: (c) => [`Replaced the cookie ${c.name || '(no name)'}, keeping its creation time.`, true],
  deleted: (c) => [`Deleted the cookie ${c.name || '(no name)'}: its expiry is in the past.`, true],
  nothingToDelete: (c) => [`Nothing stored: the cookie ${c.name || '(no name)'} expires at once, and the jar had none to delete.`, true],
  rejected: (c) => [`Not stored. The browser ${c.reason}.`, false],
};

export function setupLab(CookieLab) {
  const lab = new CookieLab();
  renderJar(lab.clear());
  $('lab-set').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      const result = lab.setCookie(canonical($('lab-set-url').value), $('lab-header').value, $('lab-from').value);
      const [text, ok] = OUTCOME[result.change.outcome](result.change);
      say('lab-set-result', text, ok);
      renderJar(result);
    } catch (error) {
      say('lab-set-result', `That cannot be tried: ${error.message ?? error}.`, false);
    }
  });
  $('lab-request').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      lab.setSameSiteDefaultLax($('lab-default').value === 'lax');
      const kind = $('lab-kind').value;
      const result = lab.request(canonical($('lab-request-url').value), kind);
      const what = kind === 'script' ? 'document.cookie returns' : 'The request carries';
      say('lab-request-result', result.cookieString === null ? `${what} no cookies.` : `${what}: ${kind === 'script' ? '' : 'Cookie: '}${result.cookieString}`, result.cookieString !== null);
      const list = $('lab-decisions');
      list.replaceChildren();
      for (const d of result.decisions) list.append(el('li', d.sent ? 'sent' : 'withheld', `${d.name || '(no name)'} (${d.domain}${d.path}): ${d.reason}`));
      renderJar(result);
    } catch (error) {
      say('lab-request-result', `That cannot be tried: ${error.message ?? error}.`, false);
    }
  });
  $('lab-clear').addEventListener('click', () => {
    renderJar(lab.clear());
    say('lab-set-result', 'The jar is empty and the clock is back at the start.');
    $('lab-decisions').replaceChildren();
    say('lab-request-result', '');
  });
  $('lab-wait').addEventListener('click', () => {
    renderJar(lab.wait(86_400));
    say('lab-request-result', 'A day passes; cookies whose time is up leave the jar.');
  });
}
