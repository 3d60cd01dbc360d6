using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>Found by the fuzz suite (seed 8): a value nested just under the 64 levels a body may have was taken, then
/// written back inside a larger document (a rule in the rules list and the export, metadata in a payment and a search
/// page) past the writer's limit: 500, on every later read.</summary>
public sealed class DeepNestingTests
{
    /// <summary><paramref name="depth"/> arrays, one in the other.</summary>
    static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public async Task What_a_body_may_nest_is_read_back_inside_every_document_that_holds_it()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        // Both bodies nest 63 deep, under the 64 the parser takes; the answers below hold them deeper.
        (await api.Post("/__admin/rules", $$$"""{"match":{"path":"/v1/payments","transaction_amount":666},"respond":{"status":"rejected","extra":{{{Nested(61)}}}}}""")).Is(HttpStatusCode.Created);
        var body = $$$"""{"transaction_amount":10,"payment_method_id":"pix","payer":{"email":"p@b.com"},"metadata":{"deep":{{{Nested(61)}}}}}""";
        var created = await api.Post("/v1/payments", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = System.Text.RegularExpressions.Regex.Match(created.Body, "\"id\":(\\d+)").Groups[1].Value;

        // Answers nest deeper than a default reader takes: only their status is read here.
        using var http = app.CreateClient();
        foreach (var path in new[] { "/__admin/rules", "/__admin/export", $"/v1/payments/{id}", "/v1/payments/search", $"/__admin/payments/{id}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", api.Token);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        (await api.Post("/v1/payments", $$$"""{"metadata":{"deep":{{{Nested(63)}}}}}""")).IsError(400, 1);
    }
}
