namespace MpEmulator.Journal;

public static class JournalEndpoints
{
    /// <summary><c>GET /__admin/requests?path=&amp;method=&amp;status=&amp;seller=&amp;limit=</c>, newest first.</summary>
    public static RouteGroupBuilder MapJournal(this RouteGroupBuilder admin)
    {
        admin.MapGet("/requests", (RequestJournal journal, string? path, string? method, int? status, long? seller, int? limit) =>
            TypedResults.Ok(journal.Find(path, method, status, seller, Math.Clamp(limit ?? 100, 1, 1000))));
        admin.MapDelete("/requests", (RequestJournal journal) => { journal.Clear(); return TypedResults.NoContent(); });
        return admin;
    }
}
