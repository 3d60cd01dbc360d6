using System.Diagnostics;
using System.Globalization;

namespace MpEmulator.Infrastructure;

/// <summary>Progress of long work on the console (<c>--generate</c>, <c>mpemulator import</c>): at most one line a
/// second with the count, the rate and the time left, then a line with the totals. Real time, not the emulator's clock:
/// it tells a person how long to wait. Without an output it only counts.</summary>
public sealed class ProgressLine(string what, string unit, long total, TextWriter? output)
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    readonly Stopwatch watch = Stopwatch.StartNew();
    TimeSpan printed;
    long done;

    public void Advance(long count = 1)
    {
        done += count;
        if (output is null || done >= total || watch.Elapsed - printed < Every) return;
        printed = watch.Elapsed;
        output.WriteLine(Line(what, unit, done, total, printed));
    }

    /// <summary>The closing line: <paramref name="totals"/> and how long it all took.</summary>
    public void Finish(string totals) =>
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {totals} in {watch.Elapsed.TotalSeconds:0.0} s ({Rate(done, watch.Elapsed):N0} {unit}/s)"));

    public static string Line(string what, string unit, long done, long total, TimeSpan elapsed)
    {
        var rate = Rate(done, elapsed);
        var left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: {done:N0}/{total:N0} {unit} ({100.0 * done / total:0}%), {rate:N0}/s, {Duration(left)} left");
    }

    static double Rate(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;

    static string Duration(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{Math.Ceiling(t.TotalSeconds):0} s";
}
