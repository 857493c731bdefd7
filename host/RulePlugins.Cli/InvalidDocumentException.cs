namespace RulePlugins.Cli;

/// <summary>A subject document the plugin could not read; the message names the file and the field.</summary>
internal sealed class InvalidDocumentException(string message) : Exception(message);
