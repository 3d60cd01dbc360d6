// The benchmark's helper (driven by bench/run.sh):
//   startup --app PATH --runs N (--in-memory | --db-dir DIR | --db-file FILE) [--probe PATH --token T]
//                                                               cold starts: process start -> first 200 from /health (or PATH);
//                                                               --db-file starts each run on a fresh copy of FILE
//   peer --port P --body FILE                                   WireMock.Net serving FILE for GET /v1/payments/{id}
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "startup" => await Startup(options),
    "peer" => await Peer(options),
    _ => Usage(),
};

/// <summary>A LiteDB database is its file and, until a checkpoint, its log beside it (<c>name-log.db</c>).</summary>
static void CopyDatabase(string from, string to)
{
    static string LogOf(string path) => Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
    File.Copy(from, to, overwrite: true);
    File.Delete(LogOf(to));
    if (File.Exists(LogOf(from))) File.Copy(LogOf(from), LogOf(to));
}

static int Usage()
{
    Console.Error.WriteLine("usage: MpEmulator.Bench startup --app PATH --runs N (--in-memory | --db-dir DIR | --db-file FILE) [--probe PATH --token T]");
    Console.Error.WriteLine("       MpEmulator.Bench peer --port P --body FILE");
    return 64;
}

/// <summary>Starts the published emulator N times (after one discarded warm-up start, which also warms this process's
/// HTTP client and the OS file cache) and prints each time to the first 200 from /health, then the median.</summary>
static async Task<int> Startup(Options o)
{
    var app = o.Get("app") ?? throw new ArgumentException("--app is required");
    var runs = int.Parse(o.Get("runs") ?? "10", CultureInfo.InvariantCulture);
    var seeded = o.Get("db-file");
    var dbDir = o.Get("db-dir") ?? (seeded is null ? null : Path.GetDirectoryName(Path.GetFullPath(seeded)));
    var probe = o.Get("probe") ?? "/health";
    var token = o.Get("token");
    using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    var times = new List<double>();
    var cpus = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var port = FreePort();
        var db = dbDir is null ? null : Path.Combine(dbDir, $"startup-{run}.db");
        if (db is not null) File.Delete(db);
        if (db is not null && seeded is not null) CopyDatabase(seeded, db);
        var arguments = db is null ? $"--port {port} --in-memory" : $"--port {port} --db {db}";
        var info = app.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo("dotnet", $"{app} {arguments}")
            : new ProcessStartInfo(app, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(app))!;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}{probe}";
        double? elapsed = null;
        double cpu = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (token is not null) request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    elapsed = watch.Elapsed.TotalMilliseconds;
                    cpu = CpuMilliseconds(process.Id);
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            Thread.Sleep(1);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        if (db is not null) foreach (var file in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileNameWithoutExtension(db) + "*")) File.Delete(file);
        if (elapsed is null)
        {
            Console.Error.WriteLine($"startup: run {run} never answered 200 on {url}");
            return 1;
        }
        if (run > 0) // run 0 warms up
        {
            times.Add(elapsed.Value);
            cpus.Add(cpu);
        }
        Console.Error.WriteLine($"startup: run {run}{(run == 0 ? " (warm-up, discarded)" : "")}: {elapsed:F1} ms, CPU {cpu:F0} ms");
        Thread.Sleep(300);
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"median={Median(times):F0} min={times[0]:F0} max={times[^1]:F0} runs={times.Count} cpu={Median(cpus):F0}"));
    return 0;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>CPU time the process's live threads have used so far (Linux schedstat, nanoseconds): unlike wall time, it
/// barely moves with what else the machine is running.</summary>
static double CpuMilliseconds(int pid)
{
    try
    {
        return Directory.GetDirectories($"/proc/{pid}/task")
            .Sum(task => long.TryParse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], out var ns) ? ns : 0) / 1e6;
    }
    catch (IOException)
    {
        return double.NaN;
    }
}

/// <summary>The peer: WireMock.Net's standalone server with one mapping, the canned payment for any id. Its request log
/// is bounded like the emulator's journal (500 entries).</summary>
static async Task<int> Peer(Options o)
{
    var port = int.Parse(o.Get("port") ?? throw new ArgumentException("--port is required"), CultureInfo.InvariantCulture);
    var body = await File.ReadAllTextAsync(o.Get("body") ?? throw new ArgumentException("--body is required"));
    var server = WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"http://127.0.0.1:{port}"],
        StartAdminInterface = false,
        MaxRequestLogCount = 500,
    });
    server.Given(Request.Create().WithPath(new WildcardMatcher("/v1/payments/*")).UsingGet())
        .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body));
    Console.WriteLine($"peer: WireMock.Net listening on {server.Urls[0]}");
    var stop = new TaskCompletionSource();
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
    await stop.Task;
    server.Stop();
    return 0;
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

sealed class Options(Dictionary<string, string?> values)
{
    public string? Get(string name) => values.GetValueOrDefault(name);

    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string?>();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) values[pending] = "true";
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                values[pending] = arg;
                pending = null;
            }
        }
        if (pending is not null) values[pending] = "true";
        return new Options(values);
    }
}
