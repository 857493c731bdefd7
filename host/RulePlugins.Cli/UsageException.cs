namespace RulePlugins.Cli;

/// <summary>The command line is wrong in a way only the command can tell; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
