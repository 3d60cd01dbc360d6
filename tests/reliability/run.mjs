// Reliability run: starts MpEmulator as a real process on database files of its own and checks what survives load,
// SIGKILL, a second process, a full disk, a foreign log file and files that are not databases.
//
// Usage (from anywhere, after `dotnet build src/MpEmulator`):
//   node tests/reliability/run.mjs [--short|--full] [a b c d e f]
// --short (the default) takes well under a minute; --full is for a human (minutes: 60,000 seeded payments, 60 s of
// load, 10 kill rounds). Letters pick scenarios (default: all). MPEMU_DLL overrides the emulator's path (default
// src/MpEmulator/bin/Debug/net10.0/MpEmulator.dll). Every start is `dotnet <dll> --port 0 --db <temp dir>/<file>`; the
// port is read from the emulator's line "listening on http://...". Prints `PASS x: figures`, `FAIL x: reason` or
// `SKIP x: reason` per scenario, then a summary; exits 1 when a scenario failed (skips are not failures).
// Node's standard library only.
import { spawn, execFileSync } from "node:child_process";
import http from "node:http";
import { createHash, randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DLL = resolve(process.env.MPEMU_DLL || join(root, "src/MpEmulator/bin/Debug/net10.0/MpEmulator.dll"));
const DEMO_TOKEN = "TEST-4242424242424242-010126-5ee1ce7e1e9e4f1db1c0ffee0badc0de-424242424"; // Generator.DemoToken

// ------------------------------------------------------------------ command line
const argv = process.argv.slice(2);
const unknown = argv.filter((a) => !["--short", "--full"].includes(a) && !/^[a-f]$/.test(a));
if (unknown.length || (argv.includes("--short") && argv.includes("--full"))) {
  console.error(`usage: node tests/reliability/run.mjs [--short|--full] [a b c d e f]   (unknown: ${unknown.join(" ") || "both modes"})`);
  process.exit(2);
}
const FULL = argv.includes("--full");
const MODE = FULL ? "full" : "short";
const picked = argv.filter((a) => /^[a-f]$/.test(a));

/** What "short" and "full" mean, in one place. */
const P = FULL
  ? { seed: 60_000, descBytes: 400 * 1024, loadSeconds: 60, killRounds: 10, killLoadSeconds: 2, refusalGraceMs: 10_000, scenarioTimeoutMs: 30 * 60_000 }
  : { seed: 2_000, descBytes: 40 * 1024, loadSeconds: 5, killRounds: 3, killLoadSeconds: 1, refusalGraceMs: 5_000, scenarioTimeoutMs: 120_000 };

// ------------------------------------------------------------------ small helpers
class Fail extends Error {}
class Skip extends Error {}
const fail = (why) => { throw new Fail(why); };
const check = (condition, why) => { if (!condition) fail(typeof why === "function" ? why() : why); };
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** A sleep that does not keep the runner alive: for the losing side of a race. */
const timer = (ms) => new Promise((done) => setTimeout(done, ms).unref());
const now = () => performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sha256 = (file) => (fs.existsSync(file) ? createHash("sha256").update(fs.readFileSync(file)).digest("hex") : "(missing)");
const sellerToken = () => `TEST-1-010101-abc-${randomInt(100_000_000, 999_999_999)}`;
const tail = (text, n = 600) => (text.length > n ? "…" + text.slice(-n) : text).replace(/\s+/g, " ").trim();
/** The first error the emulator logged (its exception line and the next), else the end of its output. */
const excerpt = (output) => {
  const lines = output.split("\n");
  const i = lines.findIndex((l) => /Exception|^\s*(fail|crit):/.test(l));
  return i < 0 ? tail(output, 300) : tail(lines.slice(i, i + 3).join(" "), 400);
};
const filesIn = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

/** The server's body limit (JsonBody.MaxBytes), read from the source so the load never exceeds it; 1 MiB if unreadable. */
function serverBodyLimit() {
  try {
    const source = fs.readFileSync(join(root, "src/MpEmulator/Infrastructure/JsonBody.cs"), "utf8");
    const m = /MaxBytes\s*=\s*([0-9_\s<*+()]+);/.exec(source);
    if (m) {
      const value = Function(`"use strict"; return (${m[1].replace(/_/g, "")});`)();
      if (Number.isInteger(value) && value > 0) return value;
    }
  } catch { /* fall through */ }
  return 1 << 20;
}

/** Runs fn over items, n at a time. */
async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) { const i = next++; await fn(items[i], i); }
  }));
}

// ------------------------------------------------------------------ HTTP (never rejects: status 0 is a connection error)
function request(emu, method, path, { token, body, idem, timeoutMs = 60_000 } = {}) {
  return new Promise((resolveRequest) => {
    let settled = false;
    const done = (r) => { if (!settled) { settled = true; resolveRequest(r); } };
    const data = body === undefined ? null : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
    const headers = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (idem) headers["x-idempotency-key"] = idem;
    if (data) { headers["content-type"] = "application/json"; headers["content-length"] = data.length; }
    let req;
    try {
      req = http.request(new URL(path, emu.url), { method, headers, agent: emu.agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try { json = JSON.parse(text); } catch { /* not JSON */ }
          done({ status: res.statusCode, json, text });
        });
        res.on("error", (e) => done({ status: 0, error: e.code || e.message }));
        res.on("close", () => { if (!res.complete) done({ status: 0, error: "response cut off" }); });
      });
    } catch (e) {
      done({ status: 0, error: e.code || e.message });
      return;
    }
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", (e) => done({ status: 0, error: e.code || e.message }));
    req.end(data ?? undefined);
  });
}

const describe = (r) => (r.status === 0 ? `connection error ${r.error}` : `${r.status} ${tail(r.text ?? "", 300)}`);

let serial = 0;
const uniqueKey = () => `rel-${process.pid}-${Date.now()}-${serial++}-${randomBytes(4).toString("hex")}`;

function pix(ref, description = `reliability ${ref}`) {
  return { transaction_amount: 10, payment_method_id: "pix", description, external_reference: ref, payer: { email: "buyer@testuser.com" } };
}
const createPayment = (emu, token, ref, description) =>
  request(emu, "POST", "/v1/payments", { token, idem: uniqueKey(), body: pix(ref, description) });
const createCustomer = (emu, token, email) => request(emu, "POST", "/v1/customers", { token, body: { email } });

/** Checks every acknowledged payment ({id, ref}) and customer ({id, email}) reads back, 8 at a time. */
async function verify(emu, token, payments, customers = []) {
  const lost = [];
  await pool(payments, 8, async (p) => {
    const r = await request(emu, "GET", `/v1/payments/${p.id}`, { token });
    if (r.status !== 200) lost.push(`payment ${p.id}: ${describe(r)}`);
    else if (r.json?.external_reference !== p.ref) lost.push(`payment ${p.id}: external_reference ${r.json?.external_reference}, expected ${p.ref}`);
  });
  await pool(customers, 8, async (c) => {
    const r = await request(emu, "GET", `/v1/customers/${encodeURIComponent(c.id)}`, { token });
    if (r.status !== 200) lost.push(`customer ${c.id}: ${describe(r)}`);
    else if (r.json?.email !== c.email) lost.push(`customer ${c.id}: email ${r.json?.email}, expected ${c.email}`);
  });
  return lost;
}

/** The error envelope every error answer must have. */
function envelopeProblem(r) {
  const e = r.json;
  if (!e || typeof e !== "object") return `not JSON: ${tail(r.text ?? "", 200)}`;
  if (typeof e.message !== "string" || typeof e.error !== "string" || e.status !== r.status || !Array.isArray(e.cause))
    return `not the {message,error,status,cause[]} envelope with status ${r.status}: ${tail(r.text, 200)}`;
  return null;
}

// ------------------------------------------------------------------ emulator processes
const allChildren = new Set();
const mounts = new Set();

/** Spawns the emulator (its own process group) on db. Never throws; emu.listening resolves to the URL or null. */
function launch(ctx, db, extra = []) {
  if (ctx.aborted) throw new Fail("scenario timed out");
  const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" };
  for (const k of Object.keys(env)) if (/^MPEMU_/i.test(k) || /^(ASPNETCORE_|DOTNET_)?URLS$/i.test(k)) delete env[k];
  const started = now();
  const child = spawn("dotnet", [DLL, "--port", "0", "--db", db, ...extra],
    { cwd: dirname(db), env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const emu = { child, pid: child.pid, db, output: "", started, exit: null, url: null, listenMs: null };
  allChildren.add(emu);
  ctx.children.add(emu);
  emu.exited = new Promise((done) => {
    child.on("error", (e) => { emu.output += `\n[spawn error: ${e.message}]`; });
    child.on("close", (code, signal) => {
      emu.exit = { code, signal, ms: now() - started };
      allChildren.delete(emu);
      done(emu.exit);
    });
  });
  emu.listening = new Promise((done) => {
    const read = (chunk) => {
      emu.output += chunk.toString();
      if (!emu.url) {
        const m = /listening on (http:\/\/[^\s]+)/.exec(emu.output);
        if (m) {
          emu.url = m[1];
          emu.listenMs = now() - started;
          emu.agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
          done(emu.url);
        }
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    emu.exited.then(() => done(null));
  });
  return emu;
}

function signal(emu, sig) {
  if (emu.exit) return;
  try { process.kill(-emu.pid, sig); } catch { try { emu.child.kill(sig); } catch { /* gone */ } }
}

/** Starts the emulator and waits for its "listening" line; fails with its output when it does not get there. */
async function start(ctx, db, extra = [], timeoutMs = FULL ? 600_000 : 90_000) {
  const emu = launch(ctx, db, extra);
  const url = await Promise.race([emu.listening, timer(timeoutMs).then(() => null)]);
  if (!url) {
    const exit = emu.exit;
    await kill9(emu);
    fail(`the emulator on ${basename(db)} did not start: ${exit ? `exited code ${exit.code} signal ${exit.signal}` : `no "listening" line in ${secs(timeoutMs)}`}; output: ${tail(emu.output)}`);
  }
  return emu;
}

/** SIGTERM to the process group, then waits; SIGKILL after timeoutMs. Answers {code, signal, ms, forced}. */
async function stop(emu, timeoutMs = 30_000) {
  const t = now();
  signal(emu, "SIGTERM");
  const exit = await Promise.race([emu.exited, timer(timeoutMs).then(() => null)]);
  emu.agent?.destroy();
  if (exit) return { ...exit, ms: now() - t, forced: false };
  await kill9(emu);
  return { ...emu.exit, ms: now() - t, forced: true };
}

async function kill9(emu) {
  signal(emu, "SIGKILL");
  emu.agent?.destroy();
  await Promise.race([emu.exited, timer(10_000)]);
}

/** For starts that must be refused: waits for the exit; if the emulator listens instead, asks it for stored data (so a
 * lazily opened database is opened), then gives it graceMs more to exit. Answers {exited, code, signal, ms, listened,
 * served, probes}; an emulator still running afterwards is SIGKILLed. */
async function refusal(ctx, db, limitMs = 30_000) {
  const emu = launch(ctx, db);
  const t0 = now();
  const first = await Promise.race([emu.exited.then(() => "exit"), emu.listening.then((u) => (u ? "listening" : "exit")), timer(limitMs).then(() => "timeout")]);
  const result = { emu, listened: first === "listening", served: false, probes: [] };
  if (first === "listening") {
    const token = sellerToken();
    for (const path of ["/health", "/v1/payments/search?limit=1", "/v1/payments/1"]) {
      const r = await request(emu, "GET", path, { token, timeoutMs: 10_000 });
      result.probes.push(`${path} ${r.status || r.error}`);
      if (path.startsWith("/v1/payments/search") && r.status === 200) result.served = true;
    }
    // Once stored data was served the database is open: a short wait shows whether it stays up. Otherwise the
    // emulator should be on its way out; it gets the whole grace time.
    const left = Math.max(0, limitMs - (now() - t0));
    await Promise.race([emu.exited, timer(Math.min(result.served ? 1_000 : P.refusalGraceMs, left))]);
  }
  if (!emu.exit) { await kill9(emu); result.exited = false; }
  else result.exited = true;
  Object.assign(result, { code: emu.exit?.code, signal: emu.exit?.signal, ms: now() - t0, output: emu.output });
  return result;
}

/** Whether the output names the file, outside the "listening on" line (which shows the storage path of any start). */
const names = (output, file) => {
  const said = output.split("\n").filter((l) => !/listening on/.test(l)).join("\n");
  return said.includes(file) || said.includes(basename(file));
};
const exitWord = (r) => (r.exited ? `exited with code ${r.code}${r.signal ? ` (signal ${r.signal})` : ""}` : r.served ? "started and served" : "did not exit");
/** What the emulator printed besides its "listening" line, shortened. */
const said = (output) => {
  const rest = output.split("\n").filter((l) => !/listening on/.test(l)).join("\n").trim();
  return rest ? `it printed: ${excerpt(rest)}` : output.trim() ? "it printed only its listening line" : "it printed nothing";
};
const refusalText = (r) => r.exited
  ? `exited code ${r.code}${r.signal ? ` signal ${r.signal}` : ""} after ${secs(r.ms)}${r.listened ? " (after listening)" : ""}`
  : `did not exit (${r.listened ? `listened${r.served ? " and served stored data" : ""}; probes ${r.probes.join(", ")}` : "never listened"})`;

// ------------------------------------------------------------------ (a) load
async function scenarioA(ctx) {
  const db = join(ctx.dir, "x.db");
  const limit = serverBodyLimit();
  const descBytes = Math.min(P.descBytes, limit - 2048);
  const words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ";
  const text = words.repeat(Math.ceil(descBytes / words.length) + 1);
  const seedT = now();
  let emu = await start(ctx, db, ["--generate", String(P.seed)]);
  const seedMs = now() - seedT;
  const token = sellerToken();
  const run = randomBytes(3).toString("hex");
  const seededTotal = (await request(emu, "GET", "/v1/payments/search?limit=1", { token: DEMO_TOKEN })).json?.paging?.total;
  check(typeof seededTotal === "number" && seededTotal >= P.seed, `the seeded seller shows ${seededTotal} payments, expected ${P.seed}`);

  const acked = [];
  const stats = { requests: 0, fiveXX: 0, conn: 0, unexpected: 0, inconsistent: 0, samples: [] };
  const note = (kind, what) => { stats[kind]++; if (stats.samples.length < 5) stats.samples.push(what); };
  const account = (what, r, expected) => {
    stats.requests++;
    if (r.status === 0) note("conn", `${what}: ${describe(r)}`);
    else if (r.status >= 500) note("fiveXX", `${what}: ${describe(r)}`);
    else if (r.status !== expected) note("unexpected", `${what}: ${describe(r)}`);
    return r.status === expected;
  };
  let stopped = false;
  let n = 0;
  let biggestBody = 0;
  const writer = async (w) => {
    while (!stopped && !ctx.aborted && !emu.exit) {
      const ref = `r-${run}-${n++}`;
      const description = `${ref} ${text}`.slice(0, descBytes);
      const body = JSON.stringify(pix(ref, description));
      biggestBody = Math.max(biggestBody, Buffer.byteLength(body));
      if (Buffer.byteLength(body) > limit) fail(`a body of ${Buffer.byteLength(body)} bytes would exceed JsonBody.MaxBytes ${limit}`);
      const r = await request(emu, "POST", "/v1/payments", { token, idem: uniqueKey(), body });
      if (account(`writer ${w} POST`, r, 201)) {
        if (typeof r.json?.id === "number") acked.push({ id: r.json.id, ref });
        else note("unexpected", `writer ${w}: 201 without a numeric id: ${tail(r.text, 200)}`);
      }
    }
  };
  const statuses = ["approved", "pending", "rejected", "refunded", "cancelled", "in_process"];
  const searcher = async (s) => {
    for (let i = 0; !stopped && !ctx.aborted && !emu.exit; i++) {
      const p = acked.length ? acked[randomInt(acked.length)] : null;
      const kind = p ? (s + i) % 3 : 0;
      if (kind === 0) {
        const who = i % 2 ? token : DEMO_TOKEN;
        const r = await request(emu, "GET", `/v1/payments/search?status=${statuses[i % statuses.length]}&limit=30`, { token: who });
        if (account(`searcher ${s} status search`, r, 200) && typeof r.json?.paging?.total !== "number") note("unexpected", `status search without paging.total: ${tail(r.text, 200)}`);
      } else if (kind === 1) {
        const r = await request(emu, "GET", `/v1/payments/search?external_reference=${encodeURIComponent(p.ref)}`, { token });
        if (account(`searcher ${s} reference search`, r, 200) && (r.json?.paging?.total !== 1 || r.json?.results?.[0]?.id !== p.id))
          note("inconsistent", `search for ${p.ref} found total ${r.json?.paging?.total}, first id ${r.json?.results?.[0]?.id}, expected ${p.id}`);
      } else {
        const r = await request(emu, "GET", `/v1/payments/${p.id}`, { token });
        if (account(`searcher ${s} GET`, r, 200) && r.json?.external_reference !== p.ref)
          note("inconsistent", `GET ${p.id}: external_reference ${r.json?.external_reference}, expected ${p.ref}`);
      }
    }
  };
  const loadT = now();
  const loops = [...Array.from({ length: 8 }, (_, w) => writer(w)), ...Array.from({ length: 8 }, (_, s) => searcher(s))];
  await sleep(P.loadSeconds * 1000);
  stopped = true;
  await Promise.all(loops);
  const loadMs = now() - loadT;

  const died = emu.exit ? `the emulator exited during the load (code ${emu.exit.code}, signal ${emu.exit.signal}); output: ${tail(emu.output, 400)}` : null;
  const stopped1 = await stop(emu);
  const restartT = now();
  emu = await start(ctx, db);
  const restartMs = now() - restartT;
  const firstRead = await request(emu, "GET", "/v1/payments/search?limit=1", { token: DEMO_TOKEN });
  const readyMs = now() - restartT;
  const lost = await verify(emu, token, acked);
  const seededAfter = firstRead.json?.paging?.total;
  const stopped2 = await stop(emu);

  const figures = `seed ${P.seed} payments in ${secs(seedMs)} (to "listening"); ${secs(loadMs)} of load, 8 writers + 8 searchers: ` +
    `${stats.requests} requests (${(stats.requests / (loadMs / 1000)).toFixed(1)}/s), ${acked.length} payments acknowledged ` +
    `(${Math.round(descBytes / 1024)} KB descriptions, bodies up to ${biggestBody} of ${limit} bytes), ${stats.fiveXX} 5xx, ${stats.conn} connection errors, ` +
    `${stats.unexpected} other unexpected answers, ${stats.inconsistent} inconsistent reads; SIGTERM stop ${secs(stopped1.ms)} (exit ${stopped1.code ?? stopped1.signal}${stopped1.forced ? ", had to SIGKILL" : ""}); ` +
    `restart ${secs(restartMs)} to "listening", ${secs(readyMs)} to the first read; ${acked.length - lost.length}/${acked.length} acknowledged read back; ` +
    `seeded seller ${seededTotal} -> ${seededAfter} payments`;
  const problems = died ? [died] : [];
  if (stats.fiveXX) problems.push(`${stats.fiveXX} 5xx`);
  if (stats.conn) problems.push(`${stats.conn} connection errors`);
  if (stats.unexpected) problems.push(`${stats.unexpected} unexpected answers`);
  if (stats.inconsistent) problems.push(`${stats.inconsistent} inconsistent reads`);
  if (stopped1.forced || stopped1.code !== 0) problems.push(`SIGTERM stop ended with code ${stopped1.code} signal ${stopped1.signal}${stopped1.forced ? " (did not exit in 30 s)" : ""}`);
  if (firstRead.status !== 200 || seededAfter !== seededTotal) problems.push(`after the restart the seeded seller shows ${seededAfter} payments (${describe(firstRead)}), expected ${seededTotal}`);
  if (lost.length) problems.push(`${lost.length} acknowledged payments lost after the restart (${lost.slice(0, 3).join("; ")})`);
  if (!acked.length) problems.push("no payment was acknowledged");
  if (stopped2.forced) problems.push("the restarted emulator did not exit on SIGTERM");
  check(!problems.length, () => `${problems.join("; ")}. Samples: ${stats.samples.join(" | ") || "none"}. Figures: ${figures}`);
  return figures;
}

// ------------------------------------------------------------------ (b) kill -9
async function scenarioB(ctx) {
  const db = join(ctx.dir, "x.db");
  const token = sellerToken();
  const run = randomBytes(3).toString("hex");
  const payments = [];
  const customers = [];
  const startMs = [];
  const killedAt = [];
  const problems = [];
  const lostAll = [];
  let n = 0;
  let errorsBeforeKill = 0;
  const samples = [];
  for (let round = 1; round <= P.killRounds + 1; round++) {
    const t = now();
    let emu;
    try {
      emu = await start(ctx, db);
    } catch (e) {
      fail(`start ${round} (after ${round - 1} SIGKILLs) failed: ${e.message}; acknowledged so far ${payments.length} payments + ${customers.length} customers`);
    }
    const ready = await request(emu, "GET", "/v1/payments/search?limit=1", { token }); // a start counts once stored data answers
    if (ready.status !== 200) fail(`start ${round} (after ${round - 1} SIGKILLs) listened but a search answered ${describe(ready)}; output: ${tail(emu.output, 300)}`);
    startMs.push(now() - t);
    const lost = await verify(emu, token, payments, customers);
    if (lost.length) { lostAll.push(...lost); problems.push(`start ${round}: ${lost.length} acknowledged writes missing (${lost.slice(0, 3).join("; ")})`); }
    if (round > P.killRounds) { await stop(emu); break; }
    // One payment and one customer before the load: the first of each pays for JIT compilation (up to a second), which
    // would otherwise eat a short round; they count as acknowledged writes like any other.
    const warmRef = `k-${run}-${n++}`;
    const warmPayment = await createPayment(emu, token, warmRef);
    if (warmPayment.status !== 201) fail(`start ${round}: the first payment answered ${describe(warmPayment)}`);
    payments.push({ id: warmPayment.json.id, ref: warmRef });
    const warmEmail = `x-${run}-${n++}@testuser.com`;
    const warmCustomer = await createCustomer(emu, token, warmEmail);
    if (warmCustomer.status !== 201) fail(`start ${round}: the first customer answered ${describe(warmCustomer)}`);
    customers.push({ id: warmCustomer.json.id, email: warmEmail });

    let stopped = false;
    let killing = false;
    const bad = (what, r) => { if (!killing) { errorsBeforeKill++; if (samples.length < 5) samples.push(`round ${round} ${what}: ${describe(r)}`); } };
    const writer = async (w) => {
      for (let i = 0; !stopped && !ctx.aborted && !emu.exit; i++) {
        const k = n++;
        if ((w + i) % 2 === 0) {
          const ref = `k-${run}-${k}`;
          const r = await createPayment(emu, token, ref);
          if (r.status === 201 && typeof r.json?.id === "number") payments.push({ id: r.json.id, ref });
          else if (!(r.status === 0 && killing)) bad(`writer ${w} POST payment`, r);
        } else {
          const email = `x-${run}-${k}@testuser.com`;
          const r = await createCustomer(emu, token, email);
          if (r.status === 201 && typeof r.json?.id === "string") customers.push({ id: r.json.id, email });
          else if (!(r.status === 0 && killing)) bad(`writer ${w} POST customer`, r);
        }
      }
    };
    const reader = async (q) => {
      for (let i = 0; !stopped && !ctx.aborted && !emu.exit; i++) {
        let r;
        if (i % 3 === 2 || (!payments.length && !customers.length)) r = await request(emu, "GET", "/v1/payments/search?status=pending&limit=30", { token });
        else if (i % 3 === 0 && payments.length) r = await request(emu, "GET", `/v1/payments/${payments[randomInt(payments.length)].id}`, { token });
        else if (customers.length) r = await request(emu, "GET", `/v1/customers/${encodeURIComponent(customers[randomInt(customers.length)].id)}`, { token });
        else r = await request(emu, "GET", `/v1/payments/search?external_reference=k-${run}-0`, { token });
        if (r.status !== 200 && !(r.status === 0 && killing)) bad(`reader ${q} GET`, r);
      }
    };
    const loops = [...Array.from({ length: 4 }, (_, w) => writer(w)), ...Array.from({ length: 2 }, (_, q) => reader(q))];
    const at = P.killLoadSeconds * 1000 * (0.2 + 0.8 * Math.random());
    await sleep(at);
    killing = true;
    killedAt.push(at);
    await kill9(emu); // the load is still running: its requests in flight die with the process
    stopped = true;
    await Promise.all(loops);
  }
  const figures = `${P.killRounds} rounds of ${P.killLoadSeconds} s load (4 writers, 2 readers), SIGKILL at ${killedAt.map((ms) => (ms / 1000).toFixed(2)).join("/")} s; ` +
    `${startMs.length} starts ok, each answering a search (avg ${secs(startMs.reduce((a, b) => a + b, 0) / startMs.length)}, max ${secs(Math.max(...startMs))}); ` +
    `acknowledged ${payments.length} payments + ${customers.length} customers; lost ${lostAll.length}; errors before a kill ${errorsBeforeKill}`;
  if (errorsBeforeKill) problems.push(`${errorsBeforeKill} errors before a kill (${samples.join(" | ")})`);
  if (!payments.length || !customers.length) problems.push("nothing was acknowledged: the load did not run");
  check(!problems.length, () => `${problems.join("; ")}. Figures: ${figures}`);
  return figures;
}

// ------------------------------------------------------------------ (c) two processes on one file
async function scenarioC(ctx) {
  const db = join(ctx.dir, "x.db");
  const token = sellerToken();
  const first = await start(ctx, db);
  const before = await createPayment(first, token, "c-before");
  check(before.status === 201, `the first emulator did not create a payment: ${describe(before)}`);
  const second = await refusal(ctx, db);
  const problems = [];
  if (!second.exited || second.code !== 1) problems.push(`the second emulator ${exitWord(second)}, expected exit code 1 within 30 s`);
  if (!names(second.output, db)) problems.push(`its output does not name ${db} (${said(second.output)})`);
  const health = await request(first, "GET", "/health");
  if (health.status !== 200 || health.json?.status !== "ok") problems.push(`the first emulator's /health answered ${describe(health)}`);
  const after = await createPayment(first, token, "c-after");
  if (after.status !== 201) problems.push(`the first emulator could not create a payment afterwards: ${describe(after)}`);
  else {
    const read = await request(first, "GET", `/v1/payments/${after.json?.id}`, { token });
    if (read.status !== 200) problems.push(`the first emulator could not read it back: ${describe(read)}`);
  }
  const firstStop = await stop(first);
  if (firstStop.forced) problems.push("the first emulator did not exit on SIGTERM");
  const figures = `second process ${refusalText(second)}${names(second.output, db) ? ", naming the database" : ""}; ` +
    `first still healthy (/health ${health.status} ${health.json?.status}) and created payment ${after.json?.id ?? "-"} (${after.status || after.error})`;
  check(!problems.length, () => `${problems.join("; ")}. Figures: ${figures}`);
  return figures;
}

// ------------------------------------------------------------------ (d) full disk
async function scenarioD(ctx) {
  if (process.platform !== "linux" || process.getuid?.() !== 0) throw new Skip("needs root to mount a tmpfs");
  const mnt = join(ctx.dir, "mnt");
  fs.mkdirSync(mnt);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt], { stdio: "pipe" });
  } catch (e) {
    throw new Skip(`needs root to mount a tmpfs (mount failed: ${tail(String(e.stderr || e.message), 200)})`);
  }
  mounts.add(mnt);
  ctx.cleanup.push(async () => {
    for (const emu of ctx.children) await kill9(emu);
    unmount(mnt);
  });
  const filler = join(mnt, "filler");
  fs.writeFileSync(filler, Buffer.alloc(5 * 1024 * 1024, 0x2e)); // most of the 8 MB: freed later
  const db = join(mnt, "x.db");
  const token = sellerToken();
  const run = randomBytes(3).toString("hex");
  const description = "full disk ".repeat(1600); // 16 KB
  let emu = await start(ctx, db);
  const acked = [];
  let n = 0;
  let full = null;
  const fillT = now();
  while (!full && now() - fillT < 60_000 && n < 5_000) {
    const ref = `d-${run}-${n++}`;
    const r = await createPayment(emu, token, ref, description);
    if (r.status === 201) acked.push({ id: r.json?.id, ref });
    else if (r.status === 507 || r.status === 503) full = r;
    else fail(`POST ${n} on a filling disk answered ${describe(r)} (expected 201 until a 507 or 503); ${acked.length} acknowledged; disk: ${df(mnt)}; files: ${sizes(mnt)}; emulator log: ${excerpt(emu.output)}`);
  }
  const fit = acked.length;
  check(full, `no 507/503 after ${n} payments of 16 KB in ${secs(now() - fillT)} (disk: ${df(mnt)})`);
  const problem = envelopeProblem(full);
  check(!problem, `the ${full.status} answer: ${problem}`);
  check(acked.length, `the very first POST answered ${full.status}: the filler left no room to work`);
  const earlier = await request(emu, "GET", `/v1/payments/${acked[0].id}`, { token });
  check(earlier.status === 200, `with the disk full, GET of an earlier payment answered ${describe(earlier)}`);
  const degraded = await request(emu, "GET", "/health");
  check(degraded.json?.status === "degraded" && typeof degraded.json?.reason === "string" && degraded.json.reason.length > 0,
    `with the disk full, /health answered ${describe(degraded)}, expected "status":"degraded" with a reason`);

  fs.rmSync(filler);
  const freeT = now();
  let wrote = null;
  let health = null;
  while (now() - freeT < 30_000) {
    if (!wrote) {
      const ref = `d-${run}-${n++}`;
      const r = await createPayment(emu, token, ref, description);
      if (r.status === 201) { wrote = r; acked.push({ id: r.json?.id, ref }); }
      else if (r.status !== 507 && r.status !== 503) fail(`after freeing space, a POST answered ${describe(r)}`);
    }
    if (wrote) {
      health = await request(emu, "GET", "/health");
      if (health.status === 200 && health.json?.status === "ok") break;
    }
    await sleep(200);
  }
  const recoverMs = now() - freeT;
  check(wrote, `30 s after freeing 5 MB, POSTs still answered 507/503`);
  check(health?.json?.status === "ok", `30 s after freeing space, /health still answers ${describe(health)}`);
  const stopped = await stop(emu);
  emu = await start(ctx, db);
  const lost = await verify(emu, token, acked);
  await stop(emu);
  check(!lost.length, `after the restart ${lost.length} of ${acked.length} acknowledged payments are missing (${lost.slice(0, 3).join("; ")})`);
  return `${fit} payments of 16 KB fit, then ${full.status} "${full.json?.error}"; earlier payment still 200; /health ${degraded.status} degraded ` +
    `("${tail(degraded.json.reason, 80)}"); after freeing 5 MB: 201 and "ok" in ${secs(recoverMs)}; SIGTERM stop exit ${stopped.code}; ` +
    `restart: ${acked.length}/${acked.length} acknowledged read back`;
}

function df(dir) {
  try { return execFileSync("df", ["-k", dir], { encoding: "utf8" }).trim().split("\n").pop().replace(/\s+/g, " "); } catch { return "?"; }
}

function sizes(dir) {
  return filesIn(dir).map((f) => `${f} ${Math.round(fs.statSync(join(dir, f)).size / 1024)} KB`).join(", ");
}

function unmount(dir) {
  if (!mounts.has(dir)) return;
  for (const args of [[dir], [dir], ["-l", dir]]) {
    try { execFileSync("umount", args, { stdio: "pipe" }); mounts.delete(dir); return; } catch { /* retry */ }
  }
}

// ------------------------------------------------------------------ (e) a log file from another database
async function writeThenKill(ctx, db, writes) {
  const emu = await start(ctx, db);
  const token = sellerToken();
  for (let i = 0; i < writes; i++) {
    const r = await createPayment(emu, token, `e-${basename(db)}-${i}`);
    check(r.status === 201, `creating a payment on ${basename(db)}: ${describe(r)}`);
  }
  await kill9(emu); // right after the last acknowledged write
  return filesIn(dirname(db));
}

async function scenarioE(ctx) {
  const dirA = join(ctx.dir, "a");
  const dirB = join(ctx.dir, "b");
  fs.mkdirSync(dirA);
  fs.mkdirSync(dirB);
  const a = join(dirA, "A.db");
  const b = join(dirB, "B.db");
  const aLog = join(dirA, "A-log.db");
  const bLog = join(dirB, "B-log.db");
  let [filesA, filesB] = await Promise.all([writeThenKill(ctx, a, 1), writeThenKill(ctx, b, 1)]);
  let how = "after one payment";
  if (!fs.existsSync(bLog)) {
    filesB = await writeThenKill(ctx, b, 5);
    how = "after a second start and five payments";
  }
  if (!fs.existsSync(bLog)) throw new Skip(`B left no log file even when SIGKILLed right after writes (files: ${filesB.join(", ")})`);
  fs.copyFileSync(bLog, aLog);
  const before = { db: sha256(a), log: sha256(aLog) };
  const r = await refusal(ctx, a);
  const after = { db: sha256(a), log: sha256(aLog) };
  const problems = [];
  if (!r.exited || r.code !== 1) problems.push(`on A.db with B's log it ${exitWord(r)}, expected exit code 1`);
  if (!names(r.output, aLog)) problems.push(`its output does not name ${aLog} (${said(r.output)})`);
  if (after.db !== before.db) problems.push("A.db changed");
  if (after.log !== before.log) problems.push(`A-log.db changed${after.log === "(missing)" ? " (removed)" : ""}`);
  const figures = `A left ${filesA.join(", ")}; B left ${filesB.join(", ")} (${how}); B-log.db copied over A-log.db; ` +
    `start on A.db ${refusalText(r)}${names(r.output, aLog) ? ", naming the log file" : ""}; A.db ${after.db === before.db ? "unchanged" : "CHANGED"}, ` +
    `A-log.db ${after.log === before.log ? "unchanged" : "CHANGED"}; files now: ${filesIn(dirA).join(", ")}`;
  check(!problems.length, () => `${problems.join("; ")}. Figures: ${figures}`);
  return figures;
}

// ------------------------------------------------------------------ (f) files that are not databases
async function scenarioF(ctx) {
  const problems = [];
  const report = [];
  const notesDir = join(ctx.dir, "notes");
  const randomDir = join(ctx.dir, "random");
  fs.mkdirSync(notesDir);
  fs.mkdirSync(randomDir);
  const notes = join(notesDir, "notes.db");
  fs.writeFileSync(notes, "shopping list\n- coffee\n- bread\n\nremember: call the bank on monday\n");
  const random = join(randomDir, "random.db");
  fs.writeFileSync(random, randomBytes(20_000));
  const refuse = async (file) => {
    const before = sha256(file);
    const dirBefore = filesIn(dirname(file));
    const r = await refusal(ctx, file);
    const unchanged = sha256(file) === before;
    const dirAfter = filesIn(dirname(file));
    const named = names(r.output, file);
    if (!r.exited || r.code !== 1) problems.push(`${basename(file)} ${exitWord(r)}, expected exit code 1`);
    if (!named) problems.push(`the output does not name ${basename(file)} (${said(r.output)})`);
    if (!unchanged) problems.push(`${basename(file)} changed`);
    return `${basename(file)} ${refusalText(r)}${named ? ", named" : ""}, ${unchanged ? "unchanged" : "CHANGED"}` +
      (dirAfter.join() !== dirBefore.join() ? ` (files now ${dirAfter.join(", ")})` : "");
  };

  // A real database (made meanwhile), cut to its first page and a bit.
  const realDir = join(ctx.dir, "real");
  const truncDir = join(ctx.dir, "truncated");
  fs.mkdirSync(realDir);
  fs.mkdirSync(truncDir);
  const real = join(realDir, "real.db");
  const makeReal = async () => {
    const emu = await start(ctx, real);
    const token = sellerToken();
    for (let i = 0; i < 5; i++) {
      const r = await createPayment(emu, token, `f-${i}`);
      check(r.status === 201, `making a real database: ${describe(r)}`);
    }
    const stopped = await stop(emu);
    check(!stopped.forced, "making a real database: the emulator did not exit on SIGTERM");
  };
  report.push(...(await Promise.all([refuse(notes), refuse(random), makeReal()])).filter(Boolean));
  const size = fs.statSync(real).size;
  const cut = 8 * 1024 + 100;
  check(size > cut, `the real database is only ${size} bytes (files: ${filesIn(realDir).join(", ")})`);
  const truncated = join(truncDir, "truncated.db");
  const fd = fs.openSync(real, "r");
  const head = Buffer.alloc(cut);
  fs.readSync(fd, head, 0, cut, 0);
  fs.closeSync(fd);
  fs.writeFileSync(truncated, head);
  const before = sha256(truncated);
  const r = await refusal(ctx, truncated);
  const unchanged = sha256(truncated) === before;
  let verdict;
  if (r.exited && r.code === 1) {
    verdict = `exited 1 after ${secs(r.ms)}${names(r.output, truncated) ? ", named" : ", NOT named"}, ${unchanged ? "unchanged" : "CHANGED"}`;
    if (!unchanged) problems.push("truncated.db exited 1 but was changed");
  } else if (!r.exited && r.served) {
    verdict = `started and served stored data (file ${unchanged ? "unchanged" : "changed, allowed since it started"})`;
  } else {
    verdict = refusalText(r);
    problems.push(`truncated.db (${size} -> ${cut} bytes): ${verdict}; expected exit code 1 or a working start${unchanged ? "" : "; and the file changed"}`);
  }
  report.push(`truncated.db (real ${size} bytes cut to ${cut}) ${verdict}`);
  const figures = report.join("; ");
  check(!problems.length, () => `${problems.join("; ")}. Figures: ${figures}`);
  return figures;
}

// ------------------------------------------------------------------ runner
const scenarios = { a: ["load", scenarioA], b: ["kill -9", scenarioB], c: ["two processes", scenarioC], d: ["full disk", scenarioD], e: ["stale log", scenarioE], f: ["not a database", scenarioF] };

const tempDirs = new Set();

function killAllSync() {
  for (const emu of allChildren) signal(emu, "SIGKILL");
  for (const dir of [...mounts]) unmount(dir);
  for (const dir of tempDirs) if (![...mounts].some((m) => m.startsWith(dir))) fs.rmSync(dir, { recursive: true, force: true });
}
process.on("exit", killAllSync);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => { console.log(`\ninterrupted (${sig}): stopping the emulators`); killAllSync(); process.exit(130); });

async function runScenario(letter) {
  const [title, body] = scenarios[letter];
  const ctx = { dir: fs.mkdtempSync(join(os.tmpdir(), `mpemu-reliability-${letter}-`)), children: new Set(), cleanup: [], aborted: false };
  tempDirs.add(ctx.dir);
  const t = now();
  let deadline;
  let outcome;
  try {
    const timeout = new Promise((_, reject) => { deadline = setTimeout(() => { ctx.aborted = true; reject(new Fail(`timed out after ${secs(P.scenarioTimeoutMs)}`)); }, P.scenarioTimeoutMs); });
    const figures = await Promise.race([body(ctx), timeout]);
    outcome = ["PASS", `${figures} [${secs(now() - t)}]`];
  } catch (e) {
    if (e instanceof Skip) outcome = ["SKIP", e.message];
    else outcome = ["FAIL", `${e instanceof Fail ? e.message : e?.stack ?? e} [${secs(now() - t)}]`];
  } finally {
    clearTimeout(deadline);
    ctx.aborted = true;
    for (const emu of ctx.children) await kill9(emu);
    for (const clean of ctx.cleanup) { try { await clean(); } catch { /* best effort */ } }
    if (![...mounts].some((m) => m.startsWith(ctx.dir))) { fs.rmSync(ctx.dir, { recursive: true, force: true }); tempDirs.delete(ctx.dir); }
  }
  return { status: outcome[0], line: `${outcome[0]} ${letter}: ${outcome[0] === "SKIP" ? "" : `(${title}) `}${outcome[1]}` };
}

async function main() {
  if (!fs.existsSync(DLL)) {
    console.error(`The emulator is not built: ${DLL} does not exist. Run \`dotnet build src/MpEmulator\` (or set MPEMU_DLL).`);
    process.exit(2);
  }
  const letters = picked.length ? [...new Set(picked)].sort() : Object.keys(scenarios);
  console.log(`Reliability run (${MODE}) of ${DLL}: scenarios ${letters.join(" ")}`);
  const t = now();
  const counts = { PASS: 0, FAIL: 0, SKIP: 0 };
  // The load scenarios run alone, so their figures are their own; the others (c-f: starts, exits and files, no
  // figures of speed) run side by side, which keeps the short form short. Results print in letter order.
  const report = ({ status, line }) => { counts[status]++; console.log(line); };
  for (const letter of letters.filter((l) => "ab".includes(l))) report(await runScenario(letter));
  const together = letters.filter((l) => !"ab".includes(l)).map((letter) => runScenario(letter));
  for (const result of together) report(await result);
  console.log(`${counts.PASS} passed, ${counts.FAIL} failed, ${counts.SKIP} skipped (${MODE}, ${secs(now() - t)})`);
  process.exit(counts.FAIL ? 1 : 0); // the "exit" handler still SIGKILLs any emulator left
}

await main();
