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
        var hasBody = http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody) http.Request.EnableBuffering();
        var original = http.Response.Body;
        using var copy = new TeeStream(original, RequestJournal.MaxBody);
        http.Response.Body = copy;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            var requestBody = hasBody ? await ReadRequest(http.Request) : "";
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            journal.Add(id => new JournalEntry(id, clock.GetUtcNow(), http.Request.Method, http.Request.Path, http.Request.QueryString.Value ?? "",
                http.Response.StatusCode, http.Features.Get<Seller>()?.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                RequestJournal.Redact(requestBody), RequestJournal.Redact(copy.Captured),
                http.Request.Headers["X-Idempotency-Key"].FirstOrDefault(), http.Items["journal.note"] as string));
        }
    });

    /// <summary>CORS preflights are answered by the CORS middleware, inside this one: they are not API requests.</summary>
    static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>Leaves a note on this request's journal entry (e.g. an idempotent replay with a different body).</summary>
    public static void Note(HttpContext http, string note) => http.Items["journal.note"] = note;

    static async Task<string?> ReadRequest(HttpRequest request)
    {
        if (!request.Body.CanSeek) return null;
        request.Body.Position = 0;
        var buffer = new char[RequestJournal.MaxBody];
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var read = await reader.ReadBlockAsync(buffer);
        return new string(buffer, 0, read);
    }

    /// <summary>Passes the response through untouched, keeping a copy of its first bytes.</summary>
    sealed class TeeStream(Stream inner, int keep) : Stream
    {
        readonly MemoryStream kept = new();

        public string Captured => System.Text.Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);

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

        void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = keep - (int)kept.Length;
            if (room > 0) kept.Write(bytes[..Math.Min(room, bytes.Length)]);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
