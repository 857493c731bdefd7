namespace RulePlugins.Testing;

/// <summary>A plugin check of the author kit failed; the message says what was expected and what happened.</summary>
public sealed class PluginCheckException(string message) : Exception(message);
