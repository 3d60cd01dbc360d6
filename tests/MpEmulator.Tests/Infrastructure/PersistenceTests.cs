using System.Net;
using System.Text;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>A LiteDB file outlives the process; a fixed seed makes a run repeat itself.</summary>
public sealed class PersistenceTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "mpemulator-tests-" + Guid.NewGuid().ToString("N"));
    string DbPath => Path.Combine(dir, "data", "emulator.db");

    EmulatorApp OnFile() => EmulatorApp.With(new Dictionary<string, string?> { ["InMemory"] = "false", ["Db"] = DbPath });

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>Earlier versions stored documents field by field (LiteDB's mapper); this one stores them as JSON. A file
    /// of an earlier version is read as it is, and each document is rewritten in the new form when it next changes.</summary>
    [Fact]
    public async Task Documents_stored_field_by_field_by_an_earlier_version_are_read_and_rewritten_when_changed()
    {
        var token = Sellers.Fresh();
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = DbPath }))
            db.GetCollection("payments").Insert(new LiteDB.BsonDocument
            {
                ["_id"] = 1_320_009_999L, ["OwnerId"] = Sellers.UserIdOf(token), ["SiteId"] = "MLB", ["Status"] = "pending",
                ["StatusDetail"] = "pending_waiting_payment", ["PaymentMethodId"] = "pix", ["PaymentTypeId"] = "bank_transfer",
                ["CurrencyId"] = "BRL", ["TransactionAmount"] = 10m, ["ExternalReference"] = "old-1", ["Metadata"] = "{\"plan\":\"gold\"}",
                ["DateCreated"] = EmulatorApp.Start.UtcDateTime, ["DateLastUpdated"] = EmulatorApp.Start.UtcDateTime,
                ["Payer"] = new LiteDB.BsonDocument { ["Email"] = "old@example.com" },
            });

        using (var app = OnFile())
        {
            var api = app.Seller(token);
            var old = (await api.Get("/v1/payments/1320009999")).Is(HttpStatusCode.OK);
            Assert.Equal("pending", (string)old["status"]!);
            Assert.Equal("gold", (string)old["metadata"]!["plan"]!);
            var found = (await api.Get("/v1/payments/search?external_reference=old-1")).Is(HttpStatusCode.OK);
            Assert.Equal(1, (int)found["paging"]!["total"]!);
            (await api.Put("/v1/payments/1320009999", new { status = "cancelled" })).Is(HttpStatusCode.OK);
        }
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = DbPath }))
            Assert.True(db.GetCollection("payments").FindById(1_320_009_999L).ContainsKey("json"));
        using var again = OnFile();
        Assert.Equal("cancelled", (string)(await again.Seller(token).Get("/v1/payments/1320009999")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task Customers_cards_and_tokens_survive_a_restart_on_the_same_file()
    {
        var token = Sellers.Fresh();
        string customer, card, unused, used;
        Reply customerBefore, cardsBefore;
        using (var first = OnFile())
        {
            var api = first.Seller(token);
            customer = (string)(await api.Post("/v1/customers", new
            {
                email = "kept@example.com", first_name = "Ana", phone = new { area_code = "11", number = "987654321" },
                metadata = new { plan = "gold" },
            })).Is(HttpStatusCode.Created)["id"]!;
            used = await api.CardToken();
            card = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = used })).Is(HttpStatusCode.Created)["id"]!;
            unused = await api.CardToken(number: TestCards.MlbVisa);
            var gone = await api.Customer("gone@example.com");
            (await api.Delete($"/v1/customers/{gone}")).Is(HttpStatusCode.OK);
            customerBefore = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
            cardsBefore = (await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK);
        }
        Assert.True(File.Exists(DbPath));

        using var second = OnFile();
        var again = second.Seller(token);
        Assert.Equal(customerBefore.Body, (await again.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK).Body);
        Assert.Equal(cardsBefore.Body, (await again.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Body);
        Assert.Equal(card, (string)customerBefore["default_card"]!);
        Assert.Equal("gold", (string)customerBefore["metadata"]!["plan"]!);

        var search = (await again.Get("/v1/customers/search")).Is(HttpStatusCode.OK);
        Assert.Equal(customer, (string)Assert.Single(search["results"]!.AsArray())!["id"]!);

        (await again.Post("/v1/customers", new { email = "kept@example.com" })).IsError(400, "101");
        Assert.Equal("used", (string)(await again.Get($"/v1/card_tokens/{used}")).Is(HttpStatusCode.OK)["status"]!);
        (await again.Post($"/v1/customers/{customer}/cards", new { token = used })).IsError(400, "121");
        (await again.Post($"/v1/customers/{customer}/cards", new { token = unused })).Is(HttpStatusCode.Created);
        // The fingerprint key is the database's own, so the card saved before the restart is still recognised.
        var same = (await again.Post($"/v1/customers/{customer}/cards", new { token = await again.CardToken() })).Is(HttpStatusCode.OK);
        Assert.Equal(card, (string)same["id"]!);
        (await again.Post("/v1/card_tokens", new { card_id = card, security_code = "123" })).Is(HttpStatusCode.Created);
        (await again.Post("/v1/customers", new { email = "gone@example.com" })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_seed_on_a_file_that_already_holds_its_ids_draws_fresh_ones()
    {
        var token = Sellers.Fresh();
        string firstId;
        using (var first = OnFile()) firstId = await first.Seller(token).Customer("one@example.com");

        using var second = OnFile();
        var api = second.Seller(token);
        var secondId = await api.Customer("two@example.com");
        Assert.NotEqual(firstId, secondId);
        Assert.Equal("one@example.com", (string)(await api.Get($"/v1/customers/{firstId}")).Is(HttpStatusCode.OK)["email"]!);
        Assert.Equal("two@example.com", (string)(await api.Get($"/v1/customers/{secondId}")).Is(HttpStatusCode.OK)["email"]!);
    }

    [Fact]
    public async Task The_database_file_never_holds_a_card_number()
    {
        const string pan = "4235647728025682";
        using (var app = OnFile())
        {
            var api = app.Seller();
            var customer = await api.Customer();
            (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken(number: pan) })).Is(HttpStatusCode.Created);
            await api.CardToken(number: pan);
        }
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        // The log is folded into the data file and deleted, and the lock file deleted, as the emulator closes: a file
        // that vanished while we listed held nothing new.
        foreach (var file in files.Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))) // the claim holds a pid
        {
            byte[] bytes;
            try { bytes = await File.ReadAllBytesAsync(file); }
            catch (FileNotFoundException) { continue; }
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(pan, text);
            foreach (var unkeyed in new[] { pan, "mpemulator-card:" + pan })
                Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(unkeyed))), text);
        }
    }

    static async Task<List<string>> Script(EmulatorApp app, string token)
    {
        var api = app.Seller(token);
        var ids = new List<string>();
        var one = await api.Customer("seed.one@example.com");
        ids.Add(one);
        var tokenId = await api.CardToken();
        ids.Add(tokenId);
        ids.Add((string)(await api.Post($"/v1/customers/{one}/cards", new { token = tokenId })).Is(HttpStatusCode.Created)["id"]!);
        ids.Add(await api.Customer("seed.two@example.com"));
        ids.Add(await api.CardToken(number: TestCards.MlbVisa));
        return ids;
    }

    [Fact]
    public async Task Two_fresh_emulators_with_the_same_seed_hand_out_the_same_ids_for_the_same_calls()
    {
        var token = Sellers.Fresh();
        using var a = new EmulatorApp();
        using var b = new EmulatorApp();
        var first = await Script(a, token);
        var second = await Script(b, token);
        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());

        using var other = EmulatorApp.With(new Dictionary<string, string?> { ["Seed"] = "7" });
        var third = await Script(other, token);
        Assert.NotEqual(first[0], third[0]);
        Assert.NotEqual(first[1], third[1]);
    }
}
