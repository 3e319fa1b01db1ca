// Records what the real session libraries do on the playground's walks.
//
//   node verify/record.mjs [library ...]      (make verify-real runs it after verify/setup.sh)
//
// For each library (express, django, php, tower) and each walk in
// tests/real/walks/*.json it starts a fresh store and a fresh app on
// 127.0.0.1 (free ports), plays the walk's steps as three browsers would
// (one cookie jar each), and writes tests/real/<library>/<walk>.json: per
// step the request, the response's status and headers in order, and every
// store operation (Redis MONITOR; Django's SQL log; PHP's session files as
// inotify reports them, with their contents). Random parts are replaced by
// placeholders after their shape is checked (IDs, signatures, dates, session
// data). Every process it starts is stopped by its pid; every wait is bounded.
import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const VERIFY = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(VERIFY);
const WORK = path.join(ROOT, "target", "verify-real");
const FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
const ACCOUNTS = { alice: "wonderland", bob: "builder", mallory: "hunter2" };
const REQUEST_TIMEOUT_MS = 4000;

// ---------------------------------------------------------------- libraries

/** What the recorder needs to know about each library's app. */
const LIBRARIES = {
  express: {
    preset: "express",
    cookie: "connect.sid",
    store: "redis",
    clock: "redis", // the app's own clock plays no part; Redis's TTLs carry time
    // s%3A<id>.<signature>, as express-session writes it (URL-encoded).
    decode: (value) => {
      const m = /^s%3A([A-Za-z0-9_-]+)\.([A-Za-z0-9+/]+)$/.exec(value);
      return m ? m[1] : null;
    },
    forge: (id) => encodeURIComponent(`s:${id}.forged-signature`),
    start: (ctx) =>
      spawnLogged("express", "node", [path.join(VERIFY, "express", "app.mjs")], {
        PORT: ctx.port,
        REDIS_URL: `redis://127.0.0.1:${ctx.redisPort}`,
        LOGOUT_MODE: ctx.settings.logout || "serverOnly",
      }),
    versions: () => {
      const v = (name) =>
        JSON.parse(fs.readFileSync(path.join(VERIFY, "express", "node_modules", name, "package.json"))).version;
      return {
        node: process.version,
        express: v("express"),
        "express-session": v("express-session"),
        "connect-redis": v("connect-redis"),
        redis: v("redis"),
        "redis-server": redisVersion(),
      };
    },
  },
  django: {
    preset: "django",
    cookie: "sessionid",
    store: "sql",
    clock: "faketime",
    decode: (value) => (/^[a-z0-9]{32}$/.test(value) ? value : null),
    forge: (id) => id,
    start: (ctx) =>
      spawnLogged(
        "django",
        path.join(VERIFY, ".venv", "bin", "python"),
        [path.join(VERIFY, "django", "app.py"), String(ctx.port)],
        { SQL_LOG: ctx.sqlLog, DB_PATH: path.join(ctx.dir, "db.sqlite3"), LOGOUT_MODE: ctx.settings.logout || "" },
        true,
      ),
    versions: () => ({
      python: execFileSync(path.join(VERIFY, ".venv", "bin", "python"), ["--version"]).toString().trim(),
      django: execFileSync(path.join(VERIFY, ".venv", "bin", "python"), ["-c", "import django;print(django.__version__)"])
        .toString()
        .trim(),
      sqlite: execFileSync(path.join(VERIFY, ".venv", "bin", "python"), ["-c", "import sqlite3;print(sqlite3.sqlite_version)"])
        .toString()
        .trim(),
    }),
  },
  php: {
    preset: "php",
    cookie: "PHPSESSID",
    store: "files",
    clock: "faketime",
    decode: (value) => (/^[a-z0-9,-]{22,256}$/.test(value) ? value : null),
    forge: (id) => id,
    start: (ctx) =>
      spawnLogged(
        "php",
        "php",
        [
          "-c",
          "/etc/php/8.2/cli/php.ini",
          "-d",
          `session.save_path=${ctx.sessions}`,
          "-d",
          "session.use_strict_mode=1",
          "-S",
          `127.0.0.1:${ctx.port}`,
          path.join(VERIFY, "php", "app.php"),
        ],
        { LOGOUT_MODE: ctx.settings.logout || "", ACCOUNTS_FILE: path.join(ctx.dir, "accounts.json") },
        true,
      ),
    versions: () => ({
      php: execFileSync("php", ["-r", "echo PHP_VERSION;"]).toString().trim(),
      "php.ini": "/etc/php/8.2/cli/php.ini (Debian 12's php-cli, from php.ini-production) with session.use_strict_mode=1",
    }),
  },
  tower: {
    preset: "tower",
    cookie: "id",
    store: "redis",
    clock: "redis",
    decode: (value) => (/^[A-Za-z0-9_-]{22}$/.test(value) ? value : null),
    forge: (id) => id,
    start: (ctx) =>
      spawnLogged("tower", path.join(ROOT, "target", "verify-tower", "release", "verify-tower"), [], {
        PORT: ctx.port,
        REDIS_URL: `redis://127.0.0.1:${ctx.redisPort}`,
        LOGOUT_MODE: ctx.settings.logout || "",
      }),
    versions: () => {
      const lock = fs.readFileSync(path.join(VERIFY, "tower", "Cargo.lock"), "utf8");
      const v = (name) => new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(lock)?.[1];
      return {
        "tower-sessions": v("tower-sessions"),
        "tower-sessions-redis-store": v("tower-sessions-redis-store"),
        axum: v("axum"),
        fred: v("fred"),
        "redis-server": redisVersion(),
      };
    },
  },
};

// ---------------------------------------------------------------- processes

const started = [];

function spawnLogged(name, command, args, env, faked = false) {
  const log = fs.openSync(path.join(WORK, `${name}.log`), "a");
  const extra = faked
    ? { LD_PRELOAD: FAKETIME_LIB, FAKETIME_TIMESTAMP_FILE: clockFile(), FAKETIME_NO_CACHE: "1" }
    : {};
  const child = spawn(command, args, {
    env: { ...process.env, ...extra, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
    stdio: ["ignore", log, log],
  });
  started.push(child);
  return child;
}

function stop(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {}
  }
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {}
      done();
    }, 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
  });
}

process.on("exit", () => {
  for (const child of started) {
    try {
      if (child.exitCode === null) process.kill(child.pid, "SIGKILL");
    } catch {}
  }
});

function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

async function waitForPort(port, child, what) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}; see target/verify-real/`);
    const open = await new Promise((ok) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        ok(true);
      });
      socket.on("error", () => ok(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`${what} did not listen on ${port} within 10 s`);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function redisVersion() {
  return /v=([0-9.]+)/.exec(execFileSync("redis-server", ["--version"]).toString())?.[1];
}

// ---------------------------------------------------------------- the clock

/** The offset libfaketime adds to the faked apps' clocks, in seconds. */
let clockOffset = 0;
const clockFile = () => path.join(WORK, "faketime-offset");
function setClock(offset) {
  clockOffset = offset;
  fs.writeFileSync(clockFile(), `+${offset}s\n`);
}

// ---------------------------------------------------------------- Redis

/** A raw RESP connection: the recorder's own commands and the MONITOR feed. */
class RedisLink {
  constructor(port) {
    this.port = port;
    this.buffer = "";
    this.lines = [];
    this.waiters = [];
  }
  open() {
    return new Promise((ok, fail) => {
      this.socket = net.connect(this.port, "127.0.0.1", () => {
        this.localPort = this.socket.localPort;
        ok(this);
      });
      this.socket.on("error", fail);
      this.socket.setEncoding("latin1");
      this.socket.on("data", (chunk) => {
        this.buffer += chunk;
        let at;
        while ((at = this.buffer.indexOf("\r\n")) >= 0) {
          this.lines.push(this.buffer.slice(0, at));
          this.buffer = this.buffer.slice(at + 2);
        }
        for (const w of this.waiters.splice(0)) w();
      });
    });
  }
  send(...args) {
    this.socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`);
  }
  /** Sends a command and returns the reply's lines (a simple reader: enough for the replies used here). */
  async command(...args) {
    const before = this.lines.length;
    this.send(...args);
    const deadline = Date.now() + 3000;
    for (;;) {
      const reply = this.reply(before);
      if (reply) {
        this.lines.splice(before, reply.used);
        return reply.value;
      }
      if (Date.now() > deadline) throw new Error(`redis: no reply to ${args[0]}`);
      await new Promise((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, 50);
      });
    }
  }
  reply(at) {
    const line = this.lines[at];
    if (line === undefined) return null;
    const kind = line[0];
    if (kind === "+" || kind === ":" || kind === "-") return { value: line.slice(1), used: 1 };
    if (kind === "$") {
      if (line === "$-1") return { value: null, used: 1 };
      if (this.lines[at + 1] === undefined) return null;
      return { value: this.lines[at + 1], used: 2 };
    }
    if (kind === "*") {
      const n = Number(line.slice(1));
      const values = [];
      let used = 1;
      for (let i = 0; i < n; i++) {
        const item = this.reply(at + used);
        if (!item) return null;
        values.push(item.value);
        used += item.used;
      }
      return { value: values, used };
    }
    throw new Error(`redis: unexpected reply ${line}`);
  }
}

/** Parses one MONITOR line: `+1764576000.123456 [0 127.0.0.1:51234] "GET" "sess:x"`. */
function parseMonitorLine(line) {
  const m = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!m) return null;
  const args = [];
  const text = m[2];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    i++;
    let bytes = [];
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === "x") {
          bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        const escapes = { n: 10, r: 13, t: 9, a: 7, b: 8, '"': 34, "\\": 92 };
        bytes.push(escapes[next] ?? next.charCodeAt(0));
        i += 2;
        continue;
      }
      bytes.push(text.charCodeAt(i) & 0xff);
      i++;
    }
    i++;
    args.push(Buffer.from(bytes));
  }
  return { client: m[1], args };
}

// ---------------------------------------------------------------- a browser's jar

class Jar {
  constructor() {
    this.cookies = new Map(); // name -> { value, expiresAt (unix s) | null }
  }
  header(now) {
    for (const [name, c] of this.cookies) if (c.expiresAt !== null && c.expiresAt <= now) this.cookies.delete(name);
    const pairs = [...this.cookies].map(([name, c]) => `${name}=${c.value}`);
    return pairs.length ? pairs.join("; ") : null;
  }
  take(setCookie, now) {
    const [pair, ...attrs] = setCookie.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let expiresAt = null;
    let maxAge = null;
    for (const attr of attrs) {
      const [k, v] = attr.split("=");
      if (k.toLowerCase() === "max-age") maxAge = Number(v);
      if (k.toLowerCase() === "expires") expiresAt = Math.floor(Date.parse(v) / 1000);
    }
    if (maxAge !== null) expiresAt = now + maxAge;
    if (expiresAt !== null && expiresAt <= now) this.cookies.delete(name);
    else this.cookies.set(name, { value, expiresAt });
  }
}

// ---------------------------------------------------------------- placeholders

/**
 * Replaces each random part with a placeholder once its shape is checked.
 * Session IDs become <id1>, <id2>… in order of first appearance; express's
 * signature becomes <signature of idN> once the HMAC is checked; dates and
 * timestamps become <now+Ns> relative to the response's Date header.
 */
class Placeholders {
  constructor(library) {
    this.library = library;
    this.ids = new Map();
    this.shapes = new Set();
  }
  /** Names an ID; `madeUp` is one the walk typed in, whose shape says nothing about the library. */
  learn(id, madeUp = false) {
    if (!id || this.ids.has(id) || id.startsWith("<")) return;
    this.ids.set(id, `<id${this.ids.size + 1}>`);
    if (!madeUp) this.shapes.add(shapeOf(id));
  }
  ids_in(text) {
    let out = text;
    // Longest first, so one ID inside another's text never half-matches.
    for (const [id, name] of [...this.ids].sort((a, b) => b[0].length - a[0].length)) out = out.split(id).join(name);
    return out;
  }
  setCookie(value, now) {
    let out = value;
    // express: the signature is checked, then named after its ID.
    out = out.replace(/s%3A([A-Za-z0-9_-]+)\.([A-Za-z0-9%+/]+)/g, (whole, id, sig) => {
      const expected = createHmac("sha256", "keyboard cat").update(id).digest("base64").replace(/=+$/, "");
      return decodeURIComponent(sig) === expected ? `s%3A${id}.<signature>` : whole;
    });
    out = out.replace(/(expires=)([^;]+)/gi, (whole, label, date) => label + relativeDate(date, now));
    return this.ids_in(out);
  }
}

/** Of shapes of one length, the widest alphabet seen (the others are its subsets). */
function widest(shapes) {
  const order = ["hex", "0-9a-v", "a-z0-9", "base64url", "other"];
  const byLength = new Map();
  for (const shape of shapes) {
    const [length, alphabet] = shape.split(" ");
    const best = byLength.get(length);
    if (!best || order.indexOf(alphabet) > order.indexOf(best)) byLength.set(length, alphabet);
  }
  return [...byLength].map(([length, alphabet]) => `${length} ${alphabet}`).sort();
}

/** The length and the smallest alphabet that holds an ID. */
function shapeOf(id) {
  const alphabets = [
    ["hex", /^[0-9a-f]+$/],
    ["0-9a-v", /^[0-9a-v]+$/],
    ["a-z0-9", /^[a-z0-9]+$/],
    ["base64url", /^[A-Za-z0-9_-]+$/],
  ];
  const found = alphabets.find(([, re]) => re.test(id));
  return `${id.length} ${found ? found[0] : "other"}`;
}

/**
 * An offset in seconds from the response's time. The two clocks read at
 * slightly different moments (the response's Date header has whole seconds),
 * so an offset within 2 s of a whole minute is taken as that minute: every
 * lifetime the libraries write is a whole number of minutes.
 */
function offset(secs) {
  const minute = Math.round(secs / 60) * 60;
  return `<now+${Math.abs(secs - minute) <= 2 ? minute : secs}s>`;
}

/** An HTTP date as an offset from `now`, or as it is when it lies before 1971 (a fixed removal date). */
function relativeDate(text, now) {
  const at = Date.parse(text.replace(/-/g, " "));
  if (Number.isNaN(at)) throw new Error(`not a date: ${text}`);
  const secs = Math.floor(at / 1000) - now;
  // A fixed date (PHP's 1981 Expires, a removal at 1970) is no random part.
  if (Math.abs(secs) > 400 * 86400) return text;
  return offset(secs);
}

// ---------------------------------------------------------------- store watchers

/** Redis: MONITOR, minus the recorder's own connections, cut at a marker per step. */
async function redisWatcher(ctx) {
  const admin = await new RedisLink(ctx.redisPort).open();
  const monitor = await new RedisLink(ctx.redisPort).open();
  await monitor.command("MONITOR");
  let mark = 0;
  return {
    admin,
    async take(ph, now) {
      mark += 1;
      const label = `recorder-mark-${mark}`;
      await admin.command("ECHO", label);
      const deadline = Date.now() + 3000;
      let end;
      while ((end = monitor.lines.findIndex((l) => l.includes(`"${label}"`))) < 0) {
        if (Date.now() > deadline) throw new Error("MONITOR: marker not seen");
        await sleep(10);
      }
      const lines = monitor.lines.splice(0, end + 1).slice(0, -1);
      const ops = [];
      for (const line of lines) {
        const parsed = parseMonitorLine(line);
        if (!parsed) continue;
        if (parsed.client.endsWith(`:${admin.localPort}`) || parsed.client.endsWith(`:${monitor.localPort}`)) continue;
        const [name, ...rest] = parsed.args.map((b) => b.toString("latin1"));
        const command = name.toUpperCase();
        // Connection chatter (the client's handshake) is no store operation.
        if (["CLIENT", "HELLO", "SELECT", "PING", "INFO", "COMMAND", "AUTH"].includes(command)) continue;
        ops.push([command, ...rest.map((arg, i) => redisArg(ctx, ph, command, arg, parsed.args[i + 1], now))]);
      }
      for (const op of ops) for (const arg of op) ph.learn(redisKeyId(ctx, arg));
      // An MGET after a SCAN names the keys in Redis's hash order of random
      // IDs, which changes from run to run: its keys are written in the order
      // of their placeholders, so a re-recording is byte-identical.
      const byNumber = (a, b) => Number(/<id(\d+)>/.exec(a)?.[1] ?? 0) - Number(/<id(\d+)>/.exec(b)?.[1] ?? 0);
      return ops.map((op) => {
        const named = op.map((arg) => ph.ids_in(arg));
        return named[0] === "MGET" ? [named[0], ...named.slice(1).sort(byNumber)] : named;
      });
    },
    /** Moves Redis's clock: every key's remaining time to live shrinks by `secs`. */
    async advance(secs) {
      const keys = await admin.command("KEYS", "*");
      for (const key of keys) {
        const ttl = Number(await admin.command("PTTL", key));
        if (ttl >= 0) await admin.command("PEXPIRE", key, String(Math.max(0, ttl - secs * 1000)));
      }
    },
    close() {
      admin.socket.destroy();
      monitor.socket.destroy();
    },
  };
}

function redisKeyId(ctx, arg) {
  if (ctx.library === "express") return /^sess:([A-Za-z0-9_-]{32})$/.exec(arg)?.[1];
  if (ctx.library === "tower") return /^[A-Za-z0-9_-]{22}$/.test(arg) ? arg : null;
  return null;
}

function redisArg(ctx, ph, command, arg, raw, now) {
  // tower-sessions' records are MessagePack: binary, shown by name.
  if (/[\x00-\x08\x0e-\x1f\x7f-\xff]/.test(arg)) return "<MessagePack of the record>";
  if (/^\d{10}$/.test(arg) && Math.abs(Number(arg) - now) < 400 * 86400) return offset(Number(arg) - now);
  return arg;
}

/** Django: the SQL the ORM logged, on django_session only, cut per step. */
function sqlWatcher(ctx) {
  let logAt = 0;
  return {
    async take(ph, now) {
      await sleep(30);
      const text = fs.existsSync(ctx.sqlLog) ? fs.readFileSync(ctx.sqlLog, "utf8") : "";
      const fresh = text.slice(logAt);
      logAt = text.length;
      const statements = fresh
        .split("\n@@\n")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => s.replace(/^\([0-9.]+\) /, "").replace(/; args=[\s\S]*$/, ""))
        .filter((s) => s.includes("django_session"));
      for (const s of statements) for (const m of s.matchAll(/'([a-z0-9]{32})'/g)) ph.learn(m[1]);
      return statements.map((s) =>
        ph.ids_in(
          s
            // Signed session data: base64 of compressed JSON, a timestamp and an HMAC.
            .replace(/'(\.?[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+)'/g, "'<signed session data>'")
            .replace(/'(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)'/g, (w, ts) => {
              const at = Math.floor(Date.parse(`${ts.replace(" ", "T")}Z`) / 1000);
              return `'${offset(at - now)}'`;
            }),
        ),
      );
    },
  };
}

/** PHP: inotify's events on the session directory, with each written file's contents. */
function filesWatcher(ctx) {
  const events = [];
  const watcher = spawn("inotifywait", ["-m", "-q", "--format", "%e %f", ctx.sessions], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  started.push(watcher);
  let buffer = "";
  watcher.stdout.setEncoding("utf8");
  watcher.stdout.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop();
    events.push(...lines);
  });
  let mark = 0;
  return {
    ready: sleep(300),
    /** The events up to a marker file the recorder writes (and removes) now. */
    async until() {
      mark += 1;
      const label = `recorder-mark-${mark}`;
      fs.writeFileSync(path.join(ctx.sessions, label), "");
      const deadline = Date.now() + 3000;
      let end;
      while ((end = events.findIndex((e) => e.endsWith(` ${label}`))) < 0) {
        if (Date.now() > deadline) throw new Error("inotify: marker not seen");
        await sleep(10);
      }
      fs.rmSync(path.join(ctx.sessions, label));
      await sleep(20);
      return events.splice(0, events.length).slice(0, end);
    },
    async take(ph) {
      // PHP writes the session as the request shuts down, which may follow the response.
      await sleep(100);
      const mine = await this.until();
      const ops = [];
      for (const line of mine) {
        const [flags, file] = line.split(" ");
        if (!file?.startsWith("sess_")) continue;
        ph.learn(file.slice(5));
        const names = flags.split(",");
        const verb = names.includes("CREATE")
          ? "create"
          : names.includes("DELETE")
            ? "unlink"
            : names.includes("MODIFY")
              ? "write"
              : names.includes("ATTRIB")
                ? "touch"
                : names.includes("ACCESS")
                  ? "read"
                  : null;
        if (!verb) continue;
        const op = `${verb} ${file}`;
        if (ops.at(-1) !== op) ops.push(op);
      }
      // A written file's contents, as it stands at the end of the step.
      const written = ops.map((op) => {
        const [verb, file] = op.split(" ");
        let text = op;
        if (verb === "write") {
          const where = path.join(ctx.sessions, file);
          text += `: ${fs.existsSync(where) ? fs.readFileSync(where, "utf8") : "(gone by the end of the step)"}`;
        }
        return ph.ids_in(text);
      });
      // Reading those contents made events of its own: they are not PHP's.
      await this.until();
      return written;
    },
    close() {
      stop(watcher);
    },
  };
}

// ---------------------------------------------------------------- one walk

function request(port, method, urlPath, headers, body) {
  return new Promise((ok, fail) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        const pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        ok({ status: res.statusCode, headers: pairs, body: text });
      });
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      req.destroy();
      ok({ timedOut: true });
    });
    req.on("error", fail);
    if (body) req.write(body);
    req.end();
  });
}

/** The HTTP request a walk step makes, or null for a step that makes none. */
function httpOf(step) {
  const form = (fields) => new URLSearchParams(fields).toString();
  switch (step.action) {
    case "visit":
      return { method: "GET", path: step.path || "/profile" };
    case "login":
      return { method: "POST", path: "/login", body: form({ username: step.username, password: step.password }) };
    case "logout":
      return { method: "POST", path: "/logout", body: "" };
    case "logoutEverywhere":
      return { method: "POST", path: "/logout-everywhere", body: "" };
    case "changePassword":
      return { method: "POST", path: "/password", body: form({ password: step.password }) };
    default:
      return null;
  }
}

async function recordWalk(library, walkName, walk) {
  const lib = LIBRARIES[library];
  const dir = path.join(WORK, library, walkName);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  setClock(0);
  const ctx = {
    library,
    dir,
    settings: walk.settings || {},
    port: await freePort(),
    sqlLog: path.join(dir, "sql.log"),
    sessions: path.join(dir, "sessions"),
  };
  fs.mkdirSync(ctx.sessions);
  const processes = [];
  let redis = null;
  if (lib.store === "redis") {
    ctx.redisPort = await freePort();
    redis = spawnLogged(
      "redis",
      "redis-server",
      ["--port", String(ctx.redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      {},
    );
    processes.push(redis);
    await waitForPort(ctx.redisPort, redis, "redis-server");
  }
  const watcher = lib.store === "redis" ? await redisWatcher(ctx) : lib.store === "sql" ? sqlWatcher(ctx) : filesWatcher(ctx);
  await watcher.ready;
  const app = lib.start(ctx);
  processes.push(app);
  await waitForPort(ctx.port, app, library);
  const ph = new Placeholders(library);
  // The app's start-up (migrations, the Redis handshake) is not part of the walk.
  await watcher.take(ph, Math.floor(Date.now() / 1000) + clockOffset);

  const jars = { laptop: new Jar(), phone: new Jar(), mallory: new Jar() };
  const steps = [];
  let storeDown = false;
  for (const step of walk.steps) {
    const browser = step.browser || "laptop";
    const now = () => Math.floor(Date.now() / 1000) + clockOffset;
    const out = { action: step };
    if (step.action === "wait") {
      // Faked clocks move by the file libfaketime reads; Redis's by its TTLs.
      if (lib.clock === "faketime") setClock(clockOffset + step.seconds);
      else await watcher.advance(step.seconds);
      if (lib.clock === "redis") clockOffset += step.seconds;
      steps.push(out);
      continue;
    }
    if (step.action === "copyCookie") {
      const cookie = jars[step.from].cookies.get(lib.cookie);
      if (cookie) jars[step.to].cookies.set(lib.cookie, { ...cookie });
      steps.push(out);
      continue;
    }
    if (step.action === "guessTicket") {
      jars[browser].cookies.set(lib.cookie, { value: lib.forge(step.id), expiresAt: null });
      ph.learn(step.id, true);
      steps.push(out);
      continue;
    }
    if (step.action === "stopStore" || step.action === "startStore") {
      // The store's process is paused (SIGSTOP): it keeps its data, and answers nothing.
      process.kill(redis.pid, step.action === "stopStore" ? "SIGSTOP" : "SIGCONT");
      storeDown = step.action === "stopStore";
      // Commands a stalled request queued run when the store answers again.
      if (!storeDown) {
        await sleep(300);
        out.store = await watcher.take(ph, now());
      }
      steps.push(out);
      continue;
    }
    const call = httpOf(step);
    if (!call) throw new Error(`${walkName}: the recorder cannot play the action ${step.action}`);
    const headers = {};
    // Real time for the Redis-timed apps; the faked clock for the others (cookie expiry in the jar).
    const jarNow = lib.clock === "faketime" ? now() : Math.floor(Date.now() / 1000) + clockOffset;
    const cookie = jars[browser].header(jarNow);
    if (cookie) headers.Cookie = cookie;
    if (call.body !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = Buffer.byteLength(call.body);
    }
    const response = await request(ctx.port, call.method, call.path, headers, call.body);
    out.request = `${call.method} ${call.path}`;
    if (cookie) {
      const value = cookie
        .split("; ")
        .find((p) => p.startsWith(`${lib.cookie}=`))
        ?.slice(lib.cookie.length + 1);
      if (value) ph.learn(lib.decode(value) ?? undefined);
    }
    if (response.timedOut) {
      out.response = { timedOut: `no response within ${REQUEST_TIMEOUT_MS / 1000} s` };
    } else {
      const date = response.headers.find(([k]) => k.toLowerCase() === "date")?.[1];
      const at = date ? Math.floor(Date.parse(date) / 1000) : now();
      // Store operations first (they happen before the response), then the response:
      // placeholders are numbered in that order, as the comparison test numbers them.
      out.store = storeDown ? [] : await watcher.take(ph, at);
      for (const [k, v] of response.headers) {
        if (k.toLowerCase() !== "set-cookie") continue;
        const pair = v.split(";")[0];
        if (pair.startsWith(`${lib.cookie}=`)) {
          const id = lib.decode(pair.slice(lib.cookie.length + 1));
          if (id) ph.learn(id);
        }
        jars[browser].take(v, lib.clock === "faketime" ? at : jarNow);
      }
      out.response = {
        status: response.status,
        headers: response.headers.map(([k, v]) => [
          k,
          k.toLowerCase() === "set-cookie"
            ? ph.setCookie(v, at)
            : k.toLowerCase() === "date"
              ? "<date>"
              : k.toLowerCase() === "expires"
                ? relativeDate(v, at)
                : k.toLowerCase() === "etag"
                  ? "<etag>"
                  : k.toLowerCase() === "host"
                    ? "<host>"
                    : ph.ids_in(v),
        ]),
      };
    }
    if (storeDown) out.store = [];
    steps.push(out);
  }
  watcher.close?.();
  for (const child of processes.reverse()) {
    if (child === redis) {
      try {
        process.kill(redis.pid, "SIGCONT");
      } catch {}
    }
    await stop(child);
  }
  return { steps, idShapes: [...ph.shapes].sort() };
}

// ---------------------------------------------------------------- main

async function main() {
  const wanted = process.argv.slice(2);
  const libraries = wanted.length ? wanted : Object.keys(LIBRARIES);
  fs.mkdirSync(WORK, { recursive: true });
  const walksDir = path.join(ROOT, "tests", "real", "walks");
  const walks = fs
    .readdirSync(walksDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.join(walksDir, f), "utf8"))]);
  for (const library of libraries) {
    const lib = LIBRARIES[library];
    if (!lib) throw new Error(`no library ${library}; expected one of ${Object.keys(LIBRARIES).join(", ")}`);
    const versions = lib.versions();
    const outDir = path.join(ROOT, "tests", "real", library);
    fs.mkdirSync(outDir, { recursive: true });
    // The IDs' shapes are gathered over every walk of the library, so a few
    // IDs that happen to use part of their alphabet do not change a recording.
    const recorded = [];
    const shapes = new Set();
    for (const [name, walk] of walks) {
      if (walk.libraries && !walk.libraries.includes(library)) continue;
      const t0 = Date.now();
      const { steps, idShapes } = await recordWalk(library, name, walk);
      for (const shape of idShapes) shapes.add(shape);
      recorded.push([name, steps]);
      console.log(`${library}/${name}: ${steps.length} steps, ${Date.now() - t0} ms`);
    }
    const idShapes = widest([...shapes]);
    for (const [name, steps] of recorded) {
      const recording = { library, preset: lib.preset, walk: name, source: "recorded by make verify-real", versions, idShapes, steps };
      fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(recording, null, 1)}\n`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err.stack || String(err));
    process.exit(1);
  },
);
