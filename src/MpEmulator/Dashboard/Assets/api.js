// Every request the page makes. Admin calls carry X-Admin-Key when the emulator has an AdminKey (asked once, kept for
// this tab); /v1 calls carry the seller's bearer token and, on POST, a fresh X-Idempotency-Key as the SDKs do.
const KEY = "mpemu.adminKey";
let asking = null;

export function adminHeaders() {
  const key = sessionStorage.getItem(KEY);
  return key ? { "X-Admin-Key": key } : {};
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Outside a secure context (a LAN address) randomUUID is missing; getRandomValues is not.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Sends a request and answers {method, path, status, ok, body, text}; never throws. */
export async function call(method, path, { body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  if (token && method === "POST") headers["X-Idempotency-Key"] = uuid();
  if (path.startsWith("/__admin")) Object.assign(headers, adminHeaders());
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  } catch (e) {
    return { method, path, status: 0, ok: false, body: null, text: `No answer: ${e.message}` };
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
  if (response.status === 401 && path.startsWith("/__admin") && json?.error === "unauthorized" && await askKey()) {
    return call(method, path, { body, token });
  }
  return { method, path, status: response.status, statusText: response.statusText, ok: response.ok, body: json, text };
}

export const get = (path) => call("GET", path);

function askKey() {
  asking ??= Promise.resolve().then(() => {
    const key = prompt("This emulator is protected by an AdminKey. Enter it to use the dashboard:");
    if (key) sessionStorage.setItem(KEY, key);
    asking = null;
    return Boolean(key);
  });
  return asking;
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

let aboutReply;
/** Version, site, time zone and whether this build delivers webhooks; read once. */
export const about = () => (aboutReply ??= get("/__admin/about"));
