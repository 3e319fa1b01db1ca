// The reader's two preferences, the only thing the page stores: the playing
// speed and how the inspector shows a message (raw or in plain English). No
// DOM: the storage comes in (the page passes `localStorage`), and what it
// holds is read as untrusted text, so a stored value the page does not know
// falls back to the default.

/** The playing speeds the page offers (the speed selector's values). */
export const SPEEDS = ['0.25', '0.5', '1', '2', '4'];
const INSPECT_MODES = ['raw', 'plain'];
const PREFIX = 'session-playground.';

/**
 * The preferences in `storage` (a Storage, or anything with getItem and
 * setItem). Storage can be missing or refuse (private modes, sandboxed
 * frames): then nothing is remembered, and nothing fails.
 */
export function preferences(storage) {
  const get = (key, fallback) => {
    try {
      return storage.getItem(PREFIX + key) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const set = (key, value) => {
    try {
      storage.setItem(PREFIX + key, value);
    } catch {
      // Preferences just won't stick.
    }
  };
  return {
    /** The speed to start at: `given` (an option or attribute) if it is one of SPEEDS, else the one stored, else 1. */
    speed(given = null) {
      const speed = String(given ?? get('speed', '1'));
      return SPEEDS.includes(speed) ? speed : '1';
    },
    rememberSpeed(speed) {
      set('speed', String(speed));
    },
    /** How the inspector shows messages: `plain` if so stored, else `raw`. */
    inspect() {
      const mode = get('inspect', 'raw');
      return INSPECT_MODES.includes(mode) ? mode : 'raw';
    },
    rememberInspect(mode) {
      set('inspect', mode);
    },
  };
}

/** The page's storage, or null where reading it throws (a sandboxed frame). */
export function pageStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
