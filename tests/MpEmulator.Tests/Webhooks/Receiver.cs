using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MpEmulator.Tests.Webhooks;

/// <summary>A merchant's webhook handler on a real loopback port: records every request and answers as told
/// (500 for the first N requests, then 200; or never, until disposed).</summary>
public sealed class Receiver : IAsyncDisposable
{
    readonly WebApplication web;
    readonly ConcurrentQueue<Received> received = new();
    readonly CancellationTokenSource release = new();
    int failuresLeft;
    int open;

    Receiver(WebApplication web) => this.web = web;

    public string BaseUrl => web.Urls.First();
    public string Url(string path = "/hooks") => BaseUrl + path;
    public IReadOnlyList<Received> Requests => received.ToArray();
    /// <summary>Requests the receiver has not answered yet.</summary>
    public int Open => Volatile.Read(ref open);
    public bool Hang { get; set; }
    public string Reply { get; set; } = "ok";

    public void FailNext(int times) => Volatile.Write(ref failuresLeft, times);

    public static async Task<Receiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var receiver = new Receiver(builder.Build());
        receiver.web.Run(receiver.Handle);
        await receiver.web.StartAsync();
        return receiver;
    }

    async Task Handle(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        Interlocked.Increment(ref open);
        received.Enqueue(new Received(http.Request.Path + http.Request.QueryString, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        try
        {
            if (Hang)
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, release.Token);
                await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { });
                return;
            }
            http.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
            await http.Response.WriteAsync(Reply);
        }
        finally
        {
            Interlocked.Decrement(ref open);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await release.CancelAsync();
        await web.StopAsync();
        await web.DisposeAsync();
        release.Dispose();
    }
}

public sealed record Received(string PathAndQuery, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers[name];
}
