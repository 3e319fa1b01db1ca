// The cookie lab: a jar on its own for trying any Set-Cookie header.
// URLs are canonicalised here with the browser's own URL class (lower-case
// host, punycode, default path) and handed to the core as text; every
// decision, stored or ignored, sent or withheld, comes back from the core.

import { $, el } from './view.js';
import { LAB_WORDS } from './text/labs.js';

const W = LAB_WORDS.lab;

/** The canonical URL, or an error message a reader can act on. */
function canonical(text) {
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(W.notAFullUrl(text));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(W.notHttp(url.protocol.replace(':', '')));
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
      el('td', 'id', c.name === '' ? W.noName : c.name),
      el('td', 'id', c.value),
      el('td', '', W.reach[c.reach](c.domain)),
      el('td', '', c.path),
      el('td', '', flags || '—'),
      el('td', '', c.expires ?? W.whenBrowserCloses),
    );
    body.append(row);
  }
  $('lab-empty').hidden = result.jar.length > 0;
}

const OUTCOME = W.outcome;

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
      say('lab-set-result', W.cannotBeTried(error.message ?? error), false);
    }
  });
  $('lab-request').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      lab.setSameSiteDefaultLax($('lab-default').value === 'lax');
      const kind = $('lab-kind').value;
      const result = lab.request(canonical($('lab-request-url').value), kind);
      say('lab-request-result', W.carries(kind === 'script', result.cookieString), result.cookieString !== null);
      const list = $('lab-decisions');
      list.replaceChildren();
      for (const d of result.decisions) list.append(el('li', d.sent ? 'sent' : 'withheld', W.decision(d)));
      renderJar(result);
    } catch (error) {
      say('lab-request-result', W.cannotBeTried(error.message ?? error), false);
    }
  });
  $('lab-clear').addEventListener('click', () => {
    renderJar(lab.clear());
    say('lab-set-result', W.cleared);
    $('lab-decisions').replaceChildren();
    say('lab-request-result', '');
  });
  $('lab-wait').addEventListener('click', () => {
    renderJar(lab.wait(86_400));
    say('lab-request-result', W.dayPassed);
  });
}
