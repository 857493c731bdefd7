using RulePlugins.Plugins.Weblayers.Conditions;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Plugins.Weblayers.DemoData;
using RulePlugins.Plugins.Weblayers.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Weblayers;

/// <summary>
/// Web layers: the site's popups and forms (reference data, an id and a name each), what profiles did with popups
/// (<c>popup_events</c>: targeted, opened, filled, closed, clicked, element clicks, custom events) and their form
/// submissions (<c>form_fills</c>), and the conditions <c>weblayers.popup</c> and <c>weblayers.form</c>, both counting
/// with the SDK's counting family.
/// </summary>
public sealed class WeblayersPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(WeblayersTables.Popups)
        .AddTable(WeblayersTables.Forms)
        .AddTable(WeblayersTables.PopupEvents)
        .AddTable(WeblayersTables.FormFills)
        .AddLookup(WeblayersLookups.Popups.Lookup)
        .AddLookup(WeblayersLookups.Forms.Lookup)
        .AddConditionType(new PopupCondition())
        .AddConditionType(new FormCondition())
        .AddDemoData(new WeblayersDemoData());
}
