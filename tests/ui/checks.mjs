// What the dashboard must do, checked in the browser against the API's own answers.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { api } from "./emulator.mjs";

const DEMO = "TEST-4242424242424242-010126-5ee1ce7e1e9e4f1db1c0ffee0badc0de-424242424"; // fixtures/default.json
// Sellers of their own, so what the new checks add (a fault, filtered lists) touches nobody else's data.
const OUTAGE = "TEST-1111222233334444-010126-0123456789abcdef0123456789abcdef-777000111";
const FILTERED = "TEST-1111222233334444-010126-0123456789abcdef0123456789abcdef-777000222";
const VIEWS = ["payments", "orders", "sellers", "customers", "webhooks", "requests", "rules", "clock", "data", "parity"];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** "P1DT1H30M" → milliseconds (the clock's offsets: days, hours, minutes, seconds). */
function duration(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  assert(m, `not a duration: ${iso}`);
  const [, d = 0, h = 0, min = 0, sec = 0] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(sec) * 1000;
}

export async function checks({ base, browser, check, skip, shots }) {
  const demo = api(base, DEMO);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  const pageErrors = [];
  const external = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== new URL(base).origin) external.push(r.url());
  });
  page.on("dialog", (d) => d.accept());
  const answer = () => page.locator(".answer:not([hidden])");
  const pix = async (token = DEMO, extra = {}) => (await api(base, token)("POST", "/v1/payments",
    { transaction_amount: 42.5, payment_method_id: "pix", description: "UI test Pix", payer: { email: "ui@testuser.com" }, ...extra })).body.id;
  const cardToken = async (token = DEMO, card_number = "5031433215406351") => (await api(base, token)("POST", "/v1/card_tokens", {
    card_number, security_code: "123", expiration_month: 11, expiration_year: 2030,
    cardholder: { name: "APRO", identification: { type: "CPF", number: "12345678909" } },
  })).body.id;
  const card = async (token = DEMO, extra = {}) => (await api(base, token)("POST", "/v1/payments", { transaction_amount: 80,
    token: await cardToken(token), installments: 1, description: "UI test card", payer: { email: "ui@testuser.com" }, ...extra })).body.id;
  /** Called at a check's start; the function it returns fails the check on any page error, unexpected console error
   * or external request since then (the same guards as the last check, but blaming the check that caused them). */
  const guard = () => {
    const since = { console: consoleErrors.length, page: pageErrors.length, external: external.length };
    return () => {
      const unexpected = consoleErrors.slice(since.console).filter((e) => !/status of (400|404|409)/.test(e));
      assert(pageErrors.length === since.page, `page errors: ${pageErrors.slice(since.page).join(" | ")}`);
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
      assert(external.length === since.external, `external requests: ${external.slice(since.external).join(", ")}`);
    };
  };

  await check("a browser opening / lands on the dashboard, which loads with no console errors and no external requests", async () => {
    await page.goto(`${base}/`);
    assert(page.url().endsWith("/__admin/ui"), `landed on ${page.url()}`);
    await page.locator("main table tbody tr").nth(7).waitFor();
    await page.locator("#live.on").waitFor();
    await page.locator("#clock", { hasText: "Emulator time" }).waitFor();
    for (const view of VIEWS) {
      await page.goto(`${base}/__admin/ui#/${view}`);
      await page.locator("main h1").waitFor();
    }
    await page.goto(`${base}/__admin/ui#/payments`);
    await page.locator("main table tbody tr").first().waitFor();
    await page.waitForTimeout(500);
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(" | ")}`);
    assert(external.length === 0, `external requests: ${external.join(", ")}`);
    await page.screenshot({ path: `${shots}/payments-1280.png` });
  });

  let pending;
  await check("a payment created through /v1 appears in the list without a reload", async () => {
    await page.evaluate(() => { window.notReloaded = true; });
    pending = await pix();
    await page.locator(`main a[href="#/payments/${pending}"]`).waitFor();
    assert(await page.evaluate(() => window.notReloaded === true), "the page was reloaded");
  });

  await check("approving a pending Pix from its page changes its status in the API", async () => {
    await page.click(`main a[href="#/payments/${pending}"]`);
    await page.getByRole("button", { name: "Approve (the buyer paid)" }).click();
    await answer().locator(".code", { hasText: "200" }).waitFor();
    const payment = (await demo("GET", `/v1/payments/${pending}`)).body;
    assert(payment.status === "approved" && payment.status_detail === "accredited", `API says ${payment.status}/${payment.status_detail}`);
    await page.locator("main h1 .badge", { hasText: "approved" }).waitFor();
  });

  await check("capture, a refused refund (MP's envelope shown), a partial and a full refund from the page, each seen in the API", async () => {
    const card = (await demo("POST", "/v1/card_tokens", {
      card_number: "5031433215406351", security_code: "123", expiration_month: 11, expiration_year: 2030,
      cardholder: { name: "APRO", identification: { type: "CPF", number: "12345678909" } },
    })).body.id;
    const id = (await demo("POST", "/v1/payments", { transaction_amount: 120, token: card, installments: 1, capture: false,
      description: "UI test authorization", external_reference: "UI-CAPTURE", payer: { email: "ui@testuser.com" } })).body.id;
    await page.goto(`${base}/__admin/ui#/payments/${id}`);
    await page.locator("main h1 .badge", { hasText: "authorized" }).waitFor();
    await page.getByRole("button", { name: "Capture" }).click();
    await page.locator("main h1 .badge", { hasText: "approved" }).waitFor();
    assert((await demo("GET", `/v1/payments/${id}`)).body.captured === true, "not captured in the API");

    await page.getByLabel("Amount to refund").fill("500");
    await page.getByRole("button", { name: "Refund" }).click();
    await answer().locator("strong", { hasText: "Refused" }).waitFor();
    await answer().locator(".causes li").first().waitFor();

    await page.getByLabel("Amount to refund").fill("20");
    await page.getByRole("button", { name: "Refund" }).click();
    await page.locator("ol.timeline li", { hasText: /refund #/ }).waitFor();
    const partly = (await demo("GET", `/v1/payments/${id}`)).body;
    assert(partly.transaction_amount_refunded === 20 && partly.status_detail === "partially_refunded", `API says ${partly.status_detail}, ${partly.transaction_amount_refunded}`);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/payment-1280.png` });

    await page.getByRole("button", { name: "Refund" }).click();
    await page.locator("main h1 .badge", { hasText: "refunded" }).waitFor();
    const refunded = (await demo("GET", `/v1/payments/${id}`)).body;
    assert(refunded.status === "refunded" && refunded.transaction_amount_refunded === 120, `API says ${refunded.status}`);
  });

  await check("a fixture upload with an error shows the error and its JSON path", async () => {
    await page.goto(`${base}/__admin/ui#/data`);
    const bad = { payments: [{ seller: DEMO, status: "teleported", transaction_amount: 10 }] };
    await page.getByLabel("Fixture file (JSON)").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByRole("button", { name: "Load fixture" }).click();
    await answer().locator(".code", { hasText: "400" }).waitFor();
    await answer().locator(".message", { hasText: "nothing was loaded" }).waitFor();
    await answer().locator(".causes li", { hasText: "$.payments[0]" }).first().waitFor();
  });

  await check("Export downloads the state as a fixture file the fixtures endpoint loads", async () => {
    await page.goto(`${base}/__admin/ui#/data`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    assert(download.suggestedFilename() === "mpemulator-export.json", `file ${download.suggestedFilename()}`);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert(exported.payments.some((p) => p.seller === DEMO && p.status === "charged_back"), "no charged back payment of the demo seller");
    const check = await fetch(`${base}/__admin/fixtures`, { method: "POST", body: JSON.stringify({ ...exported, payments: [], customers: [] }) });
    assert(check.status === 201, `loading the export's sellers and rules answered ${check.status}`);
  });

  await check("the clock advances by a preset from the page", async () => {
    await page.goto(`${base}/__admin/ui#/clock`);
    await page.getByRole("button", { name: "+1 hour" }).click();
    await answer().locator(".code", { hasText: "200" }).waitFor();
    const clock = await (await fetch(`${base}/__admin/clock`)).json();
    assert(clock.offset === "PT1H", `offset ${clock.offset}`);
    await page.locator("#clock", { hasText: "moved PT1H" }).waitFor();
  });

  await check("keyboard: the skip link, then the views, are reached with Tab and opened with Enter", async () => {
    await page.goto(`${base}/__admin/ui#/payments`);
    await page.reload();
    await page.locator("main h1").waitFor();
    await page.keyboard.press("Tab");
    assert(await page.evaluate(() => document.activeElement.classList.contains("skip")), "Tab does not reach the skip link first");
    for (let i = 0; i < 15 && (await page.evaluate(() => document.activeElement.textContent)) !== "Rules"; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator("main h1", { hasText: "Rules and faults" }).waitFor();
  });

  await check("webhooks: a failed delivery shows its attempts and the receiver's answer, and replay sends it again", async () => {
    const about = await (await fetch(`${base}/__admin/about`)).json();
    if (!about.webhooks) skip("needs webhook delivery (issue 5)");
    const hits = [];
    const receiver = createServer((req, res) => { hits.push(req.url); res.writeHead(500).end("receiver down"); });
    await new Promise((ok) => receiver.listen(0, "127.0.0.1", ok));
    try {
      const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
      const id = (await demo("POST", "/v1/payments", { transaction_amount: 10, payment_method_id: "pix", notification_url: url,
        payer: { email: "ui@testuser.com" } })).body.id;
      await page.goto(`${base}/__admin/ui#/webhooks?payment_id=${id}`);
      const delivery = page.locator("details.delivery").first();
      await delivery.locator(".badge", { hasText: "failed" }).waitFor({ timeout: 30_000 });
      await delivery.locator(":scope > summary").click();
      await delivery.locator("td", { hasText: "500" }).first().waitFor();
      await delivery.getByText("receiver down").first().waitFor();
      const before = hits.length;
      await delivery.getByRole("button", { name: /^Replay/ }).click();
      await answer().locator(".code", { hasText: "202" }).waitFor();
      await page.locator("details.delivery").nth(1).waitFor();
      for (let i = 0; i < 50 && hits.length === before; i++) await page.waitForTimeout(100);
      assert(hits.length > before, "the receiver got nothing after replay");
      await page.screenshot({ path: `${shots}/webhook-replay-1280.png`, fullPage: true });
    } finally {
      receiver.close();
    }
  });

  await check("rules: an HTTP 503 fault added from the form is listed and applied, and deleting it from the page removes it", async () => {
    const clean = guard();
    const outage = api(base, OUTAGE);
    await page.goto(`${base}/__admin/ui#/rules`);
    await page.getByLabel(/^Method/).selectOption("GET");
    await page.getByLabel(/^Path/).fill("/v1/payments/search");
    await page.getByLabel(/^Seller/).fill("777000111");
    await page.getByLabel(/^Respond with/).selectOption("http_status");
    await page.getByLabel(/^Value/).fill("503");
    await page.getByLabel(/^Id/).fill("ui-outage");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.locator("main table tbody tr", { hasText: "ui-outage" }).waitFor();
    const rule = (await (await fetch(`${base}/__admin/rules`)).json()).find((r) => r.id === "ui-outage");
    assert(rule?.respond.http_status === 503 && rule.match.method === "GET" && rule.match.path === "/v1/payments/search"
      && String(rule.match.seller) === "777000111", `API lists ${JSON.stringify(rule)}`);
    assert((await outage("GET", "/v1/payments/search")).status === 503, "the seller's search is not faulted");
    assert((await demo("GET", "/v1/payments/search")).status === 200, "another seller's search is faulted too");

    await page.getByRole("button", { name: "Delete ui-outage" }).click();
    await page.locator("main table tbody tr", { hasText: "ui-outage" }).waitFor({ state: "detached" });
    const left = await (await fetch(`${base}/__admin/rules`)).json();
    assert(!left.some((r) => r.id === "ui-outage"), `API still lists ${JSON.stringify(left)}`);
    assert((await outage("GET", "/v1/payments/search")).status === 200, "the seller's search is still faulted");
    clean();
  });

  await check("payments list: filtering by status and by external_reference from the page shows only the matching rows", async () => {
    const clean = guard();
    const seller = api(base, FILTERED);
    const pendingA = await pix(FILTERED, { external_reference: "UI-FILTER-A" });
    const approvedA = await card(FILTERED, { external_reference: "UI-FILTER-A" });
    const approvedB = await card(FILTERED, { external_reference: "UI-FILTER-B" });
    await page.goto(`${base}/__admin/ui#/payments`);
    const filter = async (status, reference, expected) => {
      await page.getByLabel("Seller").selectOption("777000222");
      await page.getByLabel("Status").selectOption(status);
      await page.getByLabel("External reference").fill(reference);
      await page.getByRole("button", { name: "Filter", exact: true }).click();
      const want = expected.map(String).sort();
      const shown = () => page.evaluate(() => [...document.querySelectorAll("main table tbody tr td:first-child a")].map((a) => a.textContent).sort());
      await page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll("main table tbody tr td:first-child a")]
        .map((a) => a.textContent).sort()) === JSON.stringify(w), want)
        .catch(async () => { throw new Error(`status "${status}", reference "${reference}": the page shows ${await shown()}, not ${want}`); });
      const query = new URLSearchParams(Object.entries({ status, external_reference: reference }).filter(([, v]) => v));
      const found = (await seller("GET", `/v1/payments/search?${query}`)).body.results.map((p) => String(p.id)).sort();
      assert(JSON.stringify(found) === JSON.stringify(want), `the API finds ${found}, the page shows ${want}`);
    };
    await filter("approved", "", [approvedA, approvedB]);
    await filter("pending", "", [pendingA]);
    await filter("", "UI-FILTER-A", [pendingA, approvedA]);
    await filter("approved", "UI-FILTER-B", [approvedB]);
    clean();
  });

  await check("cancelling an authorized card payment and rejecting a pending Pix from their pages, each seen in the API", async () => {
    const clean = guard();
    const authorized = await card(DEMO, { capture: false, description: "UI test cancel" });
    await page.goto(`${base}/__admin/ui#/payments/${authorized}`);
    await page.locator("main h1 .badge", { hasText: "authorized" }).waitFor();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.locator("main h1 .badge", { hasText: "cancelled" }).waitFor();
    const cancelled = (await demo("GET", `/v1/payments/${authorized}`)).body;
    assert(cancelled.status === "cancelled" && cancelled.status_detail === "by_collector", `API says ${cancelled.status}/${cancelled.status_detail}`);

    const waiting = await pix();
    await page.goto(`${base}/__admin/ui#/payments/${waiting}`);
    await page.locator("main h1 .badge", { hasText: "pending" }).waitFor();
    await page.getByRole("button", { name: "Reject", exact: true }).click();
    await page.locator("main h1 .badge", { hasText: "rejected" }).waitFor();
    const rejected = (await demo("GET", `/v1/payments/${waiting}`)).body;
    assert(rejected.status === "rejected", `API says ${rejected.status}/${rejected.status_detail}`);
    clean();
  });

  await check("the clock advances by an ISO-8601 duration typed into the page", async () => {
    const clean = guard();
    const before = await (await fetch(`${base}/__admin/clock`)).json();
    await page.goto(`${base}/__admin/ui#/clock`);
    await page.getByLabel("ISO-8601 duration").fill("P1D");
    await page.getByRole("button", { name: "Advance", exact: true }).click();
    await answer().locator(".code", { hasText: "200" }).waitFor();
    const after = await (await fetch(`${base}/__admin/clock`)).json();
    assert(duration(after.offset) - duration(before.offset) === 86_400_000, `offset ${before.offset} → ${after.offset}`);
    const moved = Date.parse(after.now) - Date.parse(before.now);
    assert(moved >= 86_400_000 && moved < 86_400_000 + 60_000, `now ${before.now} → ${after.now}`);
    await page.locator("#clock", { hasText: `moved ${after.offset}` }).waitFor();
    clean();
  });

  await check("the request journal shows a card token request with its card number masked, and never the full number", async () => {
    const clean = guard();
    const number = "4235647728025682";
    const token = await cardToken(DEMO, number);
    assert(token, "no card token");
    await page.goto(`${base}/__admin/ui#/requests`);
    await page.getByLabel("Path starts with").fill("/v1/card_tokens");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    const entry = page.locator("details.entry", { hasText: token });
    await entry.locator(":scope > summary").click();
    await entry.locator("pre", { hasText: "************5682" }).waitFor();
    await entry.locator("pre", { hasText: '"security_code": "***"' }).waitFor();
    const text = await page.evaluate(() => document.body.textContent);
    assert(!text.includes(number) && !text.includes("5031433215406351"), "a full card number is in the page");
    const journal = await (await fetch(`${base}/__admin/requests?path=/v1/card_tokens&limit=100`)).json();
    const logged = journal.find((e) => e.response_body?.includes(token));
    assert(logged && logged.request_body.includes("************5682") && !logged.request_body.includes(number), `API journal: ${logged?.request_body}`);
    clean();
  });

  await check("customers: an address saved through /v1 shows on its customer, marked as the default", async () => {
    const done = guard();
    const customer = (await demo("POST", "/v1/customers", { email: `addr_${Date.now()}@testuser.com` })).body.id;
    const address = (await demo("POST", `/v1/customers/${customer}/addresses`,
      { street_name: "Rua da Consolação", street_number: 42, zip_code: "01302-000", city: "São Paulo" })).body;
    await page.goto(`${base}/__admin/ui#/customers?seller=424242424`);
    const row = page.locator("main table tbody tr", { hasText: customer });
    await row.locator("td[data-label=Addresses]", { hasText: `Rua da Consolação 42 01302-000, São Paulo (default) id ${address.id}` }).waitFor();
    done();
  });

  await check("parity: the view lists every operation with the API's totals and filters by coverage", async () => {
    const done = guard();
    const report = (await demo("GET", "/__admin/parity")).body;
    await page.goto(`${base}/__admin/ui#/parity`);
    await page.locator("main h1", { hasText: "Parity" }).waitFor();
    const rows = page.locator("main table tbody tr");
    assert(await rows.count() === report.operations, `${await rows.count()} rows, the API lists ${report.operations}`);
    await page.selectOption("main select[name=coverage]", "not_emulated");
    await page.waitForFunction((n) => document.querySelectorAll("main table tbody tr").length === n, report.totals.not_emulated);
    assert(await page.locator("main table tbody td[data-label=Coverage]", { hasText: /^Emulated$|^Partly$/ }).count() === 0,
      "the not emulated filter still shows emulated rows");
    done();
  });

  await check("an order made through /v1/orders is listed with its transaction, which links to the payment charged for it", async () => {
    const done = guard();
    const order = (await demo("POST", "/v1/orders", { type: "online", total_amount: "42.50", external_reference: "ui-order",
      payer: { email: "ui@testuser.com" },
      transactions: { payments: [{ amount: "42.50", payment_method: { id: "pix", type: "bank_transfer" } }] } })).body;
    const paymentId = order.transactions.payments[0].reference_id;
    await page.goto(`${base}/__admin/ui#/orders`);
    const row = page.locator("main table tbody tr", { hasText: order.id });
    await row.locator(".badge", { hasText: "action_required" }).first().waitFor();
    await row.locator("a", { hasText: `payment ${paymentId}` }).click();
    await page.locator("main h1", { hasText: `Payment ${paymentId}` }).waitFor();
    done();
  });

  await check("every view renders what the run made (screenshots at 1280 px)", async () => {
    for (const view of VIEWS) {
      await page.goto(`${base}/__admin/ui#/${view}`);
      await page.locator("main h1").waitFor();
      await page.waitForTimeout(200);
      if (view === "requests") await page.locator("details.entry summary").first().click();
      await page.screenshot({ path: `${shots}/${view}-1280.png`, fullPage: true });
    }
  });

  await check("at 390 px every view fits the screen width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const view of [...VIEWS, `payments/${pending}`]) {
      await page.goto(`${base}/__admin/ui#/${view}`);
      await page.locator("main h1").waitFor();
      await page.waitForTimeout(150);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `#/${view} is ${width} px wide`);
      if (!view.includes("/")) await page.screenshot({ path: `${shots}/${view}-390.png`, fullPage: true });
    }
    await page.goto(`${base}/__admin/ui#/payments`);
    await page.locator("main table tbody tr").first().waitFor();
    await page.screenshot({ path: `${shots}/payments-390.png` });
    await page.goto(`${base}/__admin/ui#/payments/${pending}`);
    await page.locator("main h1 .badge").waitFor();
    await page.screenshot({ path: `${shots}/payment-390.png`, fullPage: true });
  });

  await check("no uncaught errors, no console errors but the API's deliberate refusals, no external requests", async () => {
    const unexpected = consoleErrors.filter((e) => !/status of (400|404|409)/.test(e));
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(" | ")}`);
    assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    assert(external.length === 0, `external requests: ${external.join(", ")}`);
  });
  await context.close();
}
