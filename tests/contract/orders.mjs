// The order flow through the Node SDK's own Order client, every response checked against the spec's schemas
// (spec.mjs). Called by run.mjs with its step helpers; `cardToken(holder)` makes a card token with the SDK.
import { randomBytes } from "node:crypto";
import { check } from "./spec.mjs";

export async function ordersFlow({ mp, config, baseUrl, spec, step, expect, ok, cardToken }) {
  const { Order, MPNotFoundError, MPBadRequestError, MPIdempotencyError, MPServerError } = mp;
  const orders = new Order(config);
  const run = randomBytes(4).toString("hex");
  const reference = `order-flow-${run}`;
  const s = {};

  const valid = (schema, response) => {
    const { api_response, ...body } = response;
    const problems = check(spec, schema, body);
    ok(problems.length === 0, `not as the spec's ${typeof schema === "string" ? schema : "schema"} says: ${problems.join("; ")}`);
    return response;
  };
  const card = async (holder, extra = {}) => ({
    type: "online", total_amount: "200.00", external_reference: reference, payer: { email: `test_payer_${run}@testuser.com` },
    transactions: { payments: [{ amount: "200.00", payment_method: { id: "master", type: "credit_card", token: await cardToken(holder), installments: 1 } }] },
    ...extra,
  });
  const status = (o) => `${o.status}/${o.status_detail}`;
  const rejects = async (call, errorClass, code) => {
    let error;
    try { await call(); } catch (e) { error = e; }
    ok(error instanceof errorClass, `expected ${errorClass.name}, got ${error?.constructor?.name}: ${error?.message}`);
    return error;
  };

  await step("Order.create automatic, APRO -> processed/accredited", async () => {
    const items = [{ title: "Mug", unit_price: "200.00", quantity: 1 }];
    const o = valid("Order", await orders.create({ body: await card("APRO", { items }) }));
    expect(o.api_response.status, 201, "status");
    expect(JSON.stringify(o.items), JSON.stringify(items), "items answered back");
    ok(/^ORD[0-9A-Z]{26}$/.test(o.id), `order id ${o.id}`);
    expect(status(o), "processed/accredited", "order");
    expect(status(o.transactions.payments[0]), "processed/accredited", "transaction");
    expect(o.transactions.payments[0].amount, "200.00", "transaction amount");
    expect(o.total_paid_amount, "200.00", "total_paid_amount");
    s.approved = o;
  });

  await step("Order.get", async () => {
    const o = valid("Order", await orders.get({ id: s.approved.id }));
    expect(o.id, s.approved.id, "id");
    expect(o.external_reference, reference, "external_reference");
  });

  await step("Order.create declined, OTHE -> failed/failed", async () => {
    const o = valid("Order", await orders.create({ body: await card("OTHE") }));
    expect(o.api_response.status, 201, "status");
    expect(status(o), "failed/failed", "order");
    expect(status(o.transactions.payments[0]), "failed/rejected_other_reason", "transaction");
  });

  await step("Order.create capture_mode manual, then Order.capture", async () => {
    const o = valid("Order", await orders.create({ body: await card("APRO", { capture_mode: "manual" }) }));
    expect(status(o), "action_required/waiting_capture", "created");
    const captured = valid(spec?.paths["/v1/orders/{order_id}/capture"].post.responses["200"].content["application/json"].schema,
      await orders.capture({ id: o.id }));
    expect(status(captured), "processed/accredited", "captured");
    expect(status(captured.transactions.payments[0]), "processed/accredited", "captured transaction");
  });

  await step("Order.cancel an authorized order", async () => {
    const o = await orders.create({ body: await card("APRO", { capture_mode: "manual" }) });
    const cancelled = valid("Order", await orders.cancel({ id: o.id }));
    expect(status(cancelled), "cancelled/cancelled", "order");
    expect(status(cancelled.transactions.payments[0]), "cancelled/cancelled_transaction", "transaction");
  });

  await step("Order.refund partial, then total", async () => {
    const refundSchema = spec?.paths["/v1/orders/{order_id}/refund"].post.responses["201"].content["application/json"].schema;
    const o = await orders.create({ body: await card("APRO") });
    const partial = valid(refundSchema, await orders.refund({ id: o.id, body: { transactions: [{ id: o.transactions.payments[0].id, amount: "25.00" }] } }));
    valid("Order", partial);
    expect(status(partial), "processed/partially_refunded", "partial");
    expect(partial.transactions.refunds[0].amount, "25.00", "refund amount");
    expect(partial.transactions.refunds[0].status, "processed", "refund status");
    const total = valid("Order", await orders.refund({ id: o.id }));
    expect(status(total), "refunded/refunded", "total");
    expect(total.transactions.refunds[1].amount, "175.00", "rest refunded");
  });

  await step("Order.create processing_mode manual, then Order.process", async () => {
    const o = valid("Order", await orders.create({ body: await card("APRO", { processing_mode: "manual" }) }));
    expect(status(o), "created/created", "created");
    const processed = valid("Order", await orders.process({ id: o.id }));
    expect(status(processed), "processed/accredited", "processed");
  });

  await step("Order transactions: createTransaction, updateTransaction, deleteTransaction on a manual order", async () => {
    const body = await card("APRO", { processing_mode: "manual" });
    const payments = body.transactions.payments;
    delete body.transactions;
    const o = await orders.create({ body });
    const added = await orders.createTransaction({ id: o.id, body: { payments } });
    expect(added.api_response.status, 201, "created");
    for (const p of added.payments) valid("OrderTransactionPayment", p);
    const transactionId = added.payments[0].id;
    const updated = valid("OrderTransactionPayment", await orders.updateTransaction({ id: o.id, transactionId, body: { payment_method: { installments: 3 } } }));
    expect(updated.payment_method.installments, 3, "installments");
    expect((await orders.deleteTransaction({ id: o.id, transactionId })).api_response.status, 204, "deleted");
    expect((await orders.get({ id: o.id })).transactions.payments.length, 0, "transactions left");
  });

  await step("Pix order, paid through the admin plane", async () => {
    const o = valid("Order", await orders.create({ body: {
      type: "online", total_amount: "50.00", external_reference: reference, payer: { email: `test_payer_${run}@testuser.com` },
      transactions: { payments: [{ amount: "50.00", payment_method: { id: "pix", type: "bank_transfer" }, expiration_time: "P1D" }] },
    } }));
    expect(status(o), "action_required/waiting_transfer", "waiting");
    ok(o.transactions.payments[0].payment_method.qr_code?.startsWith("000201"), "qr_code is a Pix payload");
    const paid = await fetch(`${baseUrl}/__admin/orders/${o.id}/actions`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "approve" }),
    });
    expect(paid.status, 200, "admin approve");
    expect(status(valid("Order", await orders.get({ id: o.id }))), "processed/accredited", "after payment");
  });

  await step("Order.search by external_reference", async () => {
    const page = valid("OrderSearchResult", await orders.search({
      options: { begin_date: "2000-01-01T00:00:00Z", end_date: "2100-01-01T00:00:00Z", external_reference: reference },
    }));
    expect(page.paging.total, "8", "paging.total"); // the eight orders made above
    ok(page.data.some((o) => o.id === s.approved.id), "the approved order is found");
  });

  await step("error: Order.get unknown id -> MPNotFoundError 404", async () => {
    const e = await rejects(() => orders.get({ id: "ORD00000000000000000000000000" }), MPNotFoundError);
    expect(e.status, 404, "status");
  });

  await step("error: Order.capture a processed order -> 409 (MPIdempotencyError, as the SDK maps 409)", async () => {
    const e = await rejects(() => orders.capture({ id: s.approved.id }), MPIdempotencyError);
    expect(e.status, 409, "status");
  });

  await step("error: Order.create with total_amount unlike the payments -> MPBadRequestError 400", async () => {
    const e = await rejects(async () => orders.create({ body: await card("APRO", { total_amount: "150.00" }) }), MPBadRequestError);
    expect(e.status, 400, "status");
  });

  await step("error: a Point order -> 501 not emulated (MPServerError)", async () => {
    const e = await rejects(async () => orders.create({ body: await card("APRO", { type: "point" }) }), MPServerError);
    expect(e.status, 501, "status");
  });
}
