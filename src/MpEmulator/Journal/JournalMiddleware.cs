using System.Diagnostics;
using MpEmulator.Infrastructure;

namespace MpEmulator.Journal;

public static class JournalMiddleware
{
    /// <summary>Records every <c>/v1</c> request with both bodies (bounded, redacted) for <c>GET /__admin/requests</c>.</summary>
    public static IApplicationBuilder UseJournal(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var journal = http.RequestServices.GetRequiredService<RequestJournal>();
        if (!journal.Enabled || !http.Request.Path.StartsWithSegments("/v1") || IsPreflight(http.Request))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var request = new TeeStream(http.Request.Body, RequestJournal.MaxBody);
        http.Request.Body = request;
        var original = http.Response.Body;
        var response = new TeeStream(original, RequestJournal.MaxBody);
        http.Response.Body = response;
        try
        {
            await next(http);
        }
        finally
        {
            http.Request.Body = request.Inner;
            http.Response.Body = original;
            journal.Add(new JournalRecord(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), http.Request.Method,
                http.Request.Path, http.Request.QueryString.Value ?? "", http.Response.StatusCode, http.Features.Get<Seller>()?.Id,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, request.Kept, response.Kept,
                http.Request.Headers["X-Idempotency-Key"].FirstOrDefault(), http.Items["journal.note"] as string));
        }
    });

    /// <summary>CORS preflights are answered by the CORS middleware, inside this one: they are not API requests.</summary>
    static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>Leaves a note on this request's journal entry (e.g. an idempotent replay with a different body).</summary>
    public static void Note(HttpContext http, string note) => http.Items["journal.note"] = note;

    /// <summary>Passes a body through untouched, in either direction, keeping a copy of its first bytes as they go:
    /// nothing is read again or decoded on the request's path.</summary>
    sealed class TeeStream(Stream inner, int keep) : Stream
    {
        byte[]? kept;
        int length;

        public Stream Inner => inner;

        public ReadOnlyMemory<byte> Kept => kept is null ? ReadOnlyMemory<byte>.Empty : kept.AsMemory(0, length);

        void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = keep - length;
            if (room <= 0 || bytes.IsEmpty) return;
            var take = Math.Min(room, bytes.Length);
            if (kept is null || kept.Length < length + take) Array.Resize(ref kept, Math.Min(keep, Math.Max(length + take, 2 * (kept?.Length ?? 512))));
            bytes[..take].CopyTo(kept.AsSpan(length));
            length += take;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Keep(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Keep(buffer.AsSpan(offset, read));
            return read;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
