// The playground's five routes on express-session 1.19 with connect-redis,
// configured as connect-redis's README recommends. The login follows
// express-session's README example (regenerate, then save); logout is
// destroy(), with the other two logout modes of the playground selectable by
// LOGOUT_MODE for the logout walks. Run by verify/record.mjs only.
import express from "express";
import session from "express-session";
import { RedisStore } from "connect-redis";
import { createClient } from "redis";

const ACCOUNTS = { alice: ["wonderland", "customer"], bob: ["builder", "admin"], mallory: ["hunter2", "customer"] };
const logoutMode = process.env.LOGOUT_MODE || "serverOnly";

const client = createClient({ url: process.env.REDIS_URL });
client.on("error", () => {}); // a down store is one of the walks; the request reports it
await client.connect();

const store = new RedisStore({ client });
const app = express();
app.use(session({ store, secret: "keyboard cat", resave: false, saveUninitialized: false }));
app.use(express.urlencoded({ extended: false }));

async function sessionsOf(user) {
  const all = await new Promise((ok, fail) => store.all((err, list) => (err ? fail(err) : ok(list))));
  return all.filter((s) => s.user === user).map((s) => s.id);
}
const destroy = (sid) => new Promise((ok, fail) => store.destroy(sid, (err) => (err ? fail(err) : ok())));

function startSession(req, res, next, user, body) {
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = user;
    req.session.role = ACCOUNTS[user][1];
    req.session.save((err) => (err ? next(err) : res.send(body)));
  });
}

app.post("/login", (req, res, next) => {
  const { username, password } = req.body ?? {};
  if (!username || !password) return res.status(400).send("The login form needs a username and a password.");
  if (ACCOUNTS[username]?.[0] !== password) return res.status(401).send("Wrong username or password.");
  startSession(req, res, next, username, `Welcome, ${username}. You are logged in.`);
});

app.get("/profile", (req, res) => {
  if (!req.session.user) return res.status(401).send("Please log in to see your profile.");
  res.send(`Profile of ${req.session.user} (${req.session.role}).`);
});

app.post("/logout", (req, res, next) => {
  const clear = () => res.clearCookie("connect.sid", { path: "/" });
  if (logoutMode === "clientOnly") {
    clear();
    return res.send("You are logged out.");
  }
  req.session.destroy((err) => {
    if (err) return next(err);
    if (logoutMode === "deleteAndExpire") clear();
    res.send("You are logged out.");
  });
});

app.post("/logout-everywhere", async (req, res, next) => {
  if (!req.session.user) return res.status(401).send("Please log in first.");
  try {
    const ids = await sessionsOf(req.session.user);
    for (const sid of ids) if (sid !== req.sessionID) await destroy(sid);
    req.session.destroy((err) => {
      if (err) return next(err);
      if (logoutMode !== "serverOnly") res.clearCookie("connect.sid", { path: "/" });
      res.send(`Logged out everywhere (${ids.length} sessions).`);
    });
  } catch (err) {
    next(err);
  }
});

app.post("/password", async (req, res, next) => {
  const user = req.session.user;
  if (!user) return res.status(401).send("Please log in first.");
  if (!req.body?.password) return res.status(400).send("The form needs a new password.");
  try {
    ACCOUNTS[user][0] = req.body.password;
    const ids = await sessionsOf(user);
    for (const sid of ids) if (sid !== req.sessionID) await destroy(sid);
    startSession(req, res, next, user, "Password changed.");
  } catch (err) {
    next(err);
  }
});

const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => {
  server.close();
  client.destroy();
  process.exit(0);
});
