// The article's own script: it listens to the playgrounds' events and drives
// the third one through the element's API. Nothing here is part of the
// playground; it is what an author might write.

const log = document.getElementById('event-log');

function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.append(item);
  // Keep the list short.
  while (log.children.length > 40) log.firstElementChild.remove();
}

for (const type of ['step', 'scenario-end', 'playground-error']) {
  document.addEventListener(type, (event) => {
    const from = event.target.id || event.target.localName;
    if (type === 'step') note(`${from}: step ${event.detail.position} of ${event.detail.total}: ${event.detail.label}`);
    else if (type === 'scenario-end') note(`${from}: finished “${event.detail.title}”`);
    else note(`${from}: error: ${event.detail.message}`);
  });
}

const driven = document.getElementById('revocation');
document.getElementById('drive-next').addEventListener('click', () => driven.next());
document.getElementById('drive-back').addEventListener('click', () => driven.back());
document.getElementById('drive-visit').addEventListener('click', () => driven.run({ action: 'visit', browser: 'laptop', path: '/profile' }));
