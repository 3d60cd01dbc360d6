using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using MpEmulator.Fixtures;
using MpEmulator.Testing.Webhooks;

namespace MpEmulator.Testing;

/// <summary>The real emulator on a loopback port inside the test process: <c>await using var mp = await MpEmulatorServer.StartAsync();</c></summary>
public sealed class MpEmulatorServer : IAsyncDisposable
{
    /// <summary>The host the official SDKs call; <see cref="CreateHandler"/> sends it here instead.</summary>
    public static readonly Uri MercadoPagoApi = new("https://api.mercadopago.com");

    readonly WebApplication app;
    readonly HttpClient http;
    long lastUserId = 1_000_000_000;

    MpEmulatorServer(WebApplication app, string baseUrl, MpWebhooks webhooks)
    {
        this.app = app;
        BaseUrl = baseUrl;
        http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        Admin = new MpAdmin(http);
        Webhooks = webhooks.Attach(http);
    }

    /// <summary>The emulator's base URL (<c>http://127.0.0.1:&lt;port&gt;</c>), to give any client in place of Mercado Pago's.</summary>
    public string BaseUrl { get; }

    /// <summary>The control plane: clock, rules, fixtures, reset, outside events on payments, the request journal.</summary>
    public MpAdmin Admin { get; }

    /// <summary>Webhook inboxes and the emulator's delivery log.</summary>
    public MpWebhooks Webhooks { get; }

    public static async Task<MpEmulatorServer> StartAsync(MpEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MpEmulatorOptions();
        var app = EmulatorHost.Build(options.ToArgs(), builder =>
        {
            // Only the options decide: not the test project's appsettings.json nor the machine's environment variables.
            var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
            foreach (var source in sources.Where(s => s is JsonConfigurationSource or EnvironmentVariablesConfigurationSource).ToList())
                sources.Remove(source);
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
            builder.Logging.ClearProviders();
            options.Logging?.Invoke(builder.Logging);
        });
        var webhooks = MpWebhooks.StartAsync(cancellationToken);
        try
        {
            await EmulatorHost.LoadStartupDataAsync(app);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new MpEmulatorServer(app, address, await webhooks);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            try { await (await webhooks).DisposeAsync(); }
            catch { /* the first failure is the one to report */ }
            if (e is FixtureInvalid invalid)
                throw new InvalidOperationException($"The fixture {options.Fixtures} is invalid; nothing was loaded: " +
                                                    string.Join("; ", invalid.Problems.Select(p => $"{p.Path}: {p.Message}")), e);
            throw;
        }
    }

    /// <summary>Registers a brand-new seller (access token, public key, webhook secret) through the fixtures API.</summary>
    public async Task<MpSeller> NewSellerAsync(string site = "MLB", string? notificationUrl = null)
    {
        var userId = Interlocked.Increment(ref lastUserId);
        var seller = new MpSeller(
            AccessToken: $"TEST-1234567890123456-{DateTime.UtcNow:MMddyy}-{Guid.NewGuid():N}-{userId}",
            PublicKey: $"TEST-{Guid.NewGuid()}",
            WebhookSecret: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            userId, site, notificationUrl);
        await Admin.LoadFixtureAsync(new JsonObject
        {
            ["sellers"] = new JsonArray(new JsonObject
            {
                ["access_token"] = seller.AccessToken, ["public_key"] = seller.PublicKey, ["site_id"] = site,
                ["webhook_secret"] = seller.WebhookSecret, ["notification_url"] = notificationUrl,
            }),
        });
        Webhooks.AddSecret(userId, seller.WebhookSecret);
        return seller;
    }

    /// <summary>What a buyer's browser does with the seller's public key: tokenizes a test card. The cardholder name
    /// decides the payment's outcome (<c>APRO</c> approved, <c>FUND</c> insufficient funds, <c>CONT</c> pending, ...).</summary>
    public async Task<string> CardTokenAsync(MpSeller seller, string cardholder = "APRO", string? cardNumber = null, string securityCode = "123")
    {
        using var response = await http.PostAsJsonAsync($"/v1/card_tokens?public_key={Uri.EscapeDataString(seller.PublicKey)}", new
        {
            card_number = cardNumber ?? MpTestCards.Master(seller.SiteId), security_code = securityCode,
            expiration_month = 11, expiration_year = DateTime.UtcNow.Year + 5, cardholder = new { name = cardholder },
        });
        var body = await MpAdmin.Read(response);
        return (string)body!["id"]!;
    }

    /// <summary>A handler that sends calls for <see cref="MercadoPagoApi"/> to this emulator (anything else passes through).
    /// With the official .NET SDK: <c>MercadoPagoConfig.HttpClient = new DefaultHttpClient(new HttpClient(mp.CreateHandler()));</c></summary>
    public HttpMessageHandler CreateHandler() => new ToEmulator(new Uri(BaseUrl), new SocketsHttpHandler());

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>, with Mercado Pago's address as its base.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = MercadoPagoApi };

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Webhooks.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    sealed class ToEmulator(Uri emulator, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri && uri.Host.Equals(MercadoPagoApi.Host, StringComparison.OrdinalIgnoreCase))
                request.RequestUri = new Uri(emulator, uri.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
