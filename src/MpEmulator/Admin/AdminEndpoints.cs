using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.Extensions.Options;
using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Admin;

/// <summary>The developer control plane under <c>/__admin</c>: clock, reset, state, outside events on payments.
/// Never under <c>/v1</c>, no seller token; an <c>AdminKey</c> setting makes it require <c>X-Admin-Key</c>.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/__admin").WithTags("Admin").AddEndpointFilter(RequireAdminKey);
        g.MapGet("/clock", Clock);
        g.MapPost("/clock/advance", Advance);
        g.MapPost("/clock/set", Set);
        g.MapPost("/reset", Reset);
        g.MapGet("/state", State);
        g.MapPost("/payments/{id:long}/actions", PaymentAction);
        return g;
    }

    public static readonly MpError WrongAdminKey = new(401, "unauthorized", "X-Admin-Key header missing or wrong", null, null);

    public sealed record ClockView(DateTimeOffset Now, string Offset);

    internal static ValueTask<object?> RequireAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.AdminKey;
        return string.IsNullOrEmpty(key) || context.HttpContext.Request.Headers["X-Admin-Key"] == key
            ? next(context)
            : ValueTask.FromResult<object?>(new MpErrorResult(WrongAdminKey));
    }

    static Ok<ClockView> Clock(EmulatorClock clock) => TypedResults.Ok(View(clock));

    /// <summary>Moves time forward by an ISO-8601 duration (<c>{"duration":"P7DT1H"}</c>); every time rule follows.</summary>
    static async Task<Ok<ClockView>> Advance(HttpRequest request, EmulatorClock clock, Store store)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        var text = body.String("duration", Invalid("duration must be an ISO-8601 duration such as P7DT1H")) ?? throw Invalid("duration is required").Exception();
        TimeSpan duration;
        try { duration = XmlConvert.ToTimeSpan(text); }
        catch (Exception e) when (e is FormatException or OverflowException) { throw Invalid("duration must be an ISO-8601 duration such as P7DT1H").Exception(); }
        if (duration < TimeSpan.Zero) throw Invalid("the clock only moves forward").Exception();
        if (duration >= EmulatorClock.Latest - clock.GetUtcNow()) throw OutOfRange.Exception();
        clock.Advance(duration);
        await store.CatchUp(clock.GetUtcNow());
        return TypedResults.Ok(View(clock));
    }

    static async Task<Ok<ClockView>> Set(HttpRequest request, EmulatorClock clock, Store store)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        var text = body.String("now", Invalid("now must be an ISO-8601 date")) ?? throw Invalid("now is required").Exception();
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var now)
            || !text.Contains('T')) throw Invalid("now must be an ISO-8601 date").Exception();
        if (!EmulatorClock.InRange(now)) throw OutOfRange.Exception();
        clock.Set(now);
        await store.CatchUp(clock.GetUtcNow());
        return TypedResults.Ok(View(clock));
    }

    /// <summary>Forgets everything, the clock's offset too (then loads the start-up fixtures again), or one seller's data
    /// when <c>{"seller": "&lt;access token or user id&gt;"}</c> is given.</summary>
    static async Task<Ok<JsonObject>> Reset(HttpRequest request, Store store, SellerDirectory sellers, Fixtures.FixtureLoader fixtures,
        Scenarios.ScenarioBook scenarios, Journal.RequestJournal journal, Dashboard.SeenTokens seen, EmulatorClock clock)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        if (body.String("seller", Invalid("seller must be a token or a user id"), acceptNumber: true) is { } seller)
        {
            var id = long.TryParse(seller, out var n) ? n : SellerDirectory.UserIdOf(seller);
            var removed = await store.WriteAsync(() => store.Tables.Sum(t => t.RemoveOwner(id)));
            return TypedResults.Ok(new JsonObject { ["reset"] = "seller", ["seller_id"] = id, ["documents_removed"] = removed });
        }
        await store.WriteAsync(() =>
        {
            store.ClearAll();
            return 0;
        });
        sellers.Forget();
        seen.Clear();
        scenarios.Clear();
        journal.Clear();
        clock.Reset();
        await fixtures.LoadStartupAsync();
        return TypedResults.Ok(new JsonObject { ["reset"] = "all" });
    }

    static Ok<JsonObject> State(Store store, IServiceProvider services, EmulatorClock clock, IOptions<EmulatorOptions> options)
    {
        Warmup.LoadTables(services);
        var counts = new JsonObject();
        foreach (var table in store.Tables.OrderBy(t => t.Name, StringComparer.Ordinal)) counts[table.Name] = table.Count;
        return TypedResults.Ok(new JsonObject
        {
            ["now"] = MpJson.Format(clock.GetUtcNow(), options.Value.Offset), ["storage"] = store.Location, ["collections"] = counts,
        });
    }

    /// <summary><c>{"action": "approve"|"reject"|"expire"|"mediate"|"charge_back"|"settle_mediation", "status_detail"?}</c>.</summary>
    static async Task<Ok<Payment>> PaymentAction(long id, HttpRequest request, Store store, SellerDirectory sellers, Catalogs catalogs,
        TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        var action = body.String("action", Invalid("action must be a string")) ?? throw Invalid("action is required").Exception();
        var detail = body.String("status_detail", Invalid("status_detail must be a string"));
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await store.WriteAsync(() =>
        {
            var found = store.AnyPayment(id) ?? throw PaymentErrors.PaymentNotFound.Exception();
            var seller = sellers.Owner(found.OwnerId, found.SiteId);
            var data = store.For(seller);
            var before = data.Aged(id.ToString(), now);
            var after = OutsideEvents.Apply(before, action, detail, now, catalogs.For(found.SiteId), Economics.For(seller, options.Value)).Unwrap();
            data.Save(before, after, now);
            return after;
        }));
    }

    static ClockView View(EmulatorClock clock) => new(clock.GetUtcNow(), XmlConvert.ToString(clock.Offset));

    static MpError Invalid(string message) => PaymentErrors.ParamsError.WithMessage(message);

    static readonly MpError OutOfRange = Invalid($"the clock must stay from {EmulatorClock.Earliest.Year} to {EmulatorClock.Latest.Year - 1}");
}
