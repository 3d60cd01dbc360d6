using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MpEmulator.Addresses;
using MpEmulator.Cards;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Refunds;
using MpEmulator.Scenarios;

namespace MpEmulator.Fixtures;

public sealed record FixtureProblem(string Path, string Message);

public sealed class FixtureInvalid(IReadOnlyList<FixtureProblem> problems) : Exception("the fixture is invalid")
{
    public IReadOnlyList<FixtureProblem> Problems { get; } = problems;
}

public sealed record FixtureSummary(int Sellers, int Customers, int Cards, int Payments, int Rules);

/// <summary>Loads fixture documents (sellers, customers with cards, payments, rules): checked first, then written in
/// one transaction. An invalid fixture changes nothing and reports every problem with its JSON path.</summary>
public sealed class FixtureLoader(Store store, SellerDirectory sellers, Catalogs catalogs, Ids ids, TimeProvider clock,
    IOptions<EmulatorOptions> options, ScenarioBook scenarios, ILogger<FixtureLoader> log)
{
    static readonly HashSet<string> TopLevel = ["$schema", "description", "sellers", "customers", "payments", "rules"];

    /// <summary>Loads the <c>--fixtures</c> file, or every <c>*.json</c> of the folder in name order but the JSON Schema
    /// files kept beside them (<c>*.schema.json</c>). A file already loaded into this database (same content) is
    /// skipped, so a restart on a database file does not load it twice.</summary>
    public Task LoadStartupAsync()
    {
        if (options.Value.Fixtures is not { Length: > 0 } path) return Task.CompletedTask;
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)).Order().ToArray()
            : File.Exists(path) ? [path]
            : throw new FixtureInvalid([new(path, "no such file or folder")]);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            store.OncePerDatabase(hash, file, clock.GetUtcNow(), () =>
            {
                JsonObject fixture;
                try { fixture = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object"); }
                catch (JsonException e) { throw new FixtureInvalid([new(file, $"not a JSON object: {e.Message}")]); }
                log.LogInformation("Loaded fixture {File}: {Summary}", file, Load(fixture));
            });
        }
        return Task.CompletedTask;
    }

    /// <summary>Loads one fixture; <paramref name="progress"/> gets progress lines as entries are read (<c>mpemulator import</c>).</summary>
    public FixtureSummary Load(JsonObject fixture, TextWriter? progress = null)
    {
        var entries = new[] { "sellers", "customers", "payments", "rules" }.Sum(k => (fixture[k] as JsonArray)?.Count ?? 0);
        var line = new ProgressLine("import", "entries", entries, entries >= ProgressFrom ? progress : null);
        var problems = new List<FixtureProblem>();
        var now = clock.GetUtcNow();
        List<CompiledRule> rules = [];
        try
        {
            var summary = store.Write(() =>
            {
                foreach (var unknown in fixture.Select(p => p.Key).Where(k => !TopLevel.Contains(k)))
                    problems.Add(new($"$.{unknown}", "unknown top-level key; use sellers, customers, payments, rules"));
                var accounts = Each(fixture, "sellers", problems, Seller).ToList();
                line.Advance(accounts.Count);
                sellers.Register(accounts);
                var customers = Each(fixture, "customers", problems, (o, at) => Counted(line, Customer(o, at, now, problems))).ToList();
                var payments = Each(fixture, "payments", problems, (o, at) => Counted(line, Payment(o, at, now, problems))).ToList();
                rules = Each(fixture, "rules", problems, (o, at) => CompiledRule.Compile(ScenarioBook.Read(o, at, ids, problems), at, problems)).ToList();
                line.Advance(rules.Count);
                if (problems.Count > 0) throw new FixtureInvalid(problems);
                scenarios.Add(rules);
                return new FixtureSummary(accounts.Count, customers.Count, customers.Sum(c => c ?? 0), payments.Count, rules.Count);
            });
            line.Finish($"{summary.Customers:N0} customers, {summary.Cards:N0} cards, {summary.Payments:N0} payments, {summary.Rules:N0} rules");
            return summary;
        }
        catch
        {
            sellers.Forget(keepStored: true);
            throw;
        }
    }

    /// <summary>Fixtures this large report their progress.</summary>
    const int ProgressFrom = 10_000;

    static T Counted<T>(ProgressLine line, T value)
    {
        line.Advance();
        return value;
    }

    static IEnumerable<T> Each<T>(JsonObject fixture, string key, List<FixtureProblem> problems, Func<JsonObject, string, T?> read)
    {
        if (fixture[key] is null) yield break;
        if (fixture[key] is not JsonArray items)
        {
            problems.Add(new($"$.{key}", "must be an array"));
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"$.{key}[{i}]";
            T? value = default;
            if (items[i] is not JsonObject o) problems.Add(new(at, "must be an object"));
            else
                try { value = read(o, at); }
                catch (MpException e) { problems.Add(new(at, e.Error.Message)); }
                catch (FixtureInvalid) { }
            if (value is not null) yield return value;
        }
    }

    SellerAccount? Seller(JsonObject o, string at)
    {
        try
        {
            var account = o.Deserialize<SellerAccount>(MpJson.Create(TimeSpan.Zero)) ?? new SellerAccount();
            if (string.IsNullOrWhiteSpace(account.AccessToken)) throw PaymentErrors.ParamsError.WithMessage("access_token is required").Exception();
            if (account.SiteId is { } site && !Catalogs.IsSite(site))
                throw PaymentErrors.ParamsError.WithMessage($"site_id must be one of {string.Join(", ", Catalogs.Sites)}").Exception();
            return account;
        }
        catch (JsonException e)
        {
            throw PaymentErrors.ParamsError.WithMessage($"invalid seller: {e.Message}").Exception();
        }
    }

    /// <summary>A customer with its addresses and cards; answers the number of cards saved.</summary>
    int? Customer(JsonObject entry, string at, DateTimeOffset now, List<FixtureProblem> problems)
    {
        var (seller, site, o) = Prepare(entry, at, problems);
        var cards = o["cards"] as JsonArray;
        var addresses = o["addresses"] as JsonArray;
        o.Remove("cards");
        o.Remove("addresses");
        var fields = new JsonFields(o);
        var request = CustomerRequest.Parse(fields);
        var data = store.For(seller);
        var id = fields.String("id", PaymentErrors.ParamsError.WithMessage("id must be a string"))
                 ?? ids.Unique(i => $"{seller.Id}-{i.Alphanumeric(14)}", data.Customers().Exists);
        if (data.Customers().Exists(id)) throw PaymentErrors.ParamsError.WithMessage($"a customer with id {id} exists").Exception();
        now = PaymentRequest.Date(fields.String("date_created", PaymentErrors.InvalidDate)) ?? now;
        var customer = CustomerRules.Create(request, seller, id, now);
        if (data.CustomerWithEmail(customer.EmailKey!) is not null)
            throw MpErrors.CustomerAlreadyExists.Exception();
        data.Customers().Save(customer);
        for (var i = 0; addresses is not null && i < addresses.Count; i++)
            try
            {
                var given = new JsonFields(addresses[i] as JsonObject ?? throw MpErrors.BodyMustBeObject.Exception());
                var addressId = given.String("id", PaymentErrors.ParamsError.WithMessage("id must be a string"), acceptNumber: true)
                                ?? ids.Unique(d => d.Digits(10), id => customer.Addresses.Any(a => a.Id == id));
                if (customer.Addresses.Any(a => a.Id == addressId))
                    throw PaymentErrors.ParamsError.WithMessage($"an address with id {addressId} exists").Exception();
                var address = AddressRules.Create(AddressRequest.Parse(given), addressId,
                    PaymentRequest.Date(given.String("date_created", PaymentErrors.InvalidDate)) ?? now);
                customer = data.SaveAddresses(customer, [.. customer.Addresses, address], now);
            }
            catch (MpException e)
            {
                problems.Add(new($"{at}.addresses[{i}]", e.Error.Message));
            }
        // Each address saved re-picks the default while the one named is not there yet; an export names its own.
        if (request.DefaultAddress is { } wanted && customer.Addresses.Any(a => a.Id == wanted))
            customer = data.SaveAddresses(customer with { DefaultAddress = wanted }, customer.Addresses, now);
        var saved = 0;
        for (var i = 0; cards is not null && i < cards.Count; i++)
            try
            {
                var card = new JsonFields(cards[i] as JsonObject ?? throw MpErrors.CardDataInvalid.Exception());
                var number = card.String("number", MpErrors.InvalidCardNumber, acceptNumber: true) ?? throw MpErrors.CardNumberEmpty.Exception();
                var holder = card.String("cardholder", MpErrors.InvalidCardholderName) ?? "APRO";
                var length = site.ResolveCard(number)?.Setting.SecurityCode.Length ?? 3;
                var token = CardTokenRules.FromCardData(new CardTokenRequest
                {
                    CardNumber = number, CardholderName = holder, SecurityCode = new string('1', length),
                    ExpirationMonth = card.Int("expiration_month", MpErrors.InvalidExpirationMonth, acceptString: true) ?? 11,
                    ExpirationYear = card.Int("expiration_year", MpErrors.InvalidExpirationYear, acceptString: true) ?? now.Year + 4,
                }, site, data.FingerprintKey(), ids.Hex(32), seller.Id, now);
                var method = site.Method(token.PaymentMethodId)!;
                var cardId = card.String("id", PaymentErrors.ParamsError.WithMessage("id must be a string"), acceptNumber: true)
                             ?? ids.Unique(i => i.Digits(13), data.Cards().Exists);
                if (data.Cards().Exists(cardId)) throw PaymentErrors.ParamsError.WithMessage($"a card with id {cardId} exists").Exception();
                var added = PaymentRequest.Date(card.String("date_created", PaymentErrors.InvalidDate)) ?? now;
                customer = data.ActiveCustomer(customer.Id);
                data.AddCard(customer, CardRules.FromToken(token, method, site.DefaultIssuer(method.Id), customer.Id, cardId, seller.Id, added), added);
                saved++;
            }
            catch (MpException e)
            {
                problems.Add(new($"{at}.cards[{i}]", e.Error.Message));
            }
        return saved;
    }

    Payment? Payment(JsonObject entry, string at, DateTimeOffset now, List<FixtureProblem> problems)
    {
        var (seller, site, o) = Prepare(entry, at, problems);
        var customer = o["payer"] is JsonObject payer && payer["type"]?.ToString() == "customer" && payer["id"]?.ToString() is { } cid
            ? store.For(seller).Customers().Find(cid)
            : null;
        var id = new JsonFields(o).Long("id", PaymentErrors.ParamsError.WithMessage("id must be a number"));
        if (id is <= 0) throw PaymentErrors.ParamsError.WithMessage("id must be a positive number").Exception();
        if (id is not null && store.AnyPayment(id.Value) is not null) throw PaymentErrors.ParamsError.WithMessage($"a payment with id {id} exists").Exception();
        if (id is not null) store.Taken("payments", PaymentsEndpoints.FirstPaymentId, id.Value);
        var stages = FixturePayments.Build(o, seller, site, customer, id ?? store.Next("payments", PaymentsEndpoints.FirstPaymentId),
            () => store.Next("refunds", RefundsEndpoints.FirstRefundId), Economics.For(seller, options.Value), now, ids,
            store.For(seller).FingerprintKey());
        store.SaveAny(stages[0], stages[0], stages[0].DateCreated, "payment.created");
        for (var i = 1; i < stages.Count; i++) store.SaveAny(stages[i - 1], stages[i], stages[i].DateLastUpdated);
        return stages[^1];
    }

    /// <summary>The entry's seller and site, and a copy of the entry with its placeholders resolved in the seller's locale.</summary>
    (Seller, SiteCatalog, JsonObject) Prepare(JsonObject entry, string at, List<FixtureProblem> problems)
    {
        var token = entry["seller"]?.ToString() ?? throw PaymentErrors.ParamsError.WithMessage("seller (an access token) is required").Exception();
        var seller = sellers.ByAccessToken(token) ?? throw MpErrors.InvalidAccessToken.Exception();
        var site = catalogs.For(seller.SiteId);
        var copy = (JsonObject)entry.DeepClone();
        copy.Remove("seller");
        var before = problems.Count;
        var seed = ids.Draw(r => r.Int());
        if (copy.ToJsonString().Contains("[FAKER]")) Placeholders.Resolve(copy, Placeholders.Faker(seller.SiteId, seed), site, at, problems);
        if (problems.Count > before) throw new FixtureInvalid(problems);
        return (seller, site, copy);
    }
}
