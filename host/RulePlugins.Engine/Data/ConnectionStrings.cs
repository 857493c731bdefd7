using System.Data.Common;

namespace RulePlugins.Engine.Data;

/// <summary>Connection strings made safe to print: passwords are replaced by <c>***</c>.</summary>
internal static class ConnectionStrings
{
    private const string Hidden = "***";
    private static readonly string[] SecretKeys = ["Password", "Pwd", "PSW"];

    /// <summary>
    /// The connection string with every password replaced, parsed by the provider's own <paramref name="builder"/>
    /// (which knows the provider's synonyms, such as <c>Pwd</c>). A string the provider cannot parse is not shown at all.
    /// </summary>
    public static string Redact(string connectionString, DbConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "(connection string not shown: it could not be parsed)";
        }

        foreach (var key in SecretKeys)
        {
            if (builder.ContainsKey(key) && builder.TryGetValue(key, out var value) && value is string { Length: > 0 })
            {
                builder[key] = Hidden;
            }
        }

        return builder.ConnectionString;
    }
}
