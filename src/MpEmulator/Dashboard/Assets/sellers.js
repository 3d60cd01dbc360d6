// Which access token the page acts with, as each seller, on the real /v1 API. The emulator reports registered sellers'
// tokens and every token seen since it started (GET /__admin/sellers); any other (a seller whose data outlived a
// restart) is pasted once and kept in this browser's localStorage.
import { get } from "./api.js";

const stored = (userId) => `mpemu.token.${userId}`;

// The first 200 (the route pages them); `total` tells how many there are.
export async function sellersPage() {
  const reply = await get("/__admin/sellers?limit=200");
  return reply.ok ? reply.body : { paging: { total: 0 }, results: [] };
}

export const listSellers = async () => (await sellersPage()).results;

export async function tokenFor(userId) {
  const reply = await get(`/__admin/sellers?user_id=${encodeURIComponent(userId)}`);
  return (reply.ok ? reply.body.results[0]?.access_token : null) ?? localStorage.getItem(stored(userId));
}

export const rememberToken = (userId, token) => localStorage.setItem(stored(userId), token.trim());

export const sellerOptions = (sellers) =>
  [["", "All sellers"], ...sellers.map((s) => [s.user_id, `${s.user_id} (${s.site_id}${s.registered ? ", registered" : ""})`])];
