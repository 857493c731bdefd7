namespace RulePlugins.Console.Tests;

/// <summary>
/// The Chromium the browser tests launch, or why there is none: exactly one of <see cref="ExecutablePath"/> and
/// <see cref="SkipReason"/> is set.
/// </summary>
/// <param name="ExecutablePath">The executable to launch, or null when none was found.</param>
/// <param name="SkipReason">Why the browser tests are skipped (with the install command), or null when a browser was found.</param>
public sealed record ChromiumLocation(string? ExecutablePath, string? SkipReason);
