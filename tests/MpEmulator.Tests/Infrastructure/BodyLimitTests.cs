using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>Over Kestrel, a body over the limit gets the whole 413 envelope, sized or chunked (issue 13, item 6): the
/// journal used to read the body again after the answer had started, and the connection was cut.</summary>
public sealed class BodyLimitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_gets_the_whole_413_envelope(bool chunked)
    {
        using var app = EmulatorApp.With(kestrel: true);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments")
        {
            Content = new StringContent($"{{\"description\":\"{new string('a', 2_000_000)}\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Sellers.Fresh());
        request.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(413, (int)envelope["status"]!);
        Assert.Equal("request_entity_too_large", (string)envelope["error"]!);
    }
}
