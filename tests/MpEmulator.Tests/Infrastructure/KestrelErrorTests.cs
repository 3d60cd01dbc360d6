using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>Requests Kestrel used to refuse itself with an empty body (issue 13, item 7) get Mercado Pago's envelope;
/// those it still refuses before the application sees them are pinned here and named in the README.</summary>
public sealed class KestrelErrorTests(KestrelErrorTests.Server server) : IClassFixture<KestrelErrorTests.Server>
{
    public sealed class Server : IDisposable
    {
        public readonly EmulatorApp App = EmulatorApp.With(kestrel: true);
        public void Dispose() => App.Dispose();
    }

    static readonly string Auth = $"Authorization: Bearer {Sellers.Fresh()}\r\n";

    async Task<(int Status, string Body)> Send(string head, string body = "")
    {
        var uri = new Uri(server.App.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "Host: localhost\r\nConnection: close\r\n" + Auth + "\r\n" + body));
        var reply = Encoding.UTF8.GetString(await ReadToEnd(stream));
        var (status, rest) = (int.Parse(reply.Split(' ')[1]), reply[(reply.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        if (reply.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            rest = rest[(rest.IndexOf("\r\n", StringComparison.Ordinal) + 2)..rest.LastIndexOf("\r\n0\r\n", StringComparison.Ordinal)];
        return (status, rest);
    }

    static async Task<byte[]> ReadToEnd(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    static void IsEnvelope(int status, string error, (int Status, string Body) reply)
    {
        Assert.Equal(status, reply.Status);
        var json = JsonNode.Parse(reply.Body)!;
        Assert.Equal(status, (int)json["status"]!);
        Assert.Equal(error, (string)json["error"]!);
        Assert.NotNull(json["cause"]);
    }

    [Fact]
    public async Task A_request_line_over_8_KiB_gets_414_in_the_envelope() =>
        IsEnvelope(414, "request_uri_too_long", await Send($"GET /v1/payments/search?q={new string('a', RequestLimits.RequestLine)} HTTP/1.1\r\n"));

    [Fact]
    public async Task Headers_over_32_KiB_or_too_many_get_431_in_the_envelope()
    {
        IsEnvelope(431, "request_header_fields_too_large", await Send($"GET /v1/payments/1 HTTP/1.1\r\nX-Big: {new string('a', RequestLimits.Headers)}\r\n"));
        var many = string.Concat(Enumerable.Range(0, RequestLimits.HeaderCount + 1).Select(i => $"X-H{i}: 1\r\n"));
        IsEnvelope(431, "request_header_fields_too_large", await Send($"GET /v1/payments/1 HTTP/1.1\r\n{many}"));
    }

    [Fact]
    public async Task A_request_within_the_limits_is_served()
    {
        var reply = await Send($"GET /v1/payments/search?q={new string('a', 7000)} HTTP/1.1\r\nX-Big: {new string('a', 20_000)}\r\n");
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Broken_chunking_gets_400_in_the_envelope() =>
        IsEnvelope(400, "bad_request", await Send("POST /v1/customers HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
            "ZZ\r\n{}\r\n0\r\n\r\n"));

    /// <summary>Kestrel refuses these before any middleware runs and writes no body; the README lists them.</summary>
    [Theory]
    [InlineData("GET /v1/payments/%00 HTTP/1.1\r\n", 400)]
    [InlineData("GET /v1/payments/1 HTTP/2.0\r\n", 505)]
    public async Task What_Kestrel_refuses_before_the_application_keeps_its_status(string head, int status)
    {
        var reply = await Send(head);
        Assert.Equal(status, reply.Status);
        Assert.Equal("", reply.Body);
    }
}
