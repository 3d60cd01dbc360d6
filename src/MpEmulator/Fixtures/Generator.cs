using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MpEmulator.Cards;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Refunds;

namespace MpEmulator.Fixtures;

public sealed record GenerationSummary(long SellerId, int Customers, int Cards, int Payments, double Seconds);

/// <summary>Realistic customers, cards and payments made with Bogus in the seller's locale, through the same rules as
/// fixtures, deterministic for a seed. Written in bulk: no events, so no webhooks for generated history.</summary>
public sealed class Generator(Store store, SellerDirectory sellers, Catalogs catalogs, Ids ids, TimeProvider clock, IOptions<EmulatorOptions> options)
{
    public const string DemoToken = "TEST-4242424242424242-010126-5ee1ce7e1e9e4f1db1c0ffee0badc0de-424242424";
    const int Batch = 5_000;

    /// <summary>The status mix of generated payments, weights summing to 1.</summary>
    static readonly (string Status, string? Detail, float Weight)[] Mix =
    [
        ("approved", null, 0.55f), ("approved", "partially_refunded", 0.03f), ("rejected", "cc_rejected_insufficient_amount", 0.06f),
        ("rejected", "cc_rejected_other_reason", 0.05f), ("rejected", "cc_rejected_bad_filled_security_code", 0.03f),
        ("pending", null, 0.08f), ("authorized", null, 0.04f), ("in_process", null, 0.02f), ("cancelled", null, 0.05f),
        ("refunded", null, 0.07f), ("charged_back", null, 0.02f),
    ];

    /// <summary>The <c>--generate</c> switch: payments (and a tenth as many customers) for the demo seller, once per
    /// database, so a restart on a database file does not add as many again.</summary>
    public void GenerateAtStartup(int paymentCount, TextWriter? progress = null) =>
        store.OncePerDatabase($"generate:{paymentCount}", "--generate", clock.GetUtcNow(), () => Generate(DemoToken, paymentCount / 10, paymentCount, progress));

    public GenerationSummary Generate(string token, int customerCount, int paymentCount, TextWriter? progress = null)
    {
        var line = new ProgressLine("generate", "payments", paymentCount, progress);
        var watch = Stopwatch.StartNew();
        var seller = sellers.ByAccessToken(token) ?? throw MpErrors.InvalidAccessToken.Exception();
        var site = catalogs.For(seller.SiteId);
        var faker = Placeholders.Faker(seller.SiteId, ids.Draw(r => r.Int()));
        var now = clock.GetUtcNow();
        var economics = Economics.For(seller, options.Value);
        var customers = new List<Customer>();
        var cards = 0;
        var data = store.For(seller);
        store.Write(() =>
        {
            for (var i = 0; i < customerCount; i++)
            {
                var (first, last) = (faker.Name.FirstName(), faker.Name.LastName());
                var type = site.IdentificationTypes.First();
                var customer = CustomerRules.Create(new CustomerRequest
                {
                    Email = faker.Internet.Email(first, last, uniqueSuffix: $".{i}").ToLowerInvariant(),
                    FirstName = first, LastName = last,
                    Phone = new Phone { AreaCode = faker.Random.Number(11, 99).ToString(), Number = faker.Random.ReplaceNumbers("9########") },
                    Identification = new Identification { Type = type.Id, Number = faker.Random.ReplaceNumbers(new string('#', type.MaxLength)) },
                    Address = new CustomerAddress
                    {
                        ZipCode = faker.Address.ZipCode(), StreetName = faker.Address.StreetName(), StreetNumber = faker.Random.Number(1, 9999),
                    },
                }, seller, ids.Unique(r => $"{seller.Id}-{r.Alphanumeric(14)}", data.Customers().Exists),
                    now - TimeSpan.FromDays(faker.Random.Double(30, 365)));
                if (data.CustomerWithEmail(customer.EmailKey!) is not null) continue;
                data.Customers().Save(customer);
                customers.Add(customer);
                foreach (var test in faker.PickRandom(site.TestCards, faker.Random.Number(0, Math.Min(2, site.TestCards.Count))))
                {
                    var cardToken = CardTokenRules.FromCardData(new CardTokenRequest
                    {
                        CardNumber = test.Number, SecurityCode = test.SecurityCode, ExpirationMonth = test.ExpirationMonth,
                        ExpirationYear = test.ExpirationYear, CardholderName = $"{first} {last}".ToUpperInvariant(),
                    }, site, data.FingerprintKey(), ids.Hex(32), seller.Id, customer.DateCreated);
                    var method = site.Method(cardToken.PaymentMethodId)!;
                    var saved = data.ActiveCustomer(customer.Id);
                    data.AddCard(saved, CardRules.FromToken(cardToken, method, site.DefaultIssuer(method.Id), customer.Id,
                        ids.Digits(13), seller.Id, customer.DateCreated), customer.DateCreated);
                    cards++;
                }
            }
            return 0;
        });

        var weights = Mix.Select(m => m.Weight).ToArray();
        for (var start = 0; start < paymentCount; start += Batch)
        {
            var size = Math.Min(Batch, paymentCount - start);
            store.Write(() =>
            {
                var firstId = store.Reserve("payments", PaymentsEndpoints.FirstPaymentId, size);
                var batch = new List<Payment>(size);
                for (var i = 0; i < size; i++)
                {
                    var (status, detail, _) = faker.Random.WeightedRandom(Mix, weights);
                    var buyer = customers.Count > 0 && faker.Random.Bool(0.4f) ? faker.PickRandom(customers) : null;
                    var entry = new JsonObject
                    {
                        ["status"] = status, ["status_detail"] = detail,
                        ["transaction_amount"] = decimal.Round(faker.Random.Decimal(5, 2_000), site.Decimals),
                        ["installments"] = 1,
                        ["description"] = faker.Commerce.ProductName(),
                        ["external_reference"] = $"ORD-{faker.Random.AlphaNumeric(10).ToUpperInvariant()}",
                        ["date_created"] = MpJson.Format(now - TimeSpan.FromMinutes(faker.Random.Double(1, 90 * 24 * 60)), TimeSpan.Zero),
                        ["payer"] = buyer is null
                            ? new JsonObject { ["email"] = faker.Internet.Email().ToLowerInvariant() }
                            : new JsonObject { ["type"] = "customer", ["id"] = buyer.Id, ["email"] = buyer.Email },
                    };
                    var stages = FixturePayments.Build(entry, seller, site, buyer, firstId + i,
                        () => store.Next("refunds", RefundsEndpoints.FirstRefundId), economics, now, ids, data.FingerprintKey());
                    batch.Add(PaymentRules.PassTime(stages[^1], now));
                }
                batch.ForEach(data.Payments().Save);
                return 0;
            });
            line.Advance(size);
        }
        line.Finish($"{paymentCount:N0} payments, {customers.Count:N0} customers, {cards:N0} cards for seller {seller.Id}");
        return new GenerationSummary(seller.Id, customers.Count, cards, paymentCount, Math.Round(watch.Elapsed.TotalSeconds, 3));
    }
}
