using System.CommandLine;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary><c>order-segment match ID ORDER.json [--quiet]</c>.</summary>
    private static Command OrderSegmentCommand()
    {
        var target = Required("ID", "The order segment");
        var file = Required("ORDER.json", "The order document");
        var quietOption = Flag("--quiet", "Print the answer only, not which conditions held");
        var match = new Command("match", "Evaluate an order segment against one order and say which conditions held") { target, file, quietOption };
        match.SetAction(parse =>
        {
            var (id, order) = (parse.GetRequiredValue(target), parse.GetRequiredValue(file));
            using var engine = OpenEngine(parse);
            if (engine.Find(id) is { } info && !engine.Catalog.IsDocumentSubject(info.Subject))
            {
                throw new UsageException($"Segment '{id}' selects {info.Subject}s, which are recalculated, not matched against a document; use 'segment recalc' for it.");
            }

            try
            {
                ConsoleUi.Evaluation(Console.Out, engine.Evaluate(id, ReadInput(order, "Order document"), explain: !parse.GetValue(quietOption)));
                return 0;
            }
            catch (Sdk.Data.SubjectFormatException ex)
            {
                throw new InvalidDocumentException($"order {order}: {ex.Message}");
            }
        });
        return new Command("order-segment", "Order segments, decided in real time for one order") { match };
    }
}
