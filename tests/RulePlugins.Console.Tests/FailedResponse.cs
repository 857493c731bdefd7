namespace RulePlugins.Console.Tests;

/// <summary>An answer of 400 or above that a test's page received.</summary>
/// <param name="Method">The request's method.</param>
/// <param name="Path">The path and query asked for.</param>
/// <param name="Status">The HTTP status.</param>
public sealed record FailedResponse(string Method, string Path, int Status)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path} {Status}";
}
