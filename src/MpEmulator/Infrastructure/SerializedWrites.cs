using LiteDB;
using LiteDB.Engine;

namespace MpEmulator.Infrastructure;

/// <summary>The LiteDB engine with every write under the store's lock, whoever makes it: a transaction of
/// <see cref="Store.Write{T}"/> (which holds the lock throughout) or a single call outside one. LiteDB 5 corrupts its
/// free-page list when writes to different collections run at once (LiteDB issue 2503: "empty page must be defined as
/// empty type") and stays broken after it. Reads are left to run in parallel.</summary>
sealed class SerializedWrites(ILiteEngine engine, Lock gate) : ILiteEngine
{
    T Locked<T>(Func<T> write)
    {
        lock (gate) return write();
    }

    public IBsonDataReader Query(string collection, Query query) => engine.Query(collection, query);
    public BsonValue Pragma(string name) => engine.Pragma(name);

    public int Checkpoint() => Locked(engine.Checkpoint);
    public long Rebuild(RebuildOptions options) => Locked(() => engine.Rebuild(options));
    public bool BeginTrans() => Locked(engine.BeginTrans);
    public bool Commit() => Locked(engine.Commit);
    public bool Rollback() => Locked(engine.Rollback);
    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Locked(() => engine.Insert(collection, docs, autoId));
    public int Update(string collection, IEnumerable<BsonDocument> docs) => Locked(() => engine.Update(collection, docs));
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) =>
        Locked(() => engine.UpdateMany(collection, transform, predicate));
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Locked(() => engine.Upsert(collection, docs, autoId));
    public int Delete(string collection, IEnumerable<BsonValue> ids) => Locked(() => engine.Delete(collection, ids));
    public int DeleteMany(string collection, BsonExpression predicate) => Locked(() => engine.DeleteMany(collection, predicate));
    public bool DropCollection(string name) => Locked(() => engine.DropCollection(name));
    public bool RenameCollection(string name, string newName) => Locked(() => engine.RenameCollection(name, newName));
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) =>
        Locked(() => engine.EnsureIndex(collection, name, expression, unique));
    public bool DropIndex(string collection, string name) => Locked(() => engine.DropIndex(collection, name));
    public bool Pragma(string name, BsonValue value) => Locked(() => engine.Pragma(name, value));

    public void Dispose() => engine.Dispose();
}
