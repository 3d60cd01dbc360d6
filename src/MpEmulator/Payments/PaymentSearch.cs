using System.Globalization;
using System.Text.RegularExpressions;
using LiteDB;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary><c>GET /v1/payments/search</c>: filters, a date range (ISO or <c>NOW-30DAYS</c>), sort and paging.</summary>
public static partial class PaymentSearch
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 10_000;

    /// <summary>Query parameter → stored field, for the equality filters.</summary>
    static readonly Dictionary<string, string> Filters = new()
    {
        ["id"] = "_id", ["external_reference"] = "ExternalReference", ["status"] = "Status", ["status_detail"] = "StatusDetail",
        ["payment_method_id"] = "PaymentMethodId", ["payment_type_id"] = "PaymentTypeId", ["operation_type"] = "OperationType",
        ["processing_mode"] = "ProcessingMode", ["installments"] = "Installments", ["payer.id"] = "Payer.Id",
        ["payer.email"] = "Payer.Email", ["collector.id"] = "CollectorId", ["currency_id"] = "CurrencyId",
    };

    static readonly Dictionary<string, string> Dates = new()
    {
        ["date_created"] = "DateCreated", ["date_approved"] = "DateApproved", ["date_last_updated"] = "DateLastUpdated",
        ["money_release_date"] = "MoneyReleaseDate",
    };

    static readonly Dictionary<string, string> Sorts = new(Dates) { ["id"] = "_id", ["external_reference"] = "ExternalReference" };

    static readonly HashSet<string> NumericFilters = ["id", "installments", "collector.id"];

    /// <summary>Filters with an owner-scoped index, most selective first: the first one given leads the query; with
    /// none, the owner's creation-date index does. <c>Exact</c> keeps out values the key range also spans ("a|b" for "a").</summary>
    static readonly (string Parameter, string Key, Func<string, string> Normalize, string Exact)[] Leads =
    [
        ("external_reference", nameof(Payment.OwnerExternalReferenceCreated), v => v, "$.ExternalReference = @0"),
        ("payer.email", nameof(Payment.OwnerPayerEmailCreated), v => v.ToLowerInvariant(), "LOWER($.Payer.Email) = @0"),
        ("status", nameof(Payment.OwnerStatusCreated), v => v, "$.Status = @0"),
    ];

    public static Ok<SearchPage<Payment>> Search(HttpRequest request, Seller seller, Store store, TimeProvider clock)
    {
        var q = request.Query;
        var now = clock.GetUtcNow();
        var (limit, offset) = PagingRules.Read(q, DefaultLimit, int.MaxValue, PaymentErrors.ParamsError);
        if (limit > MaxLimit || offset > MaxOffset) throw PaymentErrors.TooManyRows.Exception();
        Sweep(store, seller, now);

        var lead = Leads.FirstOrDefault(l => q[l.Parameter].ToString().Length > 0);
        var led = lead.Key is null ? "" : lead.Normalize(q[lead.Parameter].ToString());
        var key = lead.Key ?? nameof(Payment.OwnerCreated);
        var (from, to) = OwnerKey.DatedRange(seller.Id, led);
        ILiteQueryable<Payment> Keys() => store.AllPayments().Query().Where($"$.{key} BETWEEN @0 AND @1", from, to);
        var query = Keys();
        var filtered = false;
        if (lead.Key is not null) query = query.Where(lead.Exact, led);
        foreach (var (name, field) in Filters)
            if (name != lead.Parameter && q[name].ToString() is { Length: > 0 } value)
            {
                query = query.Where($"$.{field} = @0", NumericFilters.Contains(name) ? Number(value) : new BsonValue(value));
                filtered = true;
            }
        if (q["begin_date"].ToString() is { Length: > 0 } || q["end_date"].ToString() is { Length: > 0 })
        {
            filtered = true;
            var range = q["range"].ToString() is { Length: > 0 } r ? r : "date_created";
            if (!Dates.TryGetValue(range, out var field)) throw PaymentErrors.ParamsError.WithMessage($"Invalid range {range}").Exception();
            if (q["begin_date"].ToString() is { Length: > 0 } begin) query = query.Where($"$.{field} >= @0", Instant(begin, now).UtcDateTime);
            if (q["end_date"].ToString() is { Length: > 0 } end) query = query.Where($"$.{field} <= @0", Instant(end, now).UtcDateTime);
        }
        var sort = q["sort"].ToString() is { Length: > 0 } s ? s : "date_created";
        if (!Sorts.TryGetValue(sort, out var sortField)) throw PaymentErrors.ParamsError.WithMessage($"Invalid sort {sort}").Exception();
        var descending = q["criteria"].ToString() switch
        {
            "" or "desc" => true,
            "asc" => false,
            _ => throw PaymentErrors.ParamsError.WithMessage("criteria must be asc or desc").Exception(),
        };

        // With only the lead, the total is a count of index keys, which reads no document.
        var total = filtered ? query.Count() : Keys().CountKeys($"$.{key}");
        // Sorting by creation follows the index the query already walks, so only the page is read, not every match.
        var order = sort == "date_created" ? $"$.{key}" : $"$.{sortField}";
        var ordered = descending ? query.OrderByDescending(order) : query.OrderBy(order);
        var page = ordered.Skip(offset).Limit(limit).ToList();
        return TypedResults.Ok(new SearchPage<Payment>(new Paging(total, limit, offset), page));
    }

    /// <summary>BETWEEN, not a bare <c>&lt;=</c>: a payment with nothing due has no NextChangeAt, which LiteDB orders as
    /// null, below every date.</summary>
    public const string Due = "$.NextChangeAt BETWEEN @0 AND @1";

    /// <summary>Applies what time has done to one seller's payments (or everyone's, for the admin plane), so a search
    /// after a deadline sees the new states. Only payments due for a change are read, through the NextChangeAt index.</summary>
    public static void Sweep(Store store, Seller? seller, DateTimeOffset now)
    {
        var due = seller is null
            ? store.AllPayments().Query().Where(Due, DateTime.MinValue, now.UtcDateTime)
            : store.AllPayments().Query().Where($"$.{nameof(Payment.OwnerNextChangeAt)} BETWEEN @0 AND @1",
                OwnerKey.Of(seller.Id, ""), OwnerKey.Of(seller.Id, OwnerKey.Sortable(now)));
        if (!due.Exists()) return;
        store.Write(() =>
        {
            foreach (var payment in due.ToList())
            {
                var aged = PaymentRules.PassTime(payment, now);
                store.Save(payment, aged, aged.DateLastUpdated);
            }
            return 0;
        });
    }

    /// <summary>An ISO-8601 instant, or Mercado Pago's relative form: <c>NOW</c>, <c>NOW-30DAYS</c>, <c>NOW+1HOURS</c>.</summary>
    public static DateTimeOffset Instant(string value, DateTimeOffset now)
    {
        if (Relative().Match(value) is { Success: true } m)
        {
            if (!m.Groups[2].Success) return now;
            var n = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value == "-" ? -1 : 1);
            return m.Groups[4].Value switch
            {
                "MINUTE" or "MINUTES" => now.AddMinutes(n),
                "HOUR" or "HOURS" => now.AddHours(n),
                "DAY" or "DAYS" => now.AddDays(n),
                "WEEK" or "WEEKS" => now.AddDays(7 * n),
                "MONTH" or "MONTHS" => now.AddMonths(n),
                _ => now.AddYears(n),
            };
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw PaymentErrors.InvalidSearchDate.Exception();
    }

    static BsonValue Number(string value) =>
        long.TryParse(value, out var n) ? new BsonValue(n) : throw PaymentErrors.ParamsError.WithMessage($"Invalid number {value}").Exception();

    [GeneratedRegex(@"^NOW(([+-])(\d+)(MINUTES?|HOURS?|DAYS?|WEEKS?|MONTHS?|YEARS?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
