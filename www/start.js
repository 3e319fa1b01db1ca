// The page's engine, asked for and compiled the moment the page starts.
// index.html runs this module on its own (<script type="module" async>) as
// soon as it and compile.js have arrived, so the wasm compiles while the
// page's other modules are still on their way; main.js hands the result to init().

import { compileEngine } from './compile.js';

export const engine = compileEngine(new URL('./pkg/session_playground_bg.wasm', import.meta.url));
// A failure is main.js's to report, when init() is given this promise.
engine.catch(() => {});
