using System.Security.Cryptography;
using LiteDB;
using MpEmulator.Infrastructure;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>The claim on a database file: one emulator per file, and nothing that is not this database's own
/// LiteDB file and log is handed to LiteDB or changed.</summary>
public sealed class DatabaseFileTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "mpemulator-dbfile-" + Guid.NewGuid().ToString("N"));

    public DatabaseFileTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    string At(string name) => Path.Combine(dir, name);

    static string LogOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    static LiteDatabase Open(string path) => new(new ConnectionString { Filename = path });

    [Fact]
    public void A_fresh_path_is_claimed_opened_by_LiteDB_and_released_on_dispose()
    {
        var path = Path.Combine(dir, "data", "emulator.db");
        using (DatabaseFile.Claim(path))
        {
            Assert.True(File.Exists(path + ".lock"));
            using var db = Open(path);
            db.GetCollection("things").Insert(new BsonDocument { ["n"] = 1 });
            Assert.Equal(1, db.GetCollection("things").Count());
        }
        Assert.False(File.Exists(path + ".lock"));
        using (DatabaseFile.Claim(path))
        using (var db = Open(path))
            Assert.Equal(1, db.GetCollection("things").Count());
    }

    [Fact]
    public void A_second_claim_while_the_first_is_held_is_refused_and_names_the_path()
    {
        var path = At("emulator.db");
        using (DatabaseFile.Claim(path))
        {
            var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));
            Assert.Contains(path, refused.Message);
            Assert.Contains("in use by another MpEmulator process", refused.Message);
            Assert.True(File.Exists(path + ".lock"));
            Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));
        }
        DatabaseFile.Claim(path).Dispose();
    }

    [Fact]
    public void A_text_file_is_refused_and_left_as_it_was()
    {
        var path = At("notes.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("These are my notes, not a database.\n", 1000)));
        var before = Files();

        var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));

        Assert.Contains(path, refused.Message);
        Assert.Contains("is not a LiteDB 5 database (its first page has no LiteDB header)", refused.Message);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_file_shorter_than_a_page_is_refused_untouched()
    {
        var path = At("short.db");
        var whole = At("whole.db");
        using (var db = Open(whole)) db.GetCollection("things").Insert(new BsonDocument { ["n"] = 1 });
        File.WriteAllBytes(path, File.ReadAllBytes(whole)[..4096]);
        File.Delete(whole);
        var before = Files();

        var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));

        Assert.Contains(path, refused.Message);
        Assert.Contains("4096 bytes", refused.Message);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_LiteDB_file_of_another_format_version_is_refused_untouched()
    {
        var path = At("old.db");
        using (var db = Open(path)) db.GetCollection("things").Insert(new BsonDocument { ["n"] = 1 });
        var bytes = File.ReadAllBytes(path);
        bytes[59] = 7;
        File.WriteAllBytes(path, bytes);
        var before = Files();

        var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));

        Assert.Contains("version is 7", refused.Message);
        Assert.Equal(before, Files());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_log_without_its_database_is_refused_untouched(bool emptyDatabaseFile)
    {
        var path = At("emulator.db");
        WithUncopiedLog(path, documents: 3);
        File.Delete(path);
        if (emptyDatabaseFile) File.WriteAllBytes(path, []);
        var before = Files();

        var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));

        Assert.Contains(LogOf(path), refused.Message);
        Assert.Contains("without its database", refused.Message);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_log_of_another_database_is_refused_and_both_files_are_left_as_they_were()
    {
        var path = At("a.db");
        WithUncopiedLog(path, documents: 3);
        WithUncopiedLog(At("b.db"), documents: 5);
        Assert.True(HeaderCopiesIn(LogOf(At("b.db"))) > 0);
        File.Copy(LogOf(At("b.db")), LogOf(path), overwrite: true);
        var before = Files();

        var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));

        Assert.Contains($"{LogOf(path)} belongs to another database than {path}", refused.Message);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_database_with_its_own_log_from_an_unclean_close_is_accepted_and_LiteDB_replays_the_log()
    {
        var path = At("emulator.db");
        WithUncopiedLog(path, documents: 7);
        Assert.True(HeaderCopiesIn(LogOf(path)) > 0);
        Assert.Equal(8192, new FileInfo(path).Length);

        using (DatabaseFile.Claim(path))
        using (var db = Open(path))
            Assert.Equal(7, db.GetCollection("things").Count());
    }

    [Fact]
    public void A_database_cut_short_without_a_log_is_refused_untouched()
    {
        var path = At("emulator.db");
        using (var db = Open(path))
            for (var i = 0; i < 50; i++) db.GetCollection("things").Insert(new BsonDocument { ["n"] = i, ["text"] = new string('x', 2000) });
        var whole = File.ReadAllBytes(path);
        foreach (var length in new[] { whole.Length - 100, 2 * 8192, 8192 + 100 })
        {
            File.WriteAllBytes(path, whole[..length]);
            var refused = Assert.Throws<DatabaseFileRefused>(() => DatabaseFile.Claim(path));
            Assert.Contains("truncated", refused.Message);
            Assert.Equal(whole[..length], File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void A_database_with_its_log_and_a_last_page_cut_short_is_accepted_as_LiteDB_crops_it()
    {
        var path = At("emulator.db");
        WithUncopiedLog(path, 3);
        using (var file = new FileStream(path, FileMode.Append)) file.Write(new byte[100]);

        using (DatabaseFile.Claim(path))
        using (var db = Open(path))
            Assert.Equal(3, db.GetCollection("things").Count());
    }

    /// <summary>A database and its log as a kill -9 leaves them: the committed documents are in the log and not yet in
    /// the database file. With checkpoints off, closing keeps the log (and LiteDB 5.0.20 first waits for its writes).</summary>
    static void WithUncopiedLog(string path, int documents)
    {
        using (var db = Open(path))
        {
            db.CheckpointSize = 0;
            var things = db.GetCollection("things");
            for (var n = 0; n < documents; n++) things.Insert(new BsonDocument { ["n"] = n });
        }
        Assert.True(new FileInfo(LogOf(path)).Length > 0);
    }

    /// <summary>Pages of a LiteDB log that are copies of the header page (page id 0, page type 1).</summary>
    static int HeaderCopiesIn(string log)
    {
        var bytes = File.ReadAllBytes(log);
        return Enumerable.Range(0, bytes.Length / 8192).Count(p => BitConverter.ToUInt32(bytes, p * 8192) == 0 && bytes[p * 8192 + 4] == 1);
    }

    /// <summary>The directory's files and a hash of each one's bytes.</summary>
    SortedDictionary<string, string> Files() =>
        new(Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
}
