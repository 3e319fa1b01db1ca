// Waiting for a task of one's own: the page's modules yield between pieces
// of work (the stage's drawing, the mount, the engine's hand-over, a replay's
// chunks) so that no one task holds the page, and the browser paints and
// answers input in between.

/**
 * Lets the page paint and handle input, then resumes: a message to itself
 * (a task of its own, without the 4 ms a nested setTimeout waits, and not
 * held back for up to a second in a background tab as a timer is).
 */
export function yieldToPage() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
