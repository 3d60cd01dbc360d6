using System.Buffers.Binary;
using System.Text;

namespace MpEmulator.Infrastructure;

/// <summary>Why the emulator will not open a database file; the message says what to do.</summary>
public sealed class DatabaseFileRefused(string message) : Exception(message);

/// <summary>Keeps a second emulator, a foreign file and a stray write-ahead log away from LiteDB, which would
/// otherwise share the file, overwrite it as a new database, or replay another database's pages into it.</summary>
public static class DatabaseFile
{
    // Facts of the LiteDB 5 file format (LiteDB/Engine/Pages/BasePage.cs and HeaderPage.cs).
    const int PageSize = 8192;
    const int PageIdAt = 0, PageTypeAt = 4, HeaderInfoAt = 32, FileVersionAt = 59, LastPageIdAt = 64, CreationTimeAt = 68;
    const byte HeaderPageType = 1, FileVersion = 8;
    static readonly byte[] HeaderInfo = "** This is a LiteDB file **"u8.ToArray();

    /// <summary>Claims the database file for this process and checks it before LiteDB touches it. Returns the claim;
    /// dispose it after the database is closed.</summary>
    public static IDisposable Claim(string path)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var claim = Lock(path);
        try
        {
            Check(path);
            return claim;
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    /// <summary>LiteDB's write-ahead log beside the database (FileHelper.GetLogFile): data/mpemulator.db → data/mpemulator-log.db.</summary>
    public static string LogOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <summary>How long a claim waits for a holder that is letting go: an emulator of the same process closing (a test
    /// restarting on the file) releases it within moments; another process keeps it, and the claim is refused.</summary>
    static readonly TimeSpan LetGo = TimeSpan.FromSeconds(3);

    static FileStream Lock(string path)
    {
        var lockPath = path + ".lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        FileStream stream;
        while (true)
            try
            {
                // On Unix, FileShare.None takes an exclusive flock (the kernel drops it when the process dies) and
                // DeleteOnClose unlinks the file before unlocking it, re-opening if the file it locked was unlinked meanwhile.
                stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                break;
            }
            // EWOULDBLOCK on Linux (11) and macOS (35), ERROR_SHARING_VIOLATION on Windows.
            catch (IOException e) when (e.HResult is 11 or 35 or unchecked((int)0x80070020))
            {
                if (waited.Elapsed > LetGo)
                    throw new DatabaseFileRefused(
                        $"{path} is in use by another MpEmulator process (lock {lockPath}); stop it or give --db another file.");
                Thread.Sleep(50);
            }
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
        stream.Flush();
        return stream;
    }

    static void Check(string path)
    {
        var log = LogOf(path);
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        var logLength = File.Exists(log) ? new FileInfo(log).Length : 0;
        if (length == 0)
        {
            if (logLength > 0)
                throw new DatabaseFileRefused(
                    $"There is a log file {log} without its database {path}; MpEmulator leaves it untouched: move the log away or give --db another file.");
            return;
        }

        if (length < PageSize) throw NotLiteDb(path, $"it has {length} bytes, less than one {PageSize}-byte page");
        var header = new byte[PageSize];
        using (var data = OpenRead(path)) data.ReadExactly(header);
        if (!header.AsSpan(HeaderInfoAt, HeaderInfo.Length).SequenceEqual(HeaderInfo))
            throw NotLiteDb(path, "its first page has no LiteDB header");
        if (header[FileVersionAt] != FileVersion)
            throw NotLiteDb(path, $"its file format version is {header[FileVersionAt]}, not {FileVersion}");

        // Pages are written to the data file only by a checkpoint, whose log stays until it is complete: without a log,
        // a file shorter than its header says (or not whole pages, which LiteDB would crop) was cut by something else.
        var pages = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdAt)) + 1L;
        if (logLength == 0 && (length % PageSize != 0 || length < pages * PageSize))
            throw NotLiteDb(path, $"it has {length} bytes where its header counts {pages} pages of {PageSize}: it was truncated or damaged");
        if (!LogBelongsTo(log, header.AsSpan(CreationTimeAt, 8)))
            throw new DatabaseFileRefused(
                $"{log} belongs to another database than {path}; MpEmulator leaves both untouched: move {log} away or give --db another file.");
    }

    /// <summary>Every copy of the header page in the log carries its database's creation time.</summary>
    static bool LogBelongsTo(string log, ReadOnlySpan<byte> creationTime)
    {
        if (!File.Exists(log)) return true;
        var page = new byte[PageSize];
        using var stream = OpenRead(log);
        while (stream.ReadAtLeast(page, PageSize, throwOnEndOfStream: false) == PageSize)
            if (BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(PageIdAt)) == 0 && page[PageTypeAt] == HeaderPageType
                && !page.AsSpan(CreationTimeAt, 8).SequenceEqual(creationTime))
                return false;
        return true;
    }

    static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, PageSize, FileOptions.SequentialScan);

    static DatabaseFileRefused NotLiteDb(string path, string why) =>
        new($"{path} is not a LiteDB 5 database ({why}); MpEmulator leaves it untouched: give --db a new file name or move it away.");
}
