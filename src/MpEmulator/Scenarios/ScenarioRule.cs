using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Scenarios;

/// <summary>A QA rule: when a request matches, answer with a payment outcome, an MP error, an HTTP fault, a delay or
/// a dropped connection; after letting <c>after</c> matches pass, for <c>times</c> matches (absent: always).</summary>
public sealed record ScenarioRule
{
    public string Id { get; set; } = "";
    public JsonObject Match { get; set; } = [];
    public JsonObject Respond { get; set; } = [];
    public int? Times { get; set; }
    public int After { get; set; }
    public int Seen { get; set; }
    public int Applied { get; set; }
}

/// <summary>What a matching rule does.</summary>
public sealed record RuleEffect(ForcedOutcome? Outcome, MpError? Error, int? HttpStatus, JsonNode? Body, int DelayMs, bool DropConnection);

/// <summary>A rule ready to match: its criteria parsed once, so matching costs O(rules) and nothing in storage.</summary>
public sealed record CompiledRule(ScenarioRule Rule, string? Method, Regex? Path, long? SellerId, (string Path, string Value)[] Fields, RuleEffect Effect)
{
    static readonly HashSet<string> Reserved = ["method", "path", "seller"];

    public bool Matches(string method, string path, long? seller, Func<string, string?> field) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || Path.IsMatch(path.TrimEnd('/')))
        && (SellerId is null || SellerId == seller)
        && Fields.All(f => Same(field(f.Path), f.Value));

    static bool Same(string? actual, string expected) =>
        actual is not null && (actual.Equals(expected, StringComparison.OrdinalIgnoreCase)
                               || decimal.TryParse(actual, out var a) && decimal.TryParse(expected, out var e) && a == e);

    /// <summary>Checks a rule and compiles it, adding every problem with its JSON path.</summary>
    public static CompiledRule? Compile(ScenarioRule rule, string at, List<FixtureProblem> problems)
    {
        var before = problems.Count;
        var m = rule.Match;
        string? Text(JsonObject o, string name, string where)
        {
            switch (o[name])
            {
                case null: return null;
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String: return v.GetValue<string>();
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number: return v.ToJsonString();
                default:
                    problems.Add(new FixtureProblem($"{where}.{name}", "must be a string or a number"));
                    return null;
            }
        }
        var method = Text(m, "method", $"{at}.match");
        var path = Text(m, "path", $"{at}.match");
        var seller = Text(m, "seller", $"{at}.match");
        var fields = m.Where(p => !Reserved.Contains(p.Key))
            .Select(p => (p.Key, Text(m, p.Key, $"{at}.match") ?? "")).ToArray();

        var r = rule.Respond;
        var status = Text(r, "status", $"{at}.respond");
        var detail = Text(r, "status_detail", $"{at}.respond");
        if (status is not null && !PaymentRules.Allowed.ContainsKey(status)) problems.Add(new($"{at}.respond.status", $"unknown payment status {status}"));
        var code = Text(r, "error_code", $"{at}.respond");
        var error = code is null ? null : ErrorCatalog.ByCode(code);
        if (code is not null && error is null) problems.Add(new($"{at}.respond.error_code", $"no error with code {code} in the catalog"));
        int? httpStatus = int.TryParse(Text(r, "http_status", $"{at}.respond"), out var hs) ? hs : null;
        if (httpStatus is not null and not (>= 400 and <= 599)) problems.Add(new($"{at}.respond.http_status", "must be 400-599"));
        var delay = int.TryParse(Text(r, "delay_ms", $"{at}.respond"), out var d) ? d : 0;
        if (delay is < 0 or > 120_000) problems.Add(new($"{at}.respond.delay_ms", "must be 0-120000"));
        var drop = r["drop_connection"] is JsonValue dv && dv.TryGetValue(out bool b) && b;
        if (status is null && code is null && httpStatus is null && delay == 0 && !drop)
            problems.Add(new($"{at}.respond", "needs one of status, error_code, http_status, delay_ms, drop_connection"));
        if (rule.Times is < 1) problems.Add(new($"{at}.times", "must be 1 or more (absent means always)"));
        if (rule.After < 0) problems.Add(new($"{at}.after", "must be 0 or more"));
        if (problems.Count > before) return null;

        var sellerId = seller is null ? (long?)null : long.TryParse(seller, out var sid) ? sid : SellerDirectory.UserIdOf(seller);
        var regex = path is null ? null : new Regex("^" + Regex.Escape(path.TrimEnd('/')).Replace("\\*", "[^/]*") + "$", RegexOptions.IgnoreCase);
        var outcome = status is null ? null : new ForcedOutcome(status, detail);
        return new CompiledRule(rule, method, regex, sellerId, fields, new RuleEffect(outcome, error, httpStatus, r["body"]?.DeepClone(), delay, drop));
    }
}
