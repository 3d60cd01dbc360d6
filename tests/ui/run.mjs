// Dashboard tests in a real browser: Debian's Chromium (never a downloaded one) driven by playwright-core.
//
// Usage (from the repository root, after a build and `npm ci` in tests/ui):
//   node tests/ui/run.mjs [command that starts the emulator...]
// The default command is `dotnet run --project src/MpEmulator --no-build -- --port 0 --in-memory --fixtures fixtures/default.json`.
// CHROMIUM overrides the browser path (default /usr/bin/chromium). Prints PASS/FAIL/SKIP per check, then a count; exits
// non-zero when a check failed. Screenshots of the main views land in tests/ui/screenshots/run/.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startEmulator } from "./emulator.mjs";
import { checks } from "./checks.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const shots = resolve(here, "screenshots", "run");
const DEFAULT_COMMAND = "dotnet run --project src/MpEmulator --no-build -- --port 0 --in-memory --fixtures fixtures/default.json";
// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this network refuses.
const FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const results = { passed: 0, failed: 0, skipped: 0 };

class Skip extends Error {}
const skip = (reason) => { throw new Skip(reason); };

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.passed++;
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    if (e instanceof Skip) {
      results.skipped++;
      console.log(`SKIP ${name}: ${e.message}`);
      return;
    }
    results.failed++;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}

const command = process.argv.length > 2 ? process.argv.slice(2).join(" ") : DEFAULT_COMMAND;
// One quick retry, so a failed webhook is "failed" within seconds (ignored by builds without webhook delivery).
const emulator = startEmulator(command, root, { MPEMU_Webhooks__Retries: "1s" });
let browser;
try {
  const base = await emulator.url;
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });
  console.log(`emulator at ${base}, ${browser.version()}`);
  await checks({ base, browser, check, skip, shots });
} catch (e) {
  results.failed++;
  console.log(`FAIL start: ${e?.stack ?? e}`);
}
await browser?.close();
if (results.failed > 0) console.log(`--- emulator output ---\n${emulator.log.join("").slice(-4000)}`);
await emulator.stop();
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed === 0 ? 0 : 1);
