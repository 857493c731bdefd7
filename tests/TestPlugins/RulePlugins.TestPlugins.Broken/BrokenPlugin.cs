using RulePlugins.Sdk;

namespace RulePlugins.TestPlugins.Broken;

/// <summary>Fails while registering, as a plugin with a missing configuration would.</summary>
public sealed class BrokenPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) =>
        throw new InvalidOperationException("the broken plugin cannot find its configuration");
}
