namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int OrderSegment(CommandLine line, string sub)
    {
        switch (sub)
        {
            case "match":
            {
                if (line.Words.Count < 4)
                {
                    throw new UsageException("'order-segment match' needs an ID and an ORDER.json file.");
                }

                var (id, file) = (line.Words[2], line.Words[3]);
                var explain = !line.Flag("quiet");
                using var engine = OpenEngine(line);
                if (engine.Find(id) is { } info && !engine.Catalog.IsDocumentSubject(info.Subject))
                {
                    throw new UsageException($"Segment '{id}' selects {info.Subject}s, which are recalculated, not matched against a document; use 'segment recalc' for it.");
                }

                try
                {
                    var result = engine.Evaluate(id, File.ReadAllText(file), explain);
                    Console.Write(result.Describe());
                    return 0;
                }
                catch (Sdk.Data.SubjectFormatException ex)
                {
                    throw new InvalidDocumentException($"order {file}: {ex.Message}");
                }
            }

            default:
                throw new UsageException($"Unknown sub-command 'order-segment {sub}'; use match.");
        }
    }
}

/// <summary>A subject document the plugin could not read; the message names the file and the field.</summary>
internal sealed class InvalidDocumentException(string message) : Exception(message);
