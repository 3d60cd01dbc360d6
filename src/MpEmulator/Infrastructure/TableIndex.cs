namespace MpEmulator.Infrastructure;

/// <summary>Documents of a table in named groups (a seller's payments, a seller's approved payments, a customer's cards),
/// each kept in order (creation date, then key): a page is read straight from its group, and a group's size is known
/// without counting.</summary>
public abstract class TableIndex<TKey, T> where TKey : notnull
{
    public abstract void Replace(Func<T, TKey> keyOf, T? old, T? now);
}

public sealed class TableIndex<TKey, T, TOrder>(Func<T, IEnumerable<string>> groupsOf, Func<T, TOrder> orderOf) : TableIndex<TKey, T>
    where TKey : notnull
{
    readonly Lock gate = new();
    readonly Dictionary<string, SortedSet<(TOrder Order, TKey Key)>> groups = new(StringComparer.Ordinal);
    static readonly IComparer<(TOrder Order, TKey Key)> Ordering = Comparer<(TOrder Order, TKey Key)>.Create((a, b) =>
    {
        var byOrder = Comparer<TOrder>.Default.Compare(a.Order, b.Order);
        if (byOrder != 0) return byOrder;
        return a.Key is string x && b.Key is string y ? string.CompareOrdinal(x, y) : Comparer<TKey>.Default.Compare(a.Key, b.Key);
    });

    public override void Replace(Func<T, TKey> keyOf, T? old, T? now)
    {
        lock (gate)
        {
            if (old is not null)
                foreach (var group in groupsOf(old))
                    if (groups.TryGetValue(group, out var set) && set.Remove((orderOf(old), keyOf(old))) && set.Count == 0) groups.Remove(group);
            if (now is not null)
                foreach (var group in groupsOf(now))
                {
                    if (!groups.TryGetValue(group, out var set)) groups[group] = set = new SortedSet<(TOrder, TKey)>(Ordering);
                    set.Add((orderOf(now), keyOf(now)));
                }
        }
    }

    public int Count(string group)
    {
        lock (gate) return groups.TryGetValue(group, out var set) ? set.Count : 0;
    }

    /// <summary>Up to <paramref name="limit"/> keys of a group from <paramref name="offset"/> on, in order or reversed.</summary>
    public List<TKey> Page(string group, bool descending, int offset, int limit)
    {
        lock (gate)
        {
            if (!groups.TryGetValue(group, out var set)) return [];
            var ordered = descending ? set.Reverse() : set;
            return ordered.Skip(offset).Take(limit).Select(e => e.Key).ToList();
        }
    }

    /// <summary>Every key of a group, in order (a copy: the caller filters it outside the lock).</summary>
    public List<TKey> Keys(string group)
    {
        lock (gate) return groups.TryGetValue(group, out var set) ? set.Select(e => e.Key).ToList() : [];
    }

    /// <summary>Keys of a group whose order is at most <paramref name="until"/>, in order.</summary>
    public List<TKey> Until(string group, TOrder until)
    {
        lock (gate)
            return groups.TryGetValue(group, out var set)
                ? set.TakeWhile(e => Comparer<TOrder>.Default.Compare(e.Order, until) <= 0).Select(e => e.Key).ToList()
                : [];
    }

    /// <summary>The first entry of a group, if any.</summary>
    public (TOrder Order, TKey Key)? First(string group)
    {
        lock (gate) return groups.TryGetValue(group, out var set) && set.Count > 0 ? set.Min : null;
    }

    /// <summary>The last entry of a group, if any.</summary>
    public (TOrder Order, TKey Key)? Last(string group)
    {
        lock (gate) return groups.TryGetValue(group, out var set) && set.Count > 0 ? set.Max : null;
    }

    /// <summary>The groups whose name starts with <paramref name="prefix"/>.</summary>
    public List<string> Groups(string prefix)
    {
        lock (gate) return groups.Keys.Where(g => g.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Keys after <paramref name="after"/> in a group, in order, at most <paramref name="limit"/>.</summary>
    public List<TKey> After(string group, TOrder after, int limit)
    {
        lock (gate)
            return groups.TryGetValue(group, out var set)
                ? set.Reverse().TakeWhile(e => Comparer<TOrder>.Default.Compare(e.Order, after) > 0).Reverse().Take(limit).Select(e => e.Key).ToList()
                : [];
    }
}
