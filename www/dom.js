// The two DOM helpers every renderer shares (the stage, the cluster, the
// labs): an element with a class and text, and a session ID cut short.

/** Creates an element with a class and text (text always as textContent). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The first characters of an ID and an ellipsis, for tight places. */
export function shortId(id) {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}
