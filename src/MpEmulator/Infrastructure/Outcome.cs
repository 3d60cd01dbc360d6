namespace MpEmulator.Infrastructure;

/// <summary>The result of a rule: a value, or the catalog error saying why not.</summary>
public readonly record struct Outcome<T>(T? Value, MpError? Error)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(MpError error) => new(default, error);

    public bool IsError => Error is not null;

    public T Unwrap() => Error is null ? Value! : throw Error.Exception();
}

public static class OutcomeExtensions
{
    public static Outcome<TOut> Map<TIn, TOut>(this Outcome<TIn> outcome, Func<TIn, TOut> map) =>
        outcome.Error is { } error ? error : map(outcome.Value!);
}
