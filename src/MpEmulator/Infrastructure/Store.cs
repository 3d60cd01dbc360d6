using System.Collections.Concurrent;
using LiteDB;
using Microsoft.Extensions.Options;

namespace MpEmulator.Infrastructure;

/// <summary>The emulator's data: every table's live state in memory, changed one writer at a time, each change
/// handed to the <see cref="StorageOwner"/> (the one thread that talks to LiteDB) and acknowledged once committed.</summary>
public sealed class Store : IDisposable
{
    readonly Lock gate = new();
    readonly ConcurrentDictionary<string, Lazy<ITable>> tables = new();
    readonly ConcurrentDictionary<Type, Lazy<object>> parts = new();
    readonly StorageOwner owner;
    Transaction? current;

    public Store(IOptions<EmulatorOptions> options, ILogger<Store> log)
    {
        var o = options.Value;
        Location = o.InMemory ? ":memory:" : Path.GetFullPath(o.Db);
        owner = new StorageOwner(o.InMemory ? null : Location, log);
    }

    public string Location { get; }

    /// <summary>Completes when the database file is claimed and open; faults with the reason it cannot be.</summary>
    public Task Opened => owner.Opened;

    /// <summary>Why writes are refused right now (a full disk), or null while storage is healthy.</summary>
    public string? Failure => owner.Failure;

    /// <summary>Called after a write that others react to (payment events, for the webhook dispatcher and the
    /// scheduler). It runs under the write lock, so it should only signal.</summary>
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>Counts full resets, so background work holding positions in the data knows to start over.</summary>
    public long Generation { get; private set; }

    /// <summary>Empties every table (inside a write).</summary>
    public void ClearAll()
    {
        foreach (var table in Tables) table.Clear();
        Generation++;
    }

    /// <summary>One seller's view of the data, for the admin plane acting on that seller's behalf.</summary>
    public SellerData For(Seller seller) => new(this, seller);

    /// <summary>The table of that name, loaded from the database on first use (the warm-up asks for every table).</summary>
    public Table<TKey, T> Table<TKey, T>(string name, Func<T, TKey> keyOf, params TableIndex<TKey, T>[] indexes)
        where TKey : notnull where T : class =>
        (Table<TKey, T>)tables.GetOrAdd(name, _ => new Lazy<ITable>(() =>
        {
            var table = new Table<TKey, T>(this, name, keyOf, indexes);
            owner.Load(table);
            return table;
        })).Value;

    /// <summary>A slice's tables and indexes, made once per store: <c>store.Part(s => new PaymentTables(s))</c>.</summary>
    public T Part<T>(Func<Store, T> create) where T : class =>
        (T)parts.GetOrAdd(typeof(T), _ => new Lazy<object>(() => create(this))).Value;

    public IEnumerable<ITable> Tables => tables.Values.Where(t => t.IsValueCreated).Select(t => t.Value);

    /// <summary>Runs a change on the live state, one writer at a time, and returns once it is committed: on a file, an
    /// acknowledged write survives kill -9. If the change throws, everything it did is undone and nothing is written.
    /// A write inside a write joins the outer one.</summary>
    public async Task<T> WriteAsync<T>(Func<T> change)
    {
        var (result, committed, changes) = Apply(change);
        if (!committed.IsCompleted) owner.Prepare(changes);
        await committed;
        return result;
    }

    /// <summary>The same as <see cref="WriteAsync{T}"/>, for background work and start-up, which may block.</summary>
    public T Write<T>(Func<T> change)
    {
        var (result, committed, changes) = Apply(change);
        if (!committed.IsCompleted) owner.Prepare(changes);
        committed.GetAwaiter().GetResult();
        return result;
    }

    (T, Task, List<Change>) Apply<T>(Func<T> change)
    {
        lock (gate)
        {
            if (current is not null) return (change(), Task.CompletedTask, []);
            if (owner.Failure is { } failure) throw StorageErrors.Unavailable(failure).Exception();
            var transaction = current = new Transaction();
            try
            {
                var result = change();
                return (result, transaction.Changes.Count == 0 ? Task.CompletedTask : owner.Commit(transaction.Changes), transaction.Changes);
            }
            catch
            {
                for (var i = transaction.Undo.Count - 1; i >= 0; i--) transaction.Undo[i]();
                throw;
            }
            finally
            {
                current = null;
            }
        }
    }

    internal void Track(ITable table, object key, object? document, bool inserted, Action undo)
    {
        var transaction = current is not null && gate.IsHeldByCurrentThread ? current
            : throw new InvalidOperationException($"{table.Name} changed outside Store.Write");
        transaction.Changes.Add(new Change(table, key, document, inserted));
        transaction.Undo.Add(undo);
    }

    internal void TrackClear(ITable table, Action undo)
    {
        var transaction = current is not null && gate.IsHeldByCurrentThread ? current
            : throw new InvalidOperationException($"{table.Name} cleared outside Store.Write");
        transaction.Changes.Add(new Change(table, null, null, false));
        transaction.Undo.Add(undo);
    }

    Table<string, BsonDocument> Sequences => Table<string, BsonDocument>("sequences", d => d["_id"].AsString);

    Table<string, BsonDocument> Loaded => Table<string, BsonDocument>("fixtures_loaded", d => d["_id"].AsString);

    /// <summary>Named values of the emulator's own (the webhook cursor): read anywhere, set inside a write.</summary>
    public Table<string, BsonDocument> Settings => Table<string, BsonDocument>("webhook_state", d => d["_id"].AsString);

    /// <summary>32 random bytes kept in this database under <paramref name="name"/>, made on first use (a full reset
    /// makes a new one).</summary>
    public byte[] Secret(string name) =>
        Settings.FindById("secret:" + name)?["value"].AsBinary ?? Write(() =>
        {
            if (Settings.FindById("secret:" + name)?["value"].AsBinary is { } made) return made;
            var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            Settings.Upsert(new BsonDocument { ["_id"] = "secret:" + name, ["value"] = secret });
            return secret;
        });

    public void LoadOwnTables() => _ = (Sequences, Loaded, Settings);

    /// <summary>The next number of a named sequence (payment ids, refund ids); call it inside a write.</summary>
    public long Next(string sequence, long start) => Reserve(sequence, start, 1);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers and answers the first.</summary>
    public long Reserve(string sequence, long start, int count)
    {
        var value = Sequences.FindById(sequence)?["value"].AsInt64 ?? start;
        Sequences.Upsert(new BsonDocument { ["_id"] = sequence, ["value"] = value + count });
        return value + 1;
    }

    /// <summary>Marks <paramref name="used"/> as taken (inside a write), so the sequence never hands it out again.</summary>
    public void Taken(string sequence, long start, long used)
    {
        if (used > (Sequences.FindById(sequence)?["value"].AsInt64 ?? start))
            Sequences.Upsert(new BsonDocument { ["_id"] = sequence, ["value"] = used });
    }

    /// <summary>Runs <paramref name="load"/> unless this database already recorded <paramref name="marker"/> (a start-up
    /// fixture's hash, a --generate size), then records it: a restart on a database file does not load it twice.</summary>
    public void OncePerDatabase(string marker, string what, DateTimeOffset now, Action load)
    {
        if (Loaded.FindById(marker) is not null) return;
        load();
        Write(() =>
        {
            Loaded.Upsert(new BsonDocument { ["_id"] = marker, ["what"] = what, ["at"] = now.UtcDateTime });
            return 0;
        });
    }

    /// <summary>Every document as the database stores it, as text.</summary>
    internal IEnumerable<string> Stored() =>
        Tables.SelectMany(t => t.Documents.Select(d => t.ToBson(d, owner.Mapper)))
            .Select(b => b.TryGetValue("json", out var json) ? System.Text.Encoding.UTF8.GetString(json.AsBinary) : LiteDB.JsonSerializer.Serialize(b));

    public void Dispose() => owner.Dispose();

    sealed class Transaction
    {
        public readonly List<Change> Changes = [];
        public readonly List<Action> Undo = [];
    }
}

/// <summary>One change for the storage owner: a document stored, a key deleted (no document), or, with no key, the
/// whole table emptied.</summary>
public sealed class Change(ITable table, object? key, object? document, bool inserted)
{
    BsonDocument? stored;

    public ITable Table => table;
    public object? Key => key;
    public object? Document => document;
    /// <summary>The document is new: the database can insert it without looking for it first.</summary>
    public bool Inserted { get; private set; } = inserted;

    /// <summary>Another change of the same document preceded this one in the commit, and was dropped for it.</summary>
    public Change Following(Change earlier)
    {
        Inserted &= earlier.Inserted;
        return this;
    }

    /// <summary>The document in the database's form, made by whichever thread gets to it first: the writer's, once it
    /// has left the write lock, or the storage owner's.</summary>
    public BsonDocument? Stored(BsonMapper mapper) => document is null ? null : stored ??= table.ToBson(document, mapper);
}

public static class StorageErrors
{
    /// <summary>LiteDB refuses index keys over 1,023 bytes; every document is found by its id.</summary>
    public const int MaxKeyBytes = 1000;

    public static MpError KeyTooLong(string table) =>
        new(400, "bad_request", $"The id of a {table} document must be at most {MaxKeyBytes} bytes", null, null);

    /// <summary>507 Insufficient Storage: the disk refused a write. Reads go on; writes resume once it accepts them again.</summary>
    public static MpError Unavailable(string reason) =>
        new(507, "insufficient_storage", $"Storage cannot take writes now ({reason}); reads still work and writes resume by themselves", null, null);
}
