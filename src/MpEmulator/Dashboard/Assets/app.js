// The dashboard shell: hash routes (#/payments/123), the emulator clock in the header, the live-feed indicator.
import { get } from "./api.js";
import { connect } from "./live.js";
import * as payments from "./views/payments.js";
import * as payment from "./views/payment.js";
import * as orders from "./views/orders.js";
import * as sellers from "./views/sellers.js";
import * as customers from "./views/customers.js";
import * as webhooks from "./views/webhooks.js";
import * as requests from "./views/requests.js";
import * as rules from "./views/rules.js";
import * as clock from "./views/clock.js";
import * as data from "./views/data.js";
import * as parity from "./views/parity.js";

const views = { payments, orders, sellers, customers, webhooks, requests, rules, clock, data, parity };
const main = document.getElementById("main");
let cleanup = () => {};
let generation = 0;

async function route() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [name = "payments", id] = path.split("/").filter(Boolean);
  const view = name === "payments" && id ? payment : views[name] ?? payments;
  cleanup();
  cleanup = () => {};
  const mine = ++generation;
  for (const link of document.querySelectorAll("nav a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#/${views[name] ? name : "payments"}`);
  }
  const section = document.createElement("section");
  section.className = "view";
  main.replaceChildren(section);
  const stop = await view.render(section, { id, params: new URLSearchParams(query) });
  if (mine === generation) cleanup = stop ?? (() => {});
  else stop?.();
}

// The emulator's time keeps running between reads: tick it here from the last reading.
let reading = null;
export async function readClock() {
  const reply = await get("/__admin/clock");
  if (reply.ok) reading = { now: Date.parse(reply.body.now), offset: reply.body.offset, zone: reply.body.now.slice(23), at: Date.now() };
  tick();
}

function tick() {
  if (!reading) return;
  const now = reading.now + Date.now() - reading.at;
  const sign = reading.zone.startsWith("-") ? -1 : 1;
  const [hours, minutes] = reading.zone.slice(1).split(":").map(Number);
  const local = new Date(now + sign * (hours * 60 + minutes) * 60_000).toISOString().slice(0, 19).replace("T", " ");
  const moved = reading.offset && !/^-?PT?0S?$/.test(reading.offset) ? ` (moved ${reading.offset})` : "";
  document.getElementById("clock").textContent = `Emulator time ${local} ${reading.zone}${moved}`;
}

function setLive(on) {
  const live = document.getElementById("live");
  live.textContent = on ? "live" : "offline";
  live.classList.toggle("on", on);
}

addEventListener("hashchange", () => { route(); main.focus({ preventScroll: true }); });
addEventListener("mp:clock", readClock);
setInterval(tick, 1000);
readClock();
connect(setLive);
route();
