using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace MpEmulator.Testing.Webhooks;

/// <summary>Webhook inboxes on one small local listener (apart from the emulator, as a merchant's endpoint is),
/// and the emulator's own log of what it delivered.</summary>
public sealed class MpWebhooks : IAsyncDisposable
{
    readonly WebApplication listener;
    string baseUrl = "";
    readonly ConcurrentDictionary<string, MpWebhookInbox> inboxes = new();
    readonly ConcurrentDictionary<long, string> secrets = new();
    HttpClient? admin;
    int lastInbox;

    MpWebhooks(WebApplication listener) => this.listener = listener;

    internal static async Task<MpWebhooks> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var webhooks = new MpWebhooks(builder.Build());
        webhooks.listener.Run(webhooks.Receive);
        await webhooks.listener.StartAsync(cancellationToken);
        webhooks.baseUrl = webhooks.listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return webhooks;
    }

    internal MpWebhooks Attach(HttpClient emulator)
    {
        admin = emulator;
        return this;
    }

    /// <summary>A new inbox. Signatures are checked with <paramref name="secret"/>, or else with the secret of the seller
    /// the delivery names (every seller made by <see cref="MpEmulatorServer.NewSellerAsync"/> is known).</summary>
    public MpWebhookInbox NewInbox(string? secret = null)
    {
        var name = $"inbox-{Interlocked.Increment(ref lastInbox)}";
        return inboxes[name] = new MpWebhookInbox($"{baseUrl}/{name}", secret);
    }

    /// <summary>Makes a seller registered some other way (a fixture file) known to the inboxes.</summary>
    public void AddSecret(long userId, string secret) => secrets[userId] = secret;

    /// <summary>The emulator's delivery log (<c>GET /__admin/webhooks</c>), newest first, as the emulator writes it.</summary>
    public async Task<IReadOnlyList<JsonObject>> DeliveriesAsync(MpSeller? seller = null, long? paymentId = null, string? status = null)
    {
        var query = new List<string>();
        if (seller is not null) query.Add($"seller={seller.UserId}");
        if (paymentId is not null) query.Add($"payment_id={paymentId}");
        if (status is not null) query.Add($"status={Uri.EscapeDataString(status)}");
        var page = await new MpAdmin(admin!).Send(HttpMethod.Get, "/__admin/webhooks?" + string.Join('&', query));
        return (page?["results"] as JsonArray ?? page as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    async Task Receive(HttpContext http)
    {
        if (!inboxes.TryGetValue(http.Request.Path.Value!.Trim('/'), out var inbox))
        {
            http.Response.StatusCode = 404;
            return;
        }
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        JsonObject? json = null;
        try { json = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { }
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var userId = json?["user_id"] is JsonValue v && long.TryParse(v.ToString(), out var id) ? id : (long?)null;
        var secret = inbox.Secret ?? (userId is { } u ? secrets.GetValueOrDefault(u) : null);
        inbox.Add(new MpWebhookDelivery
        {
            Method = http.Request.Method, QueryString = http.Request.QueryString.Value ?? "", Query = query, Headers = headers,
            Body = body, Json = json, ReceivedAt = DateTimeOffset.UtcNow,
            Signature = MpSignature.Verify(secret, headers.GetValueOrDefault("x-signature"), headers.GetValueOrDefault("x-request-id"),
                query.GetValueOrDefault("data.id") ?? query.GetValueOrDefault("id")),
        });
        http.Response.StatusCode = inbox.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await listener.StopAsync();
        await listener.DisposeAsync();
    }
}
