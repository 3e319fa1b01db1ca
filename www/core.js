// The core's classes as the page and the element use them: wasm-bindgen's
// generated classes from www/pkg, with one guard added: the engine's
// Playground, and the labs' CookieLab and ScaleRun, all from the one wasm
// module (the labs' code is mostly the engine's). wasm-bindgen's free() releases an instance's Rust memory and
// leaves the JS object behind; a later call on it would fail deep inside
// with "null pointer passed to rust". Here free() (and [Symbol.dispose])
// marks the instance, and any later call says "this playground was freed".
// Every check on arguments is the core's own (src/wasm.rs).

import init, { CookieLab, Playground, ScaleRun } from './pkg/session_playground.js';
import { WORDS } from './text/index.js';

const W = WORDS.core;

/** Instances whose free() has run. */
const freed = new WeakSet();

/** Adds the guard to every method and getter of one class's prototype, once. */
function guardAfterFree(cls, noun) {
  const proto = cls.prototype;
  if (Object.hasOwn(proto, '__guarded')) return;
  const refuse = (name) => {
    throw new Error(W.freed(noun, name, cls.name));
  };
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'free') {
      const free = descriptor.value;
      // A second free() does nothing, as releasing something twice should.
      descriptor.value = function () {
        if (freed.has(this)) return;
        freed.add(this);
        free.call(this);
      };
    } else if (typeof descriptor.value === 'function') {
      const method = descriptor.value;
      descriptor.value = function (...args) {
        if (freed.has(this)) refuse(`${name}()`);
        return method.apply(this, args);
      };
      // The wrapper keeps the method's name and arity (what tools and tests read).
      Object.defineProperty(descriptor.value, 'length', { value: method.length });
    } else if (descriptor.get) {
      const get = descriptor.get;
      descriptor.get = function () {
        if (freed.has(this)) refuse(name);
        return get.call(this);
      };
    }
    Object.defineProperty(descriptor.value ?? descriptor.get, 'name', { value: name });
    Object.defineProperty(proto, name, descriptor);
  }
  if (Symbol.dispose) proto[Symbol.dispose] = proto.free;
  Object.defineProperty(proto, '__guarded', { value: true });
}

guardAfterFree(Playground, W.playground);
guardAfterFree(CookieLab, W.cookieLab);
guardAfterFree(ScaleRun, W.scaleRun);

export default init;
export { CookieLab, Playground, ScaleRun };
