// Starts the emulator as a child process and reads the URL it prints ("listening on http://...").
import { spawn } from "node:child_process";

export function startEmulator(command, cwd, env = {}) {
  const child = spawn(command, { cwd, shell: true, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  const log = [];
  const url = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the emulator printed no URL within 90 s")), 90_000);
    const read = (chunk) => {
      const text = chunk.toString();
      log.push(text);
      const match = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (match) { clearTimeout(timer); ok(match[1]); }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`the emulator exited (${code}) before listening`)); });
  });
  const exited = new Promise((done) => child.on("exit", done));
  // However this process ends (a failed check, a closed pipe), the emulator does not outlive it.
  process.on("exit", () => { try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ } });
  const stop = async () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch { return; /* already gone */ }
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
  };
  return { url, log, stop };
}

/** A seller's client for the real API, as a merchant's back end would call it. */
export function api(base, token) {
  return async (method, path, body) => {
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    if (method === "POST") headers["X-Idempotency-Key"] = crypto.randomUUID();
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}
