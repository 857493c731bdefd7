using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Tests.Lookalikes;

/// <summary>
/// A second plugin whose helper types have the simple names of types a generated source already uses: the market
/// plugin's <c>ChannelSet</c>, the SDK's <c>Text</c>, the generated <c>Slots</c> class, and a name ending in
/// <c>Segment</c> like every generated class. One order condition calls all four.
/// </summary>
public sealed class LookalikePlugin : IRulePlugin
{
    /// <summary>The condition type id.</summary>
    public const string WebsiteCart = "lookalike.website_cart";

    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder.AddConditionType(new WebsiteCartCondition());

    private sealed class WebsiteCartCondition : ConditionType
    {
        public override string Id => WebsiteCart;

        public override string Title => "Placed in the website cart (lookalike helpers)";

        public override string Subject => MarketSubjects.Order;

        public override IReadOnlyList<ParameterDefinition> Parameters => [];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("channel", "contact_point")];

        public override string Describe(ConditionArguments arguments) => "the order was placed in the website cart";

        public override Code Emit(ConditionArguments arguments, EmitContext context)
        {
            var order = context.Row(MarketTables.Orders);
            return context.Expression(
                $"{context.TypeName(typeof(ChannelSet))}.IsWebsite({order}?.Channel) && {context.TypeName(typeof(Text))}.IsCart({order}?.ContactPoint) && {context.TypeName(typeof(Slots))}.Open && {context.TypeName(typeof(WebsiteSegment))}.Open");
        }
    }
}

/// <summary>Named like the market plugin's <c>ChannelSet</c>.</summary>
public static class ChannelSet
{
    /// <summary>Whether the channel is the website.</summary>
    public static bool IsWebsite(string? channel) => string.Equals(channel, "website", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Named like the SDK runtime's <c>Text</c>, which the generated source imports.</summary>
public static class Text
{
    /// <summary>Whether the contact point is the cart.</summary>
    public static bool IsCart(string? contactPoint) => string.Equals(contactPoint, "cart", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Named like the generated class's <c>Slots</c>.</summary>
public static class Slots
{
    /// <summary>Always true.</summary>
    public static bool Open => true;
}

/// <summary>Named like a generated segment class.</summary>
public static class WebsiteSegment
{
    /// <summary>Always true.</summary>
    public static bool Open => true;
}
