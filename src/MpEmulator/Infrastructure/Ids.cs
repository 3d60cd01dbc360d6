using Bogus;
using Microsoft.Extensions.Options;

namespace MpEmulator.Infrastructure;

/// <summary>The one seedable source of every generated id and value: a fixed <c>--seed</c> gives the same run twice.</summary>
public sealed class Ids(IOptions<EmulatorOptions> options)
{
    const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    readonly Randomizer random = options.Value.Seed is { } seed ? new Randomizer(seed) : new Randomizer();
    readonly Lock gate = new();

    public T Draw<T>(Func<Randomizer, T> draw)
    {
        lock (gate) return draw(random);
    }

    public string Alphanumeric(int length) =>
        Draw(r => new string(Enumerable.Range(0, length).Select(_ => Alphanumerics[r.Number(Alphanumerics.Length - 1)]).ToArray()));

    public string Digits(int length) => Draw(r => r.Number(1, 9) + new string(Enumerable.Range(1, length - 1).Select(_ => (char)('0' + r.Number(9))).ToArray()));

    public string Hex(int length) => Draw(r => r.Hexadecimal(length, prefix: ""));

    /// <summary>Draws ids until one is free: a fixed seed against a database file that already holds them must not collide.</summary>
    public string Unique(Func<Ids, string> draw, Func<string, bool> taken)
    {
        string id;
        do id = draw(this); while (taken(id));
        return id;
    }
}
