// Which access token the page acts with, as each seller, on the real /v1 API. The emulator reports registered sellers'
// tokens and every token seen since it started (GET /__admin/sellers); any other (a seller whose data outlived a
// restart) is pasted once and kept in this browser's localStorage.
import { get } from "./api.js";

const stored = (userId) => `mpemu.token.${userId}`;

export async function listSellers() {
  const reply = await get("/__admin/sellers");
  return reply.ok ? reply.body : [];
}

export async function tokenFor(userId) {
  const seller = (await listSellers()).find((s) => String(s.user_id) === String(userId));
  return seller?.access_token ?? localStorage.getItem(stored(userId));
}

export const rememberToken = (userId, token) => localStorage.setItem(stored(userId), token.trim());

export const sellerOptions = (sellers) =>
  [["", "All sellers"], ...sellers.map((s) => [s.user_id, `${s.user_id} (${s.site_id}${s.registered ? ", registered" : ""})`])];
