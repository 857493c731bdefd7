namespace RulePlugins.Benchmarks;

/// <summary>
/// A clock that always says the same instant, so every recalculation run of a section and its hand-written SQL judge
/// "the last N days" against one "now" (a window that moved between runs could change the member counts).
/// </summary>
internal sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>The instant returned by <see cref="GetUtcNow"/>.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
