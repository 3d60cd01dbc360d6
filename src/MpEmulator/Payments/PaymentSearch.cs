using System.Globalization;
using System.Text.RegularExpressions;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary><c>GET /v1/payments/search</c>: filters, a date range (ISO or <c>NOW-30DAYS</c>), sort and paging.</summary>
public static partial class PaymentSearch
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 10_000;

    /// <summary>Query parameter → the payment's value, for the equality filters.</summary>
    static readonly Dictionary<string, Func<Payment, string?>> Filters = new()
    {
        ["id"] = p => p.Id.ToString(CultureInfo.InvariantCulture), ["external_reference"] = p => p.ExternalReference,
        ["status"] = p => p.Status, ["status_detail"] = p => p.StatusDetail, ["payment_method_id"] = p => p.PaymentMethodId,
        ["payment_type_id"] = p => p.PaymentTypeId, ["operation_type"] = p => p.OperationType, ["processing_mode"] = p => p.ProcessingMode,
        ["installments"] = p => p.Installments.ToString(CultureInfo.InvariantCulture), ["payer.id"] = p => p.Payer.Id,
        ["payer.email"] = p => p.Payer.Email?.ToLowerInvariant(), ["collector.id"] = p => p.CollectorId.ToString(CultureInfo.InvariantCulture),
        ["currency_id"] = p => p.CurrencyId,
    };

    static readonly Dictionary<string, Func<Payment, DateTimeOffset?>> Dates = new()
    {
        ["date_created"] = p => p.DateCreated, ["date_approved"] = p => p.DateApproved, ["date_last_updated"] = p => p.DateLastUpdated,
        ["money_release_date"] = p => p.MoneyReleaseDate,
    };

    static readonly Dictionary<string, Func<Payment, IComparable?>> Sorts = new(Dates.ToDictionary(d => d.Key, d => (Func<Payment, IComparable?>)(p => d.Value(p))))
    {
        ["id"] = p => p.Id, ["external_reference"] = p => p.ExternalReference,
    };

    static readonly HashSet<string> NumericFilters = ["id", "installments", "collector.id"];

    /// <summary>Filters with a group of their own in the listing index, most selective first: the first one given leads
    /// the search; with none, the seller's whole group does.</summary>
    static readonly (string Parameter, Func<long, string, string> Group)[] Leads =
    [
        ("external_reference", PaymentTables.WithReference),
        ("payer.email", PaymentTables.WithPayerEmail),
        ("status", PaymentTables.WithStatus),
    ];

    public static async Task<Ok<SearchPage<Payment>>> Search(HttpRequest request, SellerData data, TimeProvider clock)
    {
        var q = request.Query;
        var now = clock.GetUtcNow();
        var (limit, offset) = PagingRules.Read(q, DefaultLimit, int.MaxValue, PaymentErrors.ParamsError);
        if (limit > MaxLimit || offset > MaxOffset) throw PaymentErrors.TooManyRows.Exception();

        var lead = Leads.FirstOrDefault(l => q[l.Parameter].ToString().Length > 0);
        Func<long, string> group = lead.Group is null ? PaymentTables.OfSeller : owner => lead.Group(owner, q[lead.Parameter].ToString());
        var filters = new List<Func<Payment, bool>>();
        foreach (var (name, value) in Filters)
            if (name != lead.Parameter && q[name].ToString() is { Length: > 0 } wanted)
            {
                var normalized = NumericFilters.Contains(name) ? Number(wanted) : name == "payer.email" ? wanted.ToLowerInvariant() : wanted;
                filters.Add(p => value(p) == normalized);
            }
        if (q["begin_date"].ToString() is { Length: > 0 } || q["end_date"].ToString() is { Length: > 0 })
        {
            var range = q["range"].ToString() is { Length: > 0 } r ? r : "date_created";
            if (!Dates.TryGetValue(range, out var field)) throw PaymentErrors.ParamsError.WithMessage($"Invalid range {range}").Exception();
            if (q["begin_date"].ToString() is { Length: > 0 } begin)
            {
                var from = Instant(begin, now);
                filters.Add(p => field(p) >= from);
            }
            if (q["end_date"].ToString() is { Length: > 0 } end)
            {
                var to = Instant(end, now);
                filters.Add(p => field(p) <= to);
            }
        }
        var sort = q["sort"].ToString() is { Length: > 0 } s ? s : "date_created";
        if (!Sorts.TryGetValue(sort, out var sortKey)) throw PaymentErrors.ParamsError.WithMessage($"Invalid sort {sort}").Exception();
        var descending = q["criteria"].ToString() switch
        {
            "" or "desc" => true,
            "asc" => false,
            _ => throw PaymentErrors.ParamsError.WithMessage("criteria must be asc or desc").Exception(),
        };

        var (total, page) = await data.SearchPayments(group, filters, sort == "date_created" ? null : sortKey, descending, offset, limit, now);
        return TypedResults.Ok(new SearchPage<Payment>(new Paging(total, limit, offset), page));
    }

    /// <summary>An ISO-8601 instant, or Mercado Pago's relative form: <c>NOW</c>, <c>NOW-30DAYS</c>, <c>NOW+1HOURS</c>.</summary>
    public static DateTimeOffset Instant(string value, DateTimeOffset now)
    {
        if (Relative().Match(value) is { Success: true } m)
        {
            if (!m.Groups[2].Success) return now;
            if (!int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out var n) || n > 100_000_000)
                throw PaymentErrors.InvalidSearchDate.Exception();
            n *= m.Groups[2].Value == "-" ? -1 : 1;
            try
            {
                return m.Groups[4].Value switch
                {
                    "MINUTE" or "MINUTES" => now.AddMinutes(n),
                    "HOUR" or "HOURS" => now.AddHours(n),
                    "DAY" or "DAYS" => now.AddDays(n),
                    "WEEK" or "WEEKS" => now.AddDays(7.0 * n),
                    "MONTH" or "MONTHS" => now.AddMonths(n),
                    _ => now.AddYears(n),
                };
            }
            catch (ArgumentOutOfRangeException)
            {
                throw PaymentErrors.InvalidSearchDate.Exception();
            }
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw PaymentErrors.InvalidSearchDate.Exception();
    }

    static string Number(string value) =>
        long.TryParse(value, out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw PaymentErrors.ParamsError.WithMessage($"Invalid number {value}").Exception();

    [GeneratedRegex(@"^NOW(([+-])(\d+)(MINUTES?|HOURS?|DAYS?|WEEKS?|MONTHS?|YEARS?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
