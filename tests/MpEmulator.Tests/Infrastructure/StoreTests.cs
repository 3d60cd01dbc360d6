using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

public sealed class StoreTests
{
    [Fact]
    public async Task A_fresh_emulator_reports_every_table_empty()
    {
        using var app = new EmulatorApp();
        var collections = (await app.Seller().Get("/__admin/state")).Is(HttpStatusCode.OK)["collections"]!.AsObject();
        Assert.Contains("payments", collections.Select(c => c.Key));
        Assert.Contains("customers", collections.Select(c => c.Key));
        Assert.All(collections, c => Assert.Equal(0, (int)c.Value!));
    }
}

/// <summary>In memory nothing is written; on a file every document goes through <see cref="StorageJson"/>. Every kind of
/// document a merchant flow makes comes back from it field for field, hidden fields included.</summary>
public sealed class StorageJsonTests
{
    [Fact]
    public async Task Every_stored_document_survives_the_storage_form_unchanged()
    {
        using var app = EmulatorApp.With(new Dictionary<string, string?> { ["Webhooks:Url"] = "http://127.0.0.1:9/hooks" });
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        var paid = (await api.Post("/v1/payments", new
        {
            transaction_amount = 100, token = await api.CardToken(), installments = 1, payment_method_id = "master",
            payer = new { email = "buyer@testuser.com" }, metadata = new { order = 7 },
        })).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{paid["id"]}/refunds", new { amount = 10 })).Is(HttpStatusCode.Created);
        (await api.Post("/v1/payments", new { transaction_amount = 10, payment_method_id = "pix", payer = new { email = "a@testuser.com" } }))
            .Is(HttpStatusCode.Created);
        (await api.Post("/__admin/rules", new { match = new { path = "/v1/payments", transaction_amount = 666 }, respond = new { status = "rejected" } })).Is(HttpStatusCode.Created);

        var store = app.Services.GetRequiredService<Store>();
        var kinds = new HashSet<Type>();
        foreach (var table in store.Tables)
            foreach (var document in table.Documents.Where(d => d is not LiteDB.BsonDocument))
            {
                var type = document.GetType();
                kinds.Add(type);
                var stored = JsonSerializer.SerializeToUtf8Bytes(document, type, StorageJson.Options);
                var back = JsonSerializer.Deserialize(stored, type, StorageJson.Options)!;
                Assert.Equal(Encoding.UTF8.GetString(stored), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(back, type, StorageJson.Options)));
            }
        Assert.True(kinds.Count >= 8, string.Join(", ", kinds.Select(k => k.Name)));
    }
}

/// <summary>Whatever the live state holds, the file can hold: an id the database could not index is refused (400, in
/// the envelope) before anything changes.</summary>
public sealed class StorageKeyTests
{
    [Fact]
    public async Task An_id_too_long_for_the_database_is_refused_and_changes_nothing()
    {
        using var app = new EmulatorApp();
        var admin = app.Seller();
        var token = "TEST-1-" + new string('x', 1100) + "-123456789";

        var seller = await admin.Post("/__admin/fixtures", new { sellers = new[] { new { access_token = token } } });
        var rule = await admin.Post("/__admin/rules", new
        {
            id = new string('r', 1100), match = new { path = "/v1/payments" }, respond = new { status = "rejected" },
        });

        foreach (var refused in new[] { seller, rule })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(400, (int)refused["status"]!);
            Assert.Contains("at most 1000 bytes", refused.Body);
        }
        Assert.Empty((await admin.Get("/__admin/rules")).Is(HttpStatusCode.OK).Json!.AsArray());
        Assert.DoesNotContain(token, (await admin.Get("/__admin/sellers")).Is(HttpStatusCode.OK).Body);
    }
}
