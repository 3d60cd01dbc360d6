using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MpEmulator.Tests.Support;
using Xunit.Abstractions;

namespace MpEmulator.Tests.Fuzz;

/// <summary>Every route of the emulator's own OpenAPI document, over a real socket, with hostile paths, queries, headers
/// and bodies drawn from a seed: no answer is 5xx, every 4xx is Mercado Pago's envelope, and afterwards the process is
/// up and a normal payment flow works. <c>MPEMU_FUZZ_REQUESTS</c> and <c>MPEMU_FUZZ_SEED</c> make a longer or another run.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    static int Requests => int.TryParse(Environment.GetEnvironmentVariable("MPEMU_FUZZ_REQUESTS"), out var n) ? n : 3000;
    static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("MPEMU_FUZZ_SEED"), out var s) ? s : 20261202;

    [Fact]
    public async Task Hostile_requests_on_every_route_get_no_5xx_and_every_error_in_the_envelope()
    {
        using var app = EmulatorApp.With(kestrel: true);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var routes = Routes(JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!);
        Assert.True(routes.Count > 40, $"only {routes.Count} routes in the OpenAPI document");
        var fuzz = new Fuzzer(http, new PCG(1, Seed));
        await fuzz.Setup();

        for (var i = 0; i < Requests; i++) await fuzz.Send(routes[(int)fuzz.Pcg.Next((uint)routes.Count)], i);

        output.WriteLine($"seed {Seed}: {Requests} requests, {fuzz.ServerErrors} answered 5xx, {fuzz.NotEnvelope} errors without the " +
                         $"envelope; statuses {string.Join(", ", fuzz.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.True(fuzz.Failures.Count == 0, $"seed {Seed}, {fuzz.Failures.Count} failures; the first:\n" + string.Join("\n", fuzz.Failures.Take(15)));
        await fuzz.PaymentFlowWorks();
    }

    public sealed record Route(string Method, string Template, string[] PathParams, string[] QueryParams, bool HasBody);

    static List<Route> Routes(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op =>
            {
                var parameters = op.Value!["parameters"]?.AsArray().Select(p => ((string)p!["name"]!, (string)p["in"]!)).ToList() ?? [];
                return new Route(op.Key.ToUpperInvariant(), path.Key, [.. parameters.Where(p => p.Item2 == "path").Select(p => p.Item1)],
                    [.. parameters.Where(p => p.Item2 == "query").Select(p => p.Item1)], op.Value["requestBody"] is not null);
            }))
            .ToList();
}
