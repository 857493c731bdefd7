namespace RulePlugins.Testing;

/// <summary>A clock that says what the test tells it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>The instant returned by <see cref="GetUtcNow"/>.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
