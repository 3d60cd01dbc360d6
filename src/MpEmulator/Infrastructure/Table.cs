using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LiteDB;

namespace MpEmulator.Infrastructure;

/// <summary>A document that belongs to one seller. Every seller-facing read goes through <see cref="Owned{TKey,T}"/>,
/// so another seller's document is simply not there.</summary>
public interface IOwned
{
    long OwnerId { get; }
}

/// <summary>What the storage owner needs of a table, whatever its types.</summary>
public interface ITable
{
    string Name { get; }
    int Count { get; }
    IEnumerable<object> Documents { get; }
    void Load(IEnumerable<BsonDocument> documents, BsonMapper mapper);
    BsonDocument ToBson(object document, BsonMapper mapper);
    BsonValue KeyToBson(object key, BsonMapper mapper);
    /// <summary>Forgets every document (inside a write); the owner deletes them all in the same commit.</summary>
    void Clear();
    /// <summary>Deletes every document of one owner (inside a write); answers how many.</summary>
    int RemoveOwner(long owner);
}

/// <summary>One collection's live state: every document in memory, by key, with the indexes its searches need. Reads
/// never wait; changes happen only inside <see cref="Store.Write{T}"/>, which records them for the storage owner to
/// commit and undoes them if the change throws. Documents are immutable once stored: a change stores a new version.</summary>
public sealed class Table<TKey, T>(Store store, string name, Func<T, TKey> keyOf, params TableIndex<TKey, T>[] indexes) : ITable
    where TKey : notnull where T : class
{
    readonly ConcurrentDictionary<TKey, T> rows = new();
    readonly ConditionalWeakTable<T, byte[]> json = new();

    public string Name => name;
    public int Count => rows.Count;
    public IReadOnlyList<TableIndex<TKey, T>> Indexes => indexes;

    public T? FindById(TKey id) => rows.GetValueOrDefault(id);

    public TKey KeyOf(T document) => keyOf(document);

    public IEnumerable<T> FindAll() => rows.Values;

    IEnumerable<object> ITable.Documents => rows.Values;

    /// <summary>The document's JSON, serialized once per version: a GET of an unchanged document costs a lookup.</summary>
    public byte[] Json(T document, Func<T, byte[]> serialize) => json.GetValue(document, d => serialize(d));

    public void Insert(T document) => Upsert(document);

    public void Update(T document) => Upsert(document);

    public void Upsert(T document)
    {
        var id = keyOf(document);
        Put(id, rows.GetValueOrDefault(id), document);
    }

    public bool Delete(TKey id)
    {
        if (rows.GetValueOrDefault(id) is not { } old) return false;
        Put(id, old, null);
        return true;
    }

    public int DeleteMany(Func<T, bool> predicate)
    {
        var doomed = rows.Values.Where(predicate).ToList();
        foreach (var d in doomed) Delete(keyOf(d));
        return doomed.Count;
    }

    void Put(TKey id, T? old, T? now)
    {
        if (id is string key && System.Text.Encoding.UTF8.GetByteCount(key) > StorageErrors.MaxKeyBytes)
            throw StorageErrors.KeyTooLong(name).Exception(); // the database could not store it: refused before memory holds it
        store.Track(this, id, now, old is null, () => Apply(id, now, old));
        Apply(id, old, now);
    }

    void Apply(TKey id, T? old, T? now)
    {
        if (now is null) rows.TryRemove(id, out _);
        else rows[id] = now;
        foreach (var index in indexes) index.Replace(keyOf, old, now);
    }

    public void Clear()
    {
        var before = rows.ToArray();
        store.TrackClear(this, () =>
        {
            foreach (var (id, doc) in before) Apply(id, null, doc);
        });
        foreach (var (id, doc) in before) Apply(id, doc, null);
    }

    public int RemoveOwner(long owner) => DeleteMany(d => d is IOwned o && o.OwnerId == owner);

    /// <summary>Documents stored as JSON (<see cref="StorageJson"/>), or by LiteDB's mapper as earlier versions did.</summary>
    void ITable.Load(IEnumerable<BsonDocument> documents, BsonMapper mapper)
    {
        foreach (var bson in documents)
        {
            var doc = FromBson(bson, mapper);
            Apply(keyOf(doc), rows.GetValueOrDefault(keyOf(doc)), doc);
        }
    }

    static T FromBson(BsonDocument bson, BsonMapper mapper)
    {
        if (typeof(T) == typeof(BsonDocument)) return (T)(object)bson;
        if (bson.TryGetValue(JsonField, out var json)) return System.Text.Json.JsonSerializer.Deserialize<T>(json.AsBinary, StorageJson.Options)!;
        return mapper.ToObject<T>(bson);
    }

    const string JsonField = "json";

    BsonDocument ITable.ToBson(object document, BsonMapper mapper) =>
        document as BsonDocument ?? new BsonDocument
        {
            ["_id"] = mapper.Serialize(typeof(TKey), keyOf((T)document)),
            [JsonField] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes((T)document, StorageJson.Options),
        };

    BsonValue ITable.KeyToBson(object key, BsonMapper mapper) => mapper.Serialize(typeof(TKey), key);
}

/// <summary>A table seen by one seller: lookups only ever return that seller's documents, and changes only ever touch
/// them (inside a write).</summary>
public readonly struct Owned<TKey, T>(Table<TKey, T> table, long owner) where TKey : notnull where T : class, IOwned
{
    public T? Find(TKey id) => table.FindById(id) is { } doc && doc.OwnerId == owner ? doc : null;

    public bool Exists(TKey id) => table.FindById(id) is not null;

    public void Save(T document)
    {
        if (document.OwnerId != owner) throw new InvalidOperationException($"a document of seller {document.OwnerId} saved as seller {owner}'s");
        if (table.FindById(table.KeyOf(document)) is { } stored && stored.OwnerId != owner) throw new InvalidOperationException("another seller's document");
        table.Upsert(document);
    }

    public bool Delete(TKey id) => Find(id) is not null && table.Delete(id);
}
