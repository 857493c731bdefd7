namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary>
    /// The text of a file named on the command line; a missing file, a folder or an unreadable file throws
    /// <see cref="InvalidDocumentException"/> naming <paramref name="what"/> and the full path.
    /// </summary>
    private static string ReadInput(string path, string what)
    {
        using var reader = new StreamReader(OpenInput(path, what));
        return reader.ReadToEnd();
    }

    /// <summary>A file named on the command line, open for reading; the problems of <see cref="ReadInput"/> the same way.</summary>
    private static FileStream OpenInput(string path, string what)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new InvalidDocumentException($"{what} '{full}' is a folder, not a file.");
        }

        try
        {
            return File.OpenRead(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDocumentException($"{what} '{full}' does not exist.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDocumentException($"{what} '{full}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/> on a document read from <paramref name="path"/>; a refused document
    /// (<see cref="Engine.Validation.SegmentValidationException"/>) is reported with the file first, then every error
    /// with its JSON path, one per line.
    /// </summary>
    private static T FromFile<T>(string path, Func<T> use)
    {
        try
        {
            return use();
        }
        catch (Engine.Validation.SegmentValidationException ex)
        {
            throw new InvalidDocumentException($"{path}: {ex.Message}");
        }
    }

    /// <summary>
    /// Whether an ID|FILE argument names a file: one that exists, or a word that cannot be a segment id (a path, a
    /// name with a dot), which is then reported as a missing file rather than an unknown segment.
    /// </summary>
    private static bool IsFileArgument(string idOrFile) =>
        File.Exists(idOrFile) || Directory.Exists(idOrFile) || !Engine.Model.SegmentIds.IsValid(idOrFile);
}
