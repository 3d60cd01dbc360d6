namespace MpEmulator.Infrastructure;

/// <summary>Every switch of the emulator, bound from configuration (appsettings.json, MPEMU_ env vars, command line).</summary>
public sealed class EmulatorOptions
{
    public int Port { get; set; } = 8080;
    public string Db { get; set; } = "data/mpemulator.db";
    public bool InMemory { get; set; }
    public int? Seed { get; set; }
    public string Site { get; set; } = "MLB";
    public bool StrictTokens { get; set; }
    /// <summary>Refuse request fields a route does not take, instead of ignoring them (see StrictRequests).</summary>
    public bool Strict { get; set; }
    public bool RequireIdempotencyKey { get; set; } = true;
    /// <summary>The offset every date is written in; Mercado Pago answers in -04:00.</summary>
    public string TimeZone { get; set; } = "-04:00";
    /// <summary>The Mercado Pago fee taken from approved payments, as a fraction of the amount.</summary>
    public decimal FeeRate { get; set; } = 0.0499m;
    /// <summary>Days from approval until money is released to the collector.</summary>
    public int ReleaseDays { get; set; }
    public List<SellerAccount> Sellers { get; set; } = [];
    /// <summary>Host names besides loopback ones that <c>/__admin</c> answers while the emulator listens on loopback only.</summary>
    public List<string> AdminHosts { get; set; } = [];
    /// <summary>When set, <c>/__admin</c> requires this value in <c>X-Admin-Key</c>.</summary>
    public string? AdminKey { get; set; }
    /// <summary>Fixture file or folder loaded at start-up (and again after a full reset).</summary>
    public string? Fixtures { get; set; }
    /// <summary>Payments to generate with Bogus at start-up for the demo seller (and a tenth as many customers).</summary>
    public int Generate { get; set; }
    /// <summary>How many recent API requests the journal keeps (0 turns it off).</summary>
    public int JournalSize { get; set; } = 500;

    public TimeSpan Offset => TimeSpan.Parse(TimeZone.TrimStart('+'));

    /// <summary>Command-line switches a user types, mapped to configuration keys.</summary>
    public static readonly Dictionary<string, string> Switches = new()
    {
        ["--port"] = "Port", ["--db"] = "Db", ["--in-memory"] = "InMemory", ["--seed"] = "Seed",
        ["--site"] = "Site", ["--strict-tokens"] = "StrictTokens", ["--fixtures"] = "Fixtures", ["--generate"] = "Generate",
        ["--strict"] = "Strict",
    };

    static readonly string[] Flags = ["--in-memory", "--strict-tokens", "--strict"];

    /// <summary>Lets boolean switches stand alone (<c>--in-memory</c>), which the command-line provider needs a value for.</summary>
    public static string[] NormalizeFlags(string[] args) =>
        args.Select((a, i) => Flags.Contains(a) && (i + 1 == args.Length || args[i + 1].StartsWith('-')) ? a + "=true" : a)
            .ToArray();
}
