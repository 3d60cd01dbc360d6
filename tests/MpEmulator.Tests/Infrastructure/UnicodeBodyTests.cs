using System.Net;
using System.Net.Http.Headers;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>A body that is JSON but not valid Unicode is malformed (issue 13, item 3): it used to reach storage and answer 500.</summary>
public sealed class UnicodeBodyTests
{
    [Theory]
    [InlineData("/v1/customers", """{"email":"\ud800@testuser.com"}""")]
    [InlineData("/v1/payments", """{"transaction_amount":10,"payment_method_id":"pix","description":"a\udc00b","payer":{"email":"a@testuser.com"}}""")]
    [InlineData("/v1/payments", """{"transaction_amount":10,"payment_method_id":"pix","metadata":{"\ud83d":1},"payer":{"email":"a@testuser.com"}}""")]
    public async Task A_lone_surrogate_is_a_400_and_stores_nothing(string path, string body)
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var reply = await api.Post(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(400, (int)reply["status"]!);
        Assert.Equal(0, (int)(await api.Get("/v1/payments/search")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_in_a_name_are_a_400()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers")
        {
            Content = new ByteArrayContent([(byte)'{', (byte)'"', 0xc3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_real_surrogate_pair_is_kept()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var id = (string)(await api.Post("/v1/customers", """{"email":"emoji@testuser.com","first_name":"Ana \ud83d\ude00"}""")).Is(HttpStatusCode.Created)["id"]!;
        Assert.Equal("Ana 😀", (string)(await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK)["first_name"]!);
    }
}
