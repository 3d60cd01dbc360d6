using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MpEmulator.Cards;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Scenarios;

namespace MpEmulator.Fixtures;

/// <summary>The live state as a fixture (<c>GET /__admin/export</c>, <c>mpemulator export</c>) that
/// <see cref="FixtureLoader"/> loads back into the same state: sellers, customers with their cards, payments driven to
/// their status, rules. Customers and payments keep their ids and creation dates. Documents are written as the API
/// shows them, less what the emulator derives, so a field a document gains travels without a change here.</summary>
public sealed class FixtureExport(Store store, SellerDirectory sellers, ScenarioBook scenarios, TimeProvider clock, IOptions<EmulatorOptions> options)
{
    /// <summary>What a customer's document has that a fixture does not give: the emulator sets it, or (cards) it is written apart.</summary>
    static readonly string[] CustomerDerived =
        ["cards", "default_card", "date_last_updated", "live_mode", "user_id", "merchant_id", "client_id", "status"];

    /// <summary>The payment fields a fixture entry gives (as POST /v1/payments does); the rest follows from them and the status.</summary>
    static readonly string[] PaymentGiven =
    [
        "id", "date_created", "status", "status_detail", "transaction_amount", "description", "installments", "payment_method_id",
        "issuer_id", "payer", "binary_mode", "external_reference", "metadata", "notification_url", "callback_url",
        "statement_descriptor", "additional_info", "date_of_expiration", "integrator_id", "platform_id", "corporation_id",
        "coupon_amount", "differential_pricing_id",
    ];

    /// <summary>The whole state, or one seller's (an access token or a user id).</summary>
    public JsonObject Export(string? seller = null)
    {
        long? only = seller is null ? null : long.TryParse(seller, out var id) ? id : SellerDirectory.UserIdOf(seller);
        var json = MpJson.Create(options.Value.Offset);
        var payments = store.PaymentTables().Payments.FindAll().Where(p => only is null || p.OwnerId == only).OrderBy(p => p.Id).ToList();
        var customerTables = store.CustomerTables();
        var customers = customerTables.Customers.FindAll()
            .Where(c => c.Status == "active" && (only is null || c.OwnerId == only))
            .OrderBy(c => c.DateCreated).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();

        var tokens = new SortedDictionary<long, SellerAccount>();
        foreach (var account in sellers.Registered) tokens.TryAdd(SellerDirectory.UserIdOf(account.AccessToken), account);
        foreach (var (owner, site) in payments.Select(p => (p.OwnerId, (string?)p.SiteId)).Concat(customers.Select(c => (c.OwnerId, (string?)null))))
            if (!tokens.ContainsKey(owner))
                tokens[owner] = new SellerAccount { AccessToken = $"TEST-0000000000000000-000000-exported-{owner}", SiteId = site ?? options.Value.Site };
        string Token(long owner) => tokens[owner].AccessToken;

        return new JsonObject
        {
            ["$schema"] = "./fixture.schema.json",
            ["description"] = $"State exported by MpEmulator at {MpJson.Format(clock.GetUtcNow(), options.Value.Offset)}",
            ["sellers"] = Array(tokens.Where(t => only is null || t.Key == only).Select(t => Compact(JsonSerializer.SerializeToNode(t.Value, json)))),
            ["customers"] = Array(customers.Select(c => Customer(store.WithCards(c), Token(c.OwnerId), json, options.Value.Offset))),
            ["payments"] = Array(payments.Select(p => Payment(p, Token(p.OwnerId), json))),
            ["rules"] = Array(scenarios.All.Where(r => only is null || RuleSeller(r) == only).Select(r => Rule(r, json))),
        };
    }

    static JsonObject Customer(Customer customer, string token, JsonSerializerOptions json, TimeSpan offset)
    {
        var entry = new JsonObject { ["seller"] = token };
        foreach (var (name, value) in (JsonObject)Compact(JsonSerializer.SerializeToNode(customer, json))!)
            if (!CustomerDerived.Contains(name)) entry[name] = value?.DeepClone();
        if (customer.Cards.Count > 0)
            entry["cards"] = Array(customer.Cards.Select(c => new JsonObject
            {
                ["id"] = c.Id, ["date_created"] = MpJson.Format(c.DateCreated, offset),
                ["number"] = CardNumber(c.FirstSixDigits, c.LastFourDigits, c.NumberLength), ["cardholder"] = c.Cardholder.Name,
                ["expiration_month"] = c.ExpirationMonth, ["expiration_year"] = c.ExpirationYear,
            }));
        return entry;
    }

    static JsonObject Payment(Payment payment, string token, JsonSerializerOptions json)
    {
        var document = JsonSerializer.SerializeToNode(payment, json)!.AsObject();
        var entry = new JsonObject { ["seller"] = token };
        foreach (var name in PaymentGiven)
            if (Compact(document[name]) is { } value) entry[name] = value;
        if (payment.StatusDetail == "partially_refunded") entry["transaction_amount_refunded"] = payment.TransactionAmountRefunded;
        if (payment.Card is { } card)
        {
            var holder = card.Cardholder.Name;
            // A test cardholder name decides the outcome: the loader picks the one the status needs.
            var keep = holder is not null && !PaymentOutcomes.ByCardholder.ContainsKey(holder) && payment.Status is not ("rejected" or "in_process");
            entry["card"] = new JsonObject
            {
                ["number"] = CardNumber(card.FirstSixDigits, card.LastFourDigits, 0), ["cardholder"] = keep ? holder : null,
                ["expiration_month"] = card.ExpirationMonth, ["expiration_year"] = card.ExpirationYear,
            };
            entry["card"] = Compact(entry["card"]);
        }
        return entry;
    }

    /// <summary>A rule as a fixture gives it: its counts start again from zero.</summary>
    static JsonNode? Rule(ScenarioRule rule, JsonSerializerOptions json)
    {
        var entry = (JsonObject)Compact(JsonSerializer.SerializeToNode(rule, json))!;
        entry.Remove("seen");
        entry.Remove("applied");
        return entry;
    }

    static long? RuleSeller(ScenarioRule rule) =>
        rule.Match["seller"]?.ToString() is { } s ? long.TryParse(s, out var id) ? id : SellerDirectory.UserIdOf(s) : null;

    /// <summary>A number with the card's first six and last four digits that passes Luhn: stored cards keep no PAN, and
    /// the brand, issuer and shown digits follow from these.</summary>
    public static string CardNumber(string firstSix, string lastFour, int length)
    {
        if (length < 12) length = firstSix.StartsWith("34") || firstSix.StartsWith("37") ? 15 : 16;
        var digits = (firstSix + new string('0', length - 10) + lastFour).ToCharArray();
        for (var d = '0'; d <= '9'; d++)
        {
            digits[6] = d;
            if (Luhn(digits)) break;
        }
        return new string(digits);
    }

    static bool Luhn(char[] digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var n = digits[^(i + 1)] - '0';
            sum += i % 2 == 1 ? (n * 2 > 9 ? n * 2 - 9 : n * 2) : n;
        }
        return sum % 10 == 0;
    }

    static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    /// <summary>The node without nulls, empty objects and empty arrays, which a fixture leaves out.</summary>
    static JsonNode? Compact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (name, value) in o)
                    if (Compact(value) is { } kept) copy[name] = kept;
                return copy.Count == 0 ? null : copy;
            case JsonArray a:
                return a.Count == 0 ? null : new JsonArray([.. a.Select(i => i?.DeepClone())]);
            default:
                return node?.DeepClone();
        }
    }
}
