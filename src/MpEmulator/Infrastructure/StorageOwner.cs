using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LiteDB;
using LiteDB.Engine;

namespace MpEmulator.Infrastructure;

/// <summary>The one thread that talks to LiteDB. It opens the database, loads tables into memory when first asked, and
/// commits the changes handed to it in groups: one transaction for whatever is queued (bounded), then every write of the
/// group is acknowledged. LiteDB 5 is not safe for concurrent use (its issues 2002 and 2503 were met here), and shared
/// commits are what make writes fast. A disk that refuses a write (full) turns storage to failed: the changes already
/// applied in memory are kept and retried every second until the disk takes them, and new writes are refused meanwhile.</summary>
public sealed class StorageOwner : IDisposable
{
    const int MaxGroup = 512;
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    readonly BlockingCollection<Job> jobs = new();
    readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly string? path;
    readonly ILogger log;
    readonly Thread thread;
    readonly BsonMapper mapper = NewMapper();

    internal BsonMapper Mapper => mapper;
    readonly List<CommitJob> unwritten = [];
    LiteDatabase? db;
    FileStream? dataFile, logFile;
    IDisposable? claim;
    volatile string? failure;

    /// <summary>With no path (<c>--in-memory</c>) the live state is all there is: nothing is written anywhere.</summary>
    public StorageOwner(string? path, ILogger log)
    {
        this.path = path;
        this.log = log;
        thread = new Thread(Run) { IsBackground = true, Name = "storage" };
        if (path is null)
        {
            opened.TrySetResult();
            jobs.CompleteAdding();
        }
        else thread.Start();
    }

    public Task Opened => opened.Task;

    public string? Failure => failure;

    /// <summary>Loads a table's documents into it; returns once done.</summary>
    public void Load(ITable table)
    {
        if (path is null) return;
        var job = new LoadJob(table);
        if (!jobs.IsAddingCompleted) jobs.Add(job);
        else job.Done.TrySetException(new ObjectDisposedException("storage"));
        job.Done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Puts changes in the database's form ahead of the owner, from the thread that made them.</summary>
    public void Prepare(List<Change> changes)
    {
        foreach (var change in changes) change.Stored(mapper);
    }

    /// <summary>Queues changes; the task completes once they are committed.</summary>
    public Task Commit(List<Change> changes)
    {
        if (path is null) return Task.CompletedTask;
        var job = new CommitJob(changes);
        try { jobs.Add(job); }
        catch (InvalidOperationException) { return Task.FromException(new ObjectDisposedException("storage")); }
        return job.Done.Task;
    }

    void Run()
    {
        try
        {
            Open();
            opened.TrySetResult();
        }
        catch (Exception e)
        {
            opened.TrySetException(e);
            foreach (var job in jobs.GetConsumingEnumerable()) job.Done.TrySetException(e);
            return;
        }
        var group = new List<CommitJob>();
        Job? carried = null;
        while (true)
        {
            if (carried is null && !jobs.TryTake(out carried, failure is null ? Timeout.InfiniteTimeSpan : RetryEvery))
            {
                Retry();
                if (jobs.IsCompleted) return;
                continue;
            }
            if (carried is LoadJob load)
            {
                carried = null;
                Run(load, () => load.Table.Load(db!.GetCollection(load.Table.Name).FindAll(), mapper));
                continue;
            }
            group.Add((CommitJob)carried!);
            carried = null;
            while (group.Count < MaxGroup && jobs.TryTake(out var next))
            {
                if (next is CommitJob more) group.Add(more);
                else
                {
                    carried = next;
                    break;
                }
            }
            Write(group);
            group.Clear();
        }
    }

    static void Run(Job job, Action action)
    {
        try
        {
            action();
            job.Done.TrySetResult();
        }
        catch (Exception e)
        {
            job.Done.TrySetException(e);
        }
    }

    void Open()
    {
        if (path is not null) claim = DatabaseFile.Claim(path);
        db = OpenDatabase();
        // Searches run on the live state in memory; LiteDB only finds documents by _id (earlier versions indexed more).
        foreach (var index in db.GetCollection("$indexes").FindAll().ToList())
            if (index["name"].AsString != "_id") db.GetCollection(index["collection"].AsString).DropIndex(index["name"].AsString);
    }

    /// <summary>LiteDB on files this owner opens and closes itself: after a failed write (a full disk) LiteDB's engine is
    /// unusable and may fail to close its own files, so the files are closed here and the database opened afresh,
    /// which replays its log. Unbuffered: every page LiteDB writes goes straight to the operating system.</summary>
    LiteDatabase OpenDatabase()
    {
        ArgumentNullException.ThrowIfNull(path);
        dataFile = OpenFile(path);
        logFile = OpenFile(DatabaseFile.LogOf(path));
        return new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = dataFile, LogStream = logFile }), mapper) { UtcDate = true };
    }

    static FileStream OpenFile(string file) =>
        new(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, FileOptions.RandomAccess);

    void CloseDatabase()
    {
        try { db?.Dispose(); }
        catch (Exception e) { log.LogDebug(e, "Closing the database"); }
        foreach (var file in new[] { dataFile, logFile })
            try { file?.Dispose(); }
            catch (IOException e) { log.LogDebug(e, "Closing {File}", file!.Name); }
        if (path is not null && new FileInfo(DatabaseFile.LogOf(path)) is { Exists: true, Length: 0 } empty) empty.Delete();
        db = null;
    }

    /// <summary>Commits a group as one transaction; when that fails, each of its writes alone, so one bad write (or a
    /// full disk) fails only the writes it holds back.</summary>
    void Write(List<CommitJob> group)
    {
        if (failure is not null)
        {
            Hold(group, failure);
            return;
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Transaction(group.SelectMany(c => c.Changes));
            Metrics.EmulatorMetrics.Committed(group.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            foreach (var commit in group) commit.Done.TrySetResult();
        }
        catch (Exception e) when (IsDiskFault(e))
        {
            failure = e.Message;
            log.LogError(e, "The disk refused a write to {Path}; writes are refused until it takes them again", path);
            Hold(group, failure);
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var commit in group) Write([commit]);
        }
        catch (Exception e)
        {
            log.LogError(e, "A write could not be stored");
            group[0].Done.TrySetException(e);
        }
    }

    /// <summary>Keeps writes the disk refused: they are in memory already and are written once the disk takes them.</summary>
    void Hold(List<CommitJob> group, string reason)
    {
        unwritten.AddRange(group);
        foreach (var commit in group) commit.Done.TrySetException(StorageErrors.Unavailable(reason).Exception());
    }

    /// <summary>Writes the held changes again, in one transaction on the database opened afresh.</summary>
    void Retry()
    {
        if (unwritten.Count == 0) return;
        try
        {
            CloseDatabase();
            db = OpenDatabase();
            Transaction(unwritten.SelectMany(c => c.Changes));
            log.LogInformation("The disk takes writes again: {Count} held writes stored", unwritten.Count);
            unwritten.Clear();
            failure = null;
        }
        catch (Exception e)
        {
            failure = e.Message;
            log.LogDebug(e, "The disk still refuses writes");
        }
    }

    void Transaction(IEnumerable<Change> changes)
    {
        db!.BeginTrans();
        try
        {
            foreach (var change in Latest(changes))
            {
                var collection = db.GetCollection(change.Table.Name);
                if (change.Key is null) collection.DeleteAll();
                else if (change.Stored(mapper) is not { } document) collection.Delete(change.Table.KeyToBson(change.Key, mapper));
                else if (change.Inserted) collection.Insert(document);
                else collection.Upsert(document);
            }
            db.Commit();
        }
        catch (Exception failed)
        {
            try { db.Rollback(); }
            catch (Exception e)
            {
                log.LogDebug(e, "Rollback after a failed commit");
                throw new IOException($"the database could not undo a failed write ({failed.Message})", failed);
            }
            throw;
        }
    }

    /// <summary>The changes with only the last version of each document (a sequence moves once per payment, a group
    /// stores it once), and nothing of a table before it was emptied.</summary>
    static IEnumerable<Change> Latest(IEnumerable<Change> changes)
    {
        var latest = new List<Change>();
        var at = new Dictionary<(string, object), int>();
        foreach (var change in changes)
        {
            if (change.Key is null)
            {
                latest.RemoveAll(c => c.Table == change.Table);
                at = latest.Select((c, i) => (c, i)).ToDictionary(x => (x.c.Table.Name, x.c.Key!), x => x.i);
            }
            else if (at.TryGetValue((change.Table.Name, change.Key), out var i))
            {
                latest[i] = change.Following(latest[i]);
                continue;
            }
            else at[(change.Table.Name, change.Key)] = latest.Count;
            latest.Add(change);
        }
        return latest;
    }

    static bool IsDiskFault(Exception e) => e is IOException or UnauthorizedAccessException || e.InnerException is { } inner && IsDiskFault(inner);

    public void Dispose()
    {
        jobs.CompleteAdding();
        if (thread.IsAlive) thread.Join();
        CloseDatabase();
        claim?.Dispose();
    }

    static BsonMapper NewMapper()
    {
        var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false, SerializeNullValues = false };
        mapper.RegisterType(d => new BsonValue(d.UtcDateTime), b => new DateTimeOffset(b.AsDateTime.ToUniversalTime(), TimeSpan.Zero));
        mapper.RegisterType<JsonObject>(o => o.ToJsonString(), b => JsonNode.Parse(b.AsString)!.AsObject());
        mapper.RegisterType<JsonNode>(n => n.ToJsonString(), b => JsonNode.Parse(b.AsString)!);
        return mapper;
    }

    abstract record Job
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    sealed record LoadJob(ITable Table) : Job;

    sealed record CommitJob(List<Change> Changes) : Job;
}
