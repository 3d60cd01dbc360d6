using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MpEmulator.Infrastructure;

/// <summary>Kestrel answers a request line or headers over its limits itself, with an empty body. Its limits are set
/// well above the usual ones and the usual ones are enforced here, so such a request gets the envelope; only one past
/// Kestrel's own limits (or one Kestrel cannot parse) still gets Kestrel's empty answer.</summary>
public static class RequestLimits
{
    public const int RequestLine = 8 * 1024;
    public const int Headers = 32 * 1024;
    public const int HeaderCount = 100;

    public static void Widen(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 8 * RequestLine;
        limits.MaxRequestHeadersTotalSize = 4 * Headers;
        limits.MaxRequestHeaderCount = 2 * HeaderCount;
    }

    /// <summary>The limit this request is over, if any; the sizes are counted as on the wire.</summary>
    public static MpError? Exceeded(HttpContext http)
    {
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        if (request.Method.Length + target.Length + request.Protocol.Length + 4 > RequestLine) return MpErrors.UriTooLong;
        if (request.Headers.Count > HeaderCount) return MpErrors.HeadersTooLarge;
        var size = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values) size += name.Length + (value?.Length ?? 0) + 4;
        return size > Headers ? MpErrors.HeadersTooLarge : null;
    }
}
