using System.Globalization;

namespace RulePlugins.Cli;

/// <summary>A command line split into positional words and <c>--name value</c> options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var name = arg[2..];
                if (flags.Contains(name))
                {
                    _options[name] = null;
                }
                else if (i + 1 < args.Count)
                {
                    _options[name] = args[++i];
                }
                else
                {
                    throw new UsageException($"Option --{name} needs a value.");
                }
            }
            else
            {
                Words.Add(arg);
            }
        }
    }

    public List<string> Words { get; } = [];

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Option(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public long Number(string name, long fallback, long min = 1)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"Option --{name} must be a whole number of at least {min}, got '{text}'.");
        }

        return value;
    }

    /// <summary>Refuses options no command read, so a typo is not silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>The command line is wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
