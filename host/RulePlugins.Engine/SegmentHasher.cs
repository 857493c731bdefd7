using System.Security.Cryptography;
using System.Text;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine;

/// <summary>
/// Hashes what a compiled predicate depends on: its source, the SDK build and the build of every plugin it uses.
/// A stored assembly whose hash no longer matches is recompiled at start-up.
/// </summary>
internal static class SegmentHasher
{
    /// <summary>The hash of <paramref name="source"/> against the builds loaded now (hex SHA-256).</summary>
    public static string Hash(GeneratedSource source)
    {
        var sdk = typeof(CompiledPredicate).Assembly;
        var builder = new StringBuilder(source.Text)
            .Append('\n').Append("sdk ").Append(sdk.GetName().Version).Append(' ').Append(sdk.ManifestModule.ModuleVersionId.ToString("N"));
        foreach (var plugin in source.Plugins)
        {
            builder.Append('\n').Append("plugin ").Append(plugin.BuildIdentity);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
