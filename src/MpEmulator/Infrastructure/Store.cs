using System.Text.Json.Nodes;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace MpEmulator.Infrastructure;

/// <summary>A document that belongs to one seller. Every read goes through <see cref="Owned{T}"/>, so another
/// seller's document is simply not there.</summary>
public interface IOwned
{
    long OwnerId { get; }
}

/// <summary>The one LiteDB database of the process (a file, or memory), its collections and their indexes.</summary>
public sealed class Store : IDisposable
{
    readonly Lock gate = new();
    int depth;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> collections = new();
    readonly Task<LiteDatabase> opening;

    /// <summary>Starts opening the database on a thread of its own (LiteDB's first open costs a good part of start-up), so
    /// the host goes on starting meanwhile; the first use of <see cref="Db"/> waits for it.</summary>
    public Store(IOptions<EmulatorOptions> options)
    {
        var o = options.Value;
        Location = o.InMemory ? ":memory:" : Path.GetFullPath(o.Db);
        if (!o.InMemory) Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        var settings = o.InMemory ? new EngineSettings { DataStream = new MemoryStream() } : new EngineSettings { Filename = Location };
        opening = Task.Factory.StartNew(() => Open(settings), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default); // its own thread: the pool's few threads serve Kestrel
    }

    /// <summary>Every collection the emulator keeps. All exist from the moment the database opens: LiteDB 5 fails a
    /// read of a collection that another thread's open transaction is creating ("page type must be collection page",
    /// LiteDB issue 2002) and, worse, stays broken after it, so no collection may be created once requests run.</summary>
    public static readonly IReadOnlyList<string> CollectionNames =
    [
        "card_tokens", "cards", "customers", "fixtures_loaded", "idempotency", "payment_events", "payments", "rules",
        "sellers", "sequences", "webhook_deliveries", "webhook_state",
    ];

    LiteDatabase Open(EngineSettings settings)
    {
        var db = new LiteDatabase(new SerializedWrites(new LiteEngine(settings), gate), Mapper()) { UtcDate = true };
        foreach (var name in CollectionNames) db.GetCollection(name).EnsureIndex("OwnerId"); // creates the collection
        return db;
    }

    public string Location { get; }

    /// <summary>The database, once open; an error opening it (a file another process holds) is thrown here.</summary>
    public LiteDatabase Db => opening.IsCompletedSuccessfully ? opening.Result : opening.GetAwaiter().GetResult();

    /// <summary>Completes when the database is open (faults if it cannot be).</summary>
    public Task Opened => opening;

    /// <summary>Called by writes that others react to (payment events, for the webhook dispatcher). It runs under the
    /// write lock, so it should only signal.</summary>
    public Action? Notify { get; set; }

    /// <summary>A collection with its owner index and the indexes its searches need, prepared once.</summary>
    public ILiteCollection<T> Collection<T>(string name, params string[] indexes) =>
        (ILiteCollection<T>)collections.GetOrAdd(name, _ =>
        {
            if (!CollectionNames.Contains(name)) throw new InvalidOperationException($"{name} is missing from Store.CollectionNames");
            var collection = Db.GetCollection<T>(name);
            collection.EnsureIndex("OwnerId");
            foreach (var index in indexes) collection.EnsureIndex(index.Replace('.', '_'), "$." + index);
            return collection;
        });

    /// <summary>Runs a change as one transaction, one writer at a time: it all lands or none of it does.
    /// A write inside a write joins the outer transaction.</summary>
    public T Write<T>(Func<T> change)
    {
        var db = Db; // waited for before taking the lock, which the opening thread needs to prepare the collections
        lock (gate)
        {
            if (depth > 0) return change();
            depth++;
            db.BeginTrans();
            try
            {
                var result = change();
                db.Commit();
                return result;
            }
            catch
            {
                db.Rollback();
                throw;
            }
            finally
            {
                depth--;
            }
        }
    }

    /// <summary>Rewrites the documents an older version stored without a computed search key (those the predicate
    /// finds), so that key's index holds them too. Once done, costs one index lookup.</summary>
    public int Rekey<T>(ILiteCollection<T> collection, string predicate) => Write(() =>
    {
        var stale = collection.Find(predicate).ToList();
        foreach (var document in stale) collection.Update(document);
        return stale.Count;
    });

    /// <summary>Runs <paramref name="load"/> unless this database already recorded <paramref name="marker"/> (a start-up
    /// fixture's hash, a --generate size), then records it: a restart on a database file does not load it twice.</summary>
    public void OncePerDatabase(string marker, string what, DateTimeOffset now, Action load)
    {
        var loaded = Db.GetCollection("fixtures_loaded");
        if (loaded.FindById(marker) is not null) return;
        load();
        loaded.Upsert(new BsonDocument { ["_id"] = marker, ["what"] = what, ["at"] = now.UtcDateTime });
    }

    /// <summary>The next number of a named sequence (payment ids, refund ids); call it inside <see cref="Write{T}"/>.</summary>
    public long Next(string sequence, long start) => Reserve(sequence, start, 1);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers and answers the first.</summary>
    public long Reserve(string sequence, long start, int count)
    {
        var sequences = Db.GetCollection("sequences");
        var current = sequences.FindById(sequence)?["value"].AsInt64 ?? start;
        sequences.Upsert(new BsonDocument { ["_id"] = sequence, ["value"] = current + count });
        return current + 1;
    }

    public void Dispose()
    {
        try
        {
            opening.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception) when (opening.IsFaulted)
        {
            // never opened: nothing to close
        }
    }

    static BsonMapper Mapper()
    {
        var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false, SerializeNullValues = false };
        mapper.RegisterType(d => new BsonValue(d.UtcDateTime), b => new DateTimeOffset(b.AsDateTime.ToUniversalTime(), TimeSpan.Zero));
        mapper.RegisterType<JsonObject>(o => o.ToJsonString(), b => JsonNode.Parse(b.AsString)!.AsObject());
        mapper.RegisterType<JsonNode>(n => n.ToJsonString(), b => JsonNode.Parse(b.AsString)!);
        return mapper;
    }
}

public static class KeyCounts
{
    /// <summary>How many documents a query over one index's keys finds, counted on the index alone: selecting only the
    /// indexed expression lets LiteDB read no document.</summary>
    public static int CountKeys<T>(this ILiteQueryable<T> overKeys, string keyExpression) =>
        overKeys.Select(keyExpression).ToEnumerable().Count();
}

/// <summary>A collection seen by one seller: lookups and queries only ever return that seller's documents.</summary>
public readonly struct Owned<T>(ILiteCollection<T> collection, long owner) where T : IOwned
{
    public T? Find(BsonValue id) => collection.FindById(id) is { } doc && doc.OwnerId == owner ? doc : default;

    public ILiteQueryable<T> Query() => collection.Query().Where("$.OwnerId = @0", owner);

    public ILiteCollection<T> Collection => collection;
}

/// <summary>Keys that put the owner first, for indexes that must stay selective per seller.</summary>
public static class OwnerKey
{
    public static string Of(long owner, string value) => $"{owner}|{value}";

    /// <summary>A date as text that sorts in time order.</summary>
    public static string Sortable(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The owner, a value and a date: an index on it finds the value's documents already in date order. The
    /// value is escaped so that it holds no <c>|</c>: the key range of "a" then never spans "a|2020".</summary>
    public static string Dated(long owner, string value, DateTimeOffset date) => $"{owner}|{Escape(value)}|{Sortable(date)}";

    /// <summary>The bounds of every <see cref="Dated"/> key of one owner and value. Digits bound the dates, since
    /// LiteDB compares strings by culture, where symbols may sort below digits.</summary>
    public static (string From, string To) DatedRange(long owner, string value) => ($"{owner}|{Escape(value)}|", $"{owner}|{Escape(value)}|9999");

    static string Escape(string value) => value.Replace("\\", "\\\\").Replace("|", "\\p");
}
