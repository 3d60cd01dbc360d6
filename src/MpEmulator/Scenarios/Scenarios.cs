using System.Text.Json.Nodes;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;

namespace MpEmulator.Scenarios;

/// <summary>The active scenario rules, in the order they were added; kept in LiteDB so they survive a restart.</summary>
public sealed class ScenarioBook
{
    readonly Store store;
    readonly Lock gate = new();
    List<CompiledRule>? rules;

    public ScenarioBook(Store store) => this.store = store;

    Table<string, ScenarioRule> Stored => store.Table("rules", (ScenarioRule r) => r.Id);

    /// <summary>The rules, read from storage on first use (the warm-up after start-up does it), not in the constructor.</summary>
    List<CompiledRule> Rules
    {
        get
        {
            if (Volatile.Read(ref rules) is { } loaded) return loaded;
            var stored = Compile(Stored.FindAll().OrderBy(r => r.Id, StringComparer.Ordinal)); // outside this book's lock: a first use loads the table
            lock (gate) return rules ??= stored;
        }
    }

    public bool IsEmpty => Rules.Count == 0;

    public IReadOnlyList<ScenarioRule> All
    {
        get { lock (gate) return Rules.Select(r => r.Rule).ToList(); }
    }

    /// <summary>Stores checked rules (inside the caller's transaction) and starts matching them.</summary>
    public void Add(IReadOnlyList<CompiledRule> added)
    {
        lock (gate)
        {
            foreach (var r in added) Stored.Upsert(r.Rule);
            rules = [.. Rules.Where(r => added.All(a => a.Rule.Id != r.Rule.Id)), .. added];
        }
    }

    // Every change takes the store's write lock before this book's own, in the order Add's callers do.
    public bool Remove(string id) => store.Write(() =>
    {
        lock (gate)
        {
            rules = Rules.Where(r => r.Rule.Id != id).ToList();
            return Stored.Delete(id);
        }
    });

    public void Clear() => store.Write(() =>
    {
        lock (gate)
        {
            rules = [];
            return Stored.DeleteMany(_ => true);
        }
    });

    /// <summary>The effect of the first rule that matches and still applies. Every matching rule counts the request,
    /// whichever rule answers it, so <c>after: 3</c> always means "from the 4th matching request on".</summary>
    public RuleEffect? Match(string method, string path, long? seller, Func<string, string?> field)
    {
        RuleEffect? effect = null;
        List<ScenarioRule> counted = [];
        lock (gate)
        {
            foreach (var compiled in Rules)
            {
                var rule = compiled.Rule;
                if (!compiled.Matches(method, path, seller, field)) continue;
                rule.Seen++;
                if (effect is null && rule.Seen > rule.After && (rule.Times is null || rule.Applied < rule.Times))
                {
                    rule.Applied++;
                    effect = compiled.Effect;
                    Metrics.EmulatorMetrics.RuleHit(rule.Id);
                }
                counted.Add(rule);
            }
        }
        if (counted.Count > 0) // only requests a rule matched pay for a write
            store.Write(() =>
            {
                lock (gate) counted.ForEach(r => Stored.Update(r));
                return 0;
            });
        return effect;
    }

    static List<CompiledRule> Compile(IEnumerable<ScenarioRule> stored)
    {
        var problems = new List<FixtureProblem>();
        return stored.Select(r => CompiledRule.Compile(r, "rules", problems)).OfType<CompiledRule>().ToList();
    }

    /// <summary>Reads a rule from its JSON form (fixture or admin API), with a fresh id unless one is given.</summary>
    public static ScenarioRule Read(JsonObject o, string at, Ids ids, List<FixtureProblem> problems)
    {
        var f = new JsonFields(o);
        int? Number(string name)
        {
            try { return f.Int(name, PaymentErrors.ParamsError); }
            catch (MpException) { problems.Add(new FixtureProblem($"{at}.{name}", "must be an integer")); return null; }
        }
        JsonObject Object(string name)
        {
            if (o[name] is JsonObject j) return (JsonObject)j.DeepClone();
            problems.Add(new FixtureProblem($"{at}.{name}", "must be an object"));
            return [];
        }
        foreach (var unknown in o.Select(p => p.Key).Except(["id", "match", "respond", "times", "after"]))
            problems.Add(new FixtureProblem($"{at}.{unknown}", "unknown field"));
        return new ScenarioRule
        {
            Id = o["id"]?.ToString() ?? "rule-" + ids.Alphanumeric(10),
            Match = o["match"] is null ? [] : Object("match"),
            Respond = Object("respond"),
            Times = Number("times"),
            After = Number("after") ?? 0,
        };
    }
}
