namespace MpEmulator.Testing;

/// <summary>How <see cref="MpEmulatorServer.StartAsync"/> starts the emulator. Storage is always in memory.</summary>
public sealed record MpEmulatorOptions
{
    /// <summary>Makes every generated id and value reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Site of sellers not registered with a site of their own.</summary>
    public string Site { get; init; } = "MLB";

    /// <summary>A fixture file, or a folder of them, loaded at start and again after a full reset.</summary>
    public string? Fixtures { get; init; }

    /// <summary>Whether POST /v1/payments without <c>X-Idempotency-Key</c> is refused, as Mercado Pago does.</summary>
    public bool RequireIdempotencyKey { get; init; } = true;

    /// <summary>Any other emulator setting by its configuration key (<c>FeeRate</c>, <c>ReleaseDays</c>, <c>TimeZone</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The emulator logs nothing unless this adds a provider.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    internal string[] ToArgs()
    {
        var settings = new Dictionary<string, string>
        {
            // Explicit, so a machine's ASPNETCORE_URLS or MPEMU_* variables cannot move or lock the test server.
            ["urls"] = "http://127.0.0.1:0", ["InMemory"] = "true", ["AdminKey"] = "", ["StrictTokens"] = "false", ["Strict"] = "false",
            ["Seed"] = Seed.ToString(), ["Site"] = Site, ["RequireIdempotencyKey"] = RequireIdempotencyKey.ToString(),
            ["Fixtures"] = Fixtures is null ? "" : Path.GetFullPath(Fixtures),
            // Tests share a server, so keep enough of the journal for each of them to find its own requests.
            ["JournalSize"] = "5000",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        return settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
    }
}
