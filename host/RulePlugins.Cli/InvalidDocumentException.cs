namespace RulePlugins.Cli;

/// <summary>
/// An input file or document the command could not read: a missing, unreadable or malformed file. The message names the
/// file and, for a document, the field.
/// </summary>
internal sealed class InvalidDocumentException(string message) : Exception(message);
