// Contract run: the official Mercado Pago Node SDK (npm `mercadopago`, pinned in package.json) drives a whole
// merchant flow against MpEmulator, with the SDK's own classes, and checks the fields it gets back.
//
// The orders part (orders.mjs) also checks every response against the official OpenAPI spec, read from
// ../shared/reference/mp-openapi/spec3.json beside the repository (or MP_OPENAPI_SPEC) when the run starts.
//
// Usage (from the repository root, after `npm ci` in tests/contract and a build of the emulator):
//   node tests/contract/run.mjs [command that starts the emulator...]
// The default command is `dotnet run --project src/MpEmulator --no-build -- --port 0 --in-memory`; whatever runs, it
// must print the emulator's line "listening on http://...". Prints `PASS name` / `FAIL name: reason` per step, then
// `N passed, M failed`; exits non-zero when a step failed or the emulator did not start.
//
// How the SDK is pointed at the emulator: the SDK has no base-URL option. Its RestClient builds every request URL as
// `${AppConfig.BASE_URL}${endpoint}` at call time, and AppConfig (dist/utils/config) is a class with a static, writable
// BASE_URL. Assigning that one field is the whole override; no HTTP layer is intercepted. A guard around fetch only
// checks that no request leaves for any other host.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes, randomInt } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ordersFlow } from "./orders.mjs";
import { loadSpec } from "./spec.mjs";

const require = createRequire(import.meta.url);
const mp = require("mercadopago");
const { AppConfig } = require("mercadopago/dist/utils/config");
const { MercadoPagoConfig, Customer, CustomerCard, CardToken, PaymentMethod, IdentificationType, Payment, PaymentRefund, User,
  MPNotFoundError, MPBadRequestError } = mp;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEFAULT_COMMAND = "dotnet run --project src/MpEmulator --no-build -- --port 0 --in-memory";
const MASTER = "5031433215406351"; // MLB test Mastercard (CVV 123)

// ------------------------------------------------------------------ emulator
function startEmulator(command) {
  const child = spawn(command, { cwd: root, shell: true, detached: true, stdio: ["ignore", "pipe", "pipe"] });
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
  const stop = async () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch { return; /* already gone */ }
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
  };
  return { url, log, stop };
}

// ------------------------------------------------------------------ steps
const results = { passed: 0, failed: 0 };

async function step(name, body) {
  try {
    await body();
    results.passed++;
    console.log(`PASS ${name}`);
  } catch (e) {
    results.failed++;
    const detail = e?.causes ? ` ${JSON.stringify({ status: e.status, message: e.message, cause: e.causes })}` : "";
    console.log(`FAIL ${name}: ${e?.message ?? e}${detail}`);
  }
}

function expect(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function ok(condition, what) {
  if (!condition) throw new Error(what);
}

/** Runs a call that must fail and returns the SDK's error, checking its class, status and first cause code. */
async function rejects(call, errorClass, status, code) {
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  ok(error, "expected the SDK to throw, it returned");
  ok(error instanceof errorClass, `expected ${errorClass.name}, got ${error?.constructor?.name}: ${error?.message}`);
  expect(error.status, status, "error.status");
  expect(String(error.causes?.[0]?.code), String(code), "error.causes[0].code");
  return error;
}

// ------------------------------------------------------------------ the flow
async function flow(baseUrl) {
  AppConfig.BASE_URL = baseUrl;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const target = String(input instanceof Request ? input.url : input);
    if (!target.startsWith(baseUrl)) throw new Error(`the SDK tried to reach ${target}, not the emulator`);
    return realFetch(input, init);
  };

  const token = `TEST-1234567890123456-031012-${randomBytes(16).toString("hex")}-${randomInt(100_000_000, 999_999_999)}`;
  const config = new MercadoPagoConfig({ accessToken: token, options: { timeout: 10_000, maxRetries: 0 } });
  const customers = new Customer(config);
  const cards = new CustomerCard(config);
  const cardTokens = new CardToken(config);
  const payments = new Payment(config);
  const refunds = new PaymentRefund(config);
  const run = randomBytes(4).toString("hex");
  const email = `test_payer_${run}@testuser.com`;
  const s = {}; // what earlier steps made

  const cardToken = async (holder, extra = {}) => (await cardTokens.create({
    body: {
      card_number: MASTER, security_code: "123", expiration_month: "11", expiration_year: "2030",
      cardholder: { name: holder, identification: { type: "CPF", number: "12345678909" } }, ...extra,
    },
  })).id;
  const pay = (body) => payments.create({
    body: { transaction_amount: 100, installments: 1, payment_method_id: "master", payer: { email }, description: "contract", ...body },
  });

  await step("Customer.create", async () => {
    const c = await customers.create({ body: { email, first_name: "Ana", last_name: "Souza", identification: { type: "CPF", number: "12345678909" } } });
    expect(c.api_response.status, 201, "status");
    ok(/^\d+-[A-Za-z0-9]{14}$/.test(c.id), `customer id ${c.id}`);
    expect(c.email, email, "email");
    expect(c.identification.number, "12345678909", "identification.number");
    s.customer = c.id;
  });

  await step("Customer.create with every field, as the SDK's own e2e suite sends it", async () => {
    const full = {
      email: `test_user_full_${run}@testuser.com`, first_name: "Jhon", last_name: "Doe",
      phone: { area_code: "55", number: "991234567" }, identification: { type: "CPF", number: "12345678900" },
      default_address: "Home", address: { id: "123123", zip_code: "25065172", street_name: "Rua Exemplo", street_number: 123, city: {} },
      date_registered: "2023-10-20T11:37:30.000-04:00", description: "Description del user", default_card: "None",
    };
    const c = await customers.create({ body: full });
    expect(c.status, "active", "status");
    expect(c.date_registered, full.date_registered, "date_registered");
    expect(c.address.street_number, 123, "address.street_number");
    expect(c.default_address, "Home", "default_address");
    ok(typeof c.user_id === "number" && typeof c.merchant_id === "number" && typeof c.client_id === "number", "user/merchant/client ids are numbers");
    expect((await customers.remove({ customerId: c.id })).id, c.id, "removed");
  });

  await step("Customer.get", async () => {
    const c = await customers.get({ customerId: s.customer });
    expect(c.id, s.customer, "id");
    expect(c.first_name, "Ana", "first_name");
    ok(Array.isArray(c.cards) && c.cards.length === 0, "cards is an empty array");
  });

  await step("Customer.update", async () => {
    const c = await customers.update({ customerId: s.customer, body: { first_name: "Ana Maria", phone: { area_code: "11", number: "987654321" } } });
    expect(c.first_name, "Ana Maria", "first_name");
    expect(c.phone.area_code, "11", "phone.area_code");
    expect(c.email, email, "email kept");
  });

  await step("addresses (plain fetch: the SDK has no address client), then Customer.get shows addresses and default_address", async () => {
    const response = await fetch(`${baseUrl}/v1/customers/${s.customer}/addresses`, {
      method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ street_name: "Av. Paulista", street_number: "1000", zip_code: "01310-100", city: "São Paulo" }),
    });
    expect(response.status, 201, "address status");
    const address = await response.json();
    const c = await customers.get({ customerId: s.customer });
    expect(c.addresses.length, 1, "addresses");
    expect(c.addresses[0].id, address.id, "addresses[0].id");
    expect(c.default_address, address.id, "default_address");
    expect(c.address.street_name, "Av. Paulista", "address.street_name follows the default address");
  });

  await step("Customer.search by email", async () => {
    const page = await customers.search({ options: { email } });
    expect(page.paging.total, 1, "paging.total");
    expect(page.results[0].id, s.customer, "results[0].id");
  });

  await step("User.get (/users/me): the seller behind the token", async () => {
    const me = await new User(config).get();
    expect(me.id, Number(token.slice(token.lastIndexOf("-") + 1)), "user id");
    expect(me.site_id, "MLB", "site_id");
    expect(me.country_id, "BR", "country_id");
    ok(typeof me.nickname === "string" && me.nickname.length > 0, `nickname ${me.nickname}`);
    ok(/^[^@\s]+@[^@\s]+$/.test(me.email), `email ${me.email}`);
    ok(!Number.isNaN(Date.parse(me.registration_date)), `registration_date ${me.registration_date}`);
    expect((await new User(config).get()).registration_date, me.registration_date, "registration_date on a second read");
  });

  await step("IdentificationType.list", async () => {
    const types = await new IdentificationType(config).list();
    const cpf = types.find((t) => t.id === "CPF");
    ok(cpf, `CPF among ${types.map((t) => t.id)}`);
    expect(cpf.type, "number", "CPF type");
    expect(cpf.min_length, 11, "CPF min_length");
  });

  await step("PaymentMethod.get", async () => {
    const methods = await new PaymentMethod(config).get();
    const master = methods.find((m) => m.id === "master");
    ok(master && methods.some((m) => m.id === "pix"), "master and pix are listed");
    expect(master.payment_type_id, "credit_card", "master payment_type_id");
    expect(master.settings[0].security_code.length, 3, "master security_code.length");
    ok(typeof master.settings[0].bin.pattern === "string", "master bin.pattern");
  });

  await step("installments (plain fetch: the SDK has no installments client)", async () => {
    const response = await fetch(`${baseUrl}/v1/payment_methods/installments?amount=100&bin=${MASTER.slice(0, 6)}`,
      { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status, 200, "status");
    const [option] = await response.json();
    expect(option.payment_method_id, "master", "payment_method_id");
    const three = option.payer_costs.find((c) => c.installments === 3);
    expect(three.recommended_message, "3 parcelas de R$ 35,46 (R$ 106,37)", "recommended_message");
    s.quote = three;
  });

  await step("CardToken.create", async () => {
    const t = await cardTokens.create({
      body: { card_number: MASTER, security_code: "123", expiration_month: "11", expiration_year: "2030",
        cardholder: { name: "APRO", identification: { type: "CPF", number: "12345678909" } } },
    });
    expect(t.api_response.status, 201, "status");
    ok(/^[0-9a-f]{32}$/.test(t.id), `token id ${t.id}`);
    expect(t.first_six_digits, "503143", "first_six_digits");
    expect(t.last_four_digits, "6351", "last_four_digits");
    expect(t.status, "active", "status");
    s.cardToken = t.id;
  });

  await step("CardToken.get", async () => {
    const t = await cardTokens.get({ id: s.cardToken });
    expect(t.id, s.cardToken, "id");
    expect(t.cardholder.name, "APRO", "cardholder.name");
    expect(t.expiration_year, 2030, "expiration_year");
  });

  await step("CustomerCard.create", async () => {
    const card = await cards.create({ customerId: s.customer, body: { token: s.cardToken } });
    expect(card.api_response.status, 201, "status");
    ok(/^\d{13}$/.test(card.id), `card id ${card.id}`);
    expect(card.customer_id, s.customer, "customer_id");
    expect(card.payment_method.id, "master", "payment_method.id");
    expect(card.last_four_digits, "6351", "last_four_digits");
    s.card = card.id;
  });

  await step("CustomerCard.list", async () => {
    const list = await cards.list({ customerId: s.customer });
    expect(list.length, 1, "cards");
    expect(list[0].id, s.card, "cards[0].id");
    expect((await customers.get({ customerId: s.customer })).default_card, s.card, "customer default_card");
  });

  await step("CustomerCard.get and update", async () => {
    expect((await cards.get({ customerId: s.customer, cardId: s.card })).id, s.card, "get id");
    const card = await cards.update({ customerId: s.customer, cardId: s.card,
      body: { expiration_month: 12, expiration_year: 2031, cardholder: { name: "Test", identification: { type: "CNPJ" } } } });
    expect(card.expiration_month, 12, "expiration_month");
    expect(card.expiration_year, 2031, "expiration_year");
    expect(card.cardholder.name, "Test", "cardholder.name");
    expect(card.cardholder.identification.type, "CNPJ", "cardholder.identification.type");
    expect(typeof card.issuer.id, "number", "issuer.id type");
  });

  await step("Payment.create approved (APRO, 3 installments as quoted)", async () => {
    const p = await pay({ token: await cardToken("APRO"), installments: 3, external_reference: `order-${run}` });
    expect(p.api_response.status, 201, "status");
    expect(p.status, "approved", "status");
    expect(p.status_detail, "accredited", "status_detail");
    expect(p.currency_id, "BRL", "currency_id");
    expect(p.transaction_details.total_paid_amount, s.quote?.total_amount, "total_paid_amount = quote total_amount");
    expect(p.transaction_details.installment_amount, s.quote?.installment_amount, "installment_amount = quote");
    ok(p.transaction_details.net_received_amount < 100, "net_received_amount has the fee taken");
    s.approved = p.id;
  });

  await step("Payment.create replayed with the same idempotencyKey returns the first payment", async () => {
    // The SDK merges requestOptions into the shared MercadoPagoConfig (Payment.create assigns this.config.options),
    // so a fixed key would stick to every later call: the replay gets a config and client of its own.
    const once = new Payment(new MercadoPagoConfig({ accessToken: token, options: { maxRetries: 0 } }));
    const key = `contract-${run}`;
    const body = { transaction_amount: 10, installments: 1, payment_method_id: "master", payer: { email }, token: await cardToken("APRO") };
    const first = await once.create({ body, requestOptions: { idempotencyKey: key } });
    const again = await once.create({ body, requestOptions: { idempotencyKey: key } });
    expect(again.id, first.id, "replayed id");
    expect(again.status, "approved", "replayed status");
  });

  await step("Payment.create rejected (OTHE)", async () => {
    const p = await pay({ token: await cardToken("OTHE") });
    expect(p.status, "rejected", "status");
    expect(p.status_detail, "cc_rejected_other_reason", "status_detail");
  });

  await step("Payment.create in_process (CONT)", async () => {
    const p = await pay({ token: await cardToken("CONT") });
    expect(p.status, "in_process", "status");
    expect(p.status_detail, "pending_contingency", "status_detail");
  });

  await step("Payment.create authorized (capture: false)", async () => {
    const p = await pay({ token: await cardToken("APRO"), capture: false });
    expect(p.status, "authorized", "status");
    expect(p.status_detail, "pending_capture", "status_detail");
    expect(p.captured, false, "captured");
    s.authorized = p.id;
  });

  await step("Payment.capture partial", async () => {
    const p = await payments.capture({ id: s.authorized, transaction_amount: 60 });
    expect(typeof p.build_version, "string", "type of build_version (the SDK's own capture test requires one)");
    expect(p.status, "approved", "status");
    expect(p.captured, true, "captured");
    expect(p.transaction_amount, 60, "transaction_amount");
  });

  await step("Payment.cancel", async () => {
    const authorized = await pay({ token: await cardToken("APRO"), capture: false });
    const p = await payments.cancel({ id: authorized.id });
    expect(p.status, "cancelled", "status");
    expect(p.status_detail, "by_collector", "status_detail");
  });

  await step("PaymentRefund.create partial", async () => {
    const r = await refunds.create({ payment_id: s.approved, body: { amount: 30 } });
    expect(r.api_response.status, 201, "status");
    expect(r.amount, 30, "amount");
    expect(r.payment_id, s.approved, "payment_id");
    const p = await payments.get({ id: s.approved });
    expect(p.status, "approved", "payment status");
    expect(p.status_detail, "partially_refunded", "payment status_detail");
    expect(p.transaction_amount_refunded, 30, "transaction_amount_refunded");
  });

  await step("PaymentRefund.total (the rest)", async () => {
    const r = await refunds.total({ payment_id: s.approved });
    expect(r.amount, 70, "amount");
    const p = await payments.get({ id: s.approved });
    expect(p.status, "refunded", "payment status");
    expect(p.transaction_amount_refunded, 100, "transaction_amount_refunded");
    const list = await refunds.list({ payment_id: s.approved });
    expect(list.length, 2, "refunds listed");
    expect((await refunds.get({ payment_id: s.approved, refund_id: r.id })).amount, 70, "refund get amount");
  });

  await step("Payment.create with a saved card", async () => {
    const t = await cardTokens.create({ body: { card_id: s.card, customer_id: s.customer, security_code: "123" } });
    const p = await payments.create({
      body: { transaction_amount: 50, installments: 1, token: t.id, payer: { type: "customer", id: s.customer }, description: "saved card" },
    });
    expect(p.status, "approved", "status");
    expect(p.payment_method_id, "master", "payment_method_id (inferred from the card)");
    expect(p.payer.id, s.customer, "payer.id");
    expect(p.card.id, s.card, "card.id");
  });

  await step("Payment.update metadata", async () => {
    const p = await payments.update({ id: s.approved, body: { metadata: { order: run } } });
    expect(p.metadata?.order, run, "metadata.order");
  });

  await step("Payment.search by external_reference", async () => {
    const page = await payments.search({ options: { external_reference: `order-${run}` } });
    expect(page.paging.total, 1, "paging.total");
    expect(page.results[0].id, s.approved, "results[0].id");
    expect(page.results[0].status, "refunded", "results[0].status");
  });

  await step("Payment.search and Customer.search with no filters", async () => {
    const p = await payments.search();
    // approved, replayed, OTHE, CONT, captured, cancelled, saved card: this seller's seven payments so far.
    ok(p.paging.total === 7 && p.results.length === 7, `payments paging ${JSON.stringify(p.paging)}`);
    const c = await customers.search();
    expect(c.paging.total, 1, "customers paging.total");
  });

  await step("Payment.searchAll and Customer.searchAll (the SDK's auto-paging)", async () => {
    const found = [];
    for await (const p of payments.searchAll({ options: { external_reference: `order-${run}` } })) found.push(p.id);
    expect(JSON.stringify(found), JSON.stringify([s.approved]), "payments");
    const people = [];
    for await (const c of customers.searchAll({ options: { email } })) people.push(c.id);
    expect(JSON.stringify(people), JSON.stringify([s.customer]), "customers");
  });

  await step("error: Payment.get unknown id -> MPNotFoundError 404, cause 2000", async () => {
    const e = await rejects(() => payments.get({ id: 999 }), MPNotFoundError, 404, 2000);
    expect(e.message, "Payment not found", "message");
  });

  await step("error: Payment.capture an approved payment -> MPBadRequestError 400, cause 2018", async () => {
    const p = await pay({ token: await cardToken("APRO") });
    await rejects(() => payments.capture({ id: p.id }), MPBadRequestError, 400, 2018);
  });

  await step("error: Customer.create with a taken email -> MPBadRequestError 400, cause \"101\"", async () => {
    await rejects(() => customers.create({ body: { email } }), MPBadRequestError, 400, "101");
  });

  await step("CustomerCard.remove and Customer.remove", async () => {
    expect((await cards.remove({ customerId: s.customer, cardId: s.card })).id, s.card, "removed card id");
    expect((await cards.list({ customerId: s.customer })).length, 0, "cards left");
    expect((await customers.remove({ customerId: s.customer })).status, "deactive", "removed customer status");
    await rejects(() => customers.get({ customerId: s.customer }), MPNotFoundError, 404, "not_found");
  });

  await ordersFlow({ mp, config, baseUrl, spec: loadSpec(root), step, expect, ok, cardToken });
}

// ------------------------------------------------------------------ main
const command = process.argv.length > 2 ? process.argv.slice(2).join(" ") : DEFAULT_COMMAND;
const emulator = startEmulator(command);
let exitCode = 1;
try {
  const url = await emulator.url;
  console.log(`emulator at ${url} (mercadopago ${AppConfig.SDK_VERSION})`);
  await flow(url);
  exitCode = results.failed === 0 ? 0 : 1;
} catch (e) {
  results.failed++;
  console.log(`FAIL start: ${e.message}`);
}
if (results.failed > 0) console.log(`--- emulator output ---\n${emulator.log.join("").slice(-4000)}`);
await emulator.stop();
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(exitCode);
