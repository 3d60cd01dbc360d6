using System.Text.Json.Nodes;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Fixtures;

/// <summary>Makes a payment reach the status a fixture (or the generator) asks for by the same transitions a real
/// one takes: created with the right test cardholder, then captured, cancelled, refunded or disputed.</summary>
public static class FixturePayments
{
    static readonly HashSet<string> Own = ["id", "seller", "status", "status_detail", "card", "date_created", "transaction_amount_refunded"];

    /// <summary>Every stage the payment went through, oldest first; the last one is where it rests.</summary>
    public static List<Payment> Build(JsonObject entry, Seller seller, SiteCatalog site, Customer? customer, long id,
        Func<long> nextRefundId, Economics economics, DateTimeOffset now, Ids ids, byte[] fingerprintKey)
    {
        var fields = new JsonFields(entry);
        var status = fields.String("status", Invalid("status must be a string")) ?? "approved";
        var detail = fields.String("status_detail", Invalid("status_detail must be a string"));
        if (!PaymentRules.Allowed.ContainsKey(status)) throw Invalid($"unknown status {status}").Exception();
        var when = PaymentRequest.Date(fields.String("date_created", PaymentErrors.InvalidDate)) ?? now;
        var body = new JsonObject();
        foreach (var (name, value) in entry.Where(p => !Own.Contains(p.Key))) body[name] = value?.DeepClone();
        var request = PaymentRequest.Parse(new JsonFields(body));

        var method = site.Method(request.PaymentMethodId ?? DefaultMethod(site, status))
                     ?? throw PaymentErrors.InvalidPaymentMethod.Exception();
        if (status == "pending" && method.IsCard) throw Invalid("a pending payment needs a ticket or bank transfer method").Exception();
        var token = method.IsCard ? Token(fields.Child("card", Invalid("card must be an object")), method, site, status, detail, seller, when, ids, fingerprintKey) : null;
        var capture = status is not ("authorized" or "cancelled") || !method.IsCard;
        var stages = new List<Payment>
        {
            PaymentRules.Create(new NewPayment
            {
                Request = request with { Capture = capture, Installments = request.Installments ?? 1 },
                Seller = seller, Site = site, Method = method, Token = token, Customer = customer, Id = id, Economics = economics,
                Now = when, AuthorizationCode = ids.Digits(6),
                Instructions = method.IsCard ? null : new PaymentInstructions(null, null, $"https://www.mercadopago.com/payments/{id}/ticket", ids.Digits(44)),
            }),
        };

        void Then(Func<Payment, Outcome<Payment>> step) => stages.Add(step(stages[^1]).Unwrap());
        void Outside(string action, string? d = null) => Then(p => OutsideEvents.Apply(p, action, d, when, site, economics));
        var rests = stages[0].Status;
        if (status is "approved" or "refunded" or "in_mediation" or "charged_back" && rests is "pending") Outside("approve");
        switch (status)
        {
            case "approved" when detail == "partially_refunded":
                var part = fields.Decimal("transaction_amount_refunded", Invalid("transaction_amount_refunded must be a number"))
                           ?? PaymentRules.Round(stages[^1].TransactionAmount / 2, site);
                Then(p => PaymentRules.Refund(p, part, nextRefundId(), when, site).Map(r => r.Payment));
                break;
            case "rejected" when !method.IsCard: Outside("reject", detail); break;
            case "cancelled" when detail == "expired": Outside("expire"); break;
            case "cancelled": Then(p => PaymentRules.Cancel(p, when)); break;
            case "refunded": Then(p => PaymentRules.Refund(p, null, nextRefundId(), when, site).Map(r => r.Payment)); break;
            case "in_mediation": Outside("mediate", detail); break;
            case "charged_back": Outside("charge_back", detail); break;
        }
        if (stages[^1].Status != status) throw Invalid($"cannot reach status {status} with method {method.Id}").Exception();
        return stages;
    }

    /// <summary>The cardholder name that makes the sandbox answer a status detail (OTHE when none matches).</summary>
    public static string Cardholder(string status, string? detail) => status switch
    {
        "rejected" => PaymentOutcomes.ByCardholder.FirstOrDefault(o => o.Value == ("rejected", detail ?? "")).Key ?? "OTHE",
        "in_process" => "CONT",
        _ => "APRO",
    };

    static string DefaultMethod(SiteCatalog site, string status) =>
        status == "pending"
            ? (site.Method("pix") ?? site.PaymentMethods.First(m => m.PaymentTypeId is "ticket" or "atm" or "bank_transfer")).Id
            : site.TestCards.First().PaymentMethodId;

    static CardToken Token(JsonFields? card, PaymentMethod method, SiteCatalog site, string status, string? detail, Seller seller,
        DateTimeOffset now, Ids ids, byte[] fingerprintKey)
    {
        var test = site.TestCards.FirstOrDefault(t => t.PaymentMethodId == method.Id);
        var number = card?.String("number", Invalid("card.number must be a string"), acceptNumber: true) ?? test?.Number
                     ?? throw Invalid($"no test card for {method.Id}: give card.number").Exception();
        var setting = site.ResolveCard(number)?.Setting ?? throw MpErrors.InvalidCardNumber.Exception();
        var request = new CardTokenRequest
        {
            CardNumber = number,
            SecurityCode = new string('1', setting.SecurityCode.Length),
            ExpirationMonth = card?.Int("expiration_month", MpErrors.InvalidExpirationMonth, acceptString: true) ?? 11,
            ExpirationYear = card?.Int("expiration_year", MpErrors.InvalidExpirationYear, acceptString: true) ?? now.Year + 4,
            CardholderName = card?.String("cardholder", MpErrors.InvalidCardholderName) ?? Cardholder(status, detail),
        };
        return CardTokenRules.FromCardData(request, site, fingerprintKey, ids.Hex(32), seller.Id, now);
    }

    static MpError Invalid(string message) => PaymentErrors.ParamsError.WithMessage(message);
}
