using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// Breaks an emitted expression that is too long for one line the way a person would: the arguments of a long call
/// one per line, a long <c>&amp;&amp;</c> / <c>||</c> / comparison chain at its operators, a long <c>is</c> pattern
/// on the line after its value. Only the white space between
/// tokens changes; the result is parsed again and kept only when its tokens and comments are exactly the original's,
/// otherwise the expression stays on one line. An expression the plugin laid out over several lines itself is kept.
/// </summary>
internal sealed class CodeLayout
{
    /// <summary>The column generated code lines are kept within where the code allows.</summary>
    public const int Width = 120;

    private const string Step = "    ";

    private readonly int _baseColumn;

    private CodeLayout(int baseColumn) => _baseColumn = baseColumn;

    /// <summary>
    /// The lines of <paramref name="expression"/>, whose first line starts at column <paramref name="column"/>; lines
    /// after the first carry their indentation relative to the first line's.
    /// </summary>
    public static IReadOnlyList<string> Lines(string expression, int column)
    {
        if (expression.Contains('\n', StringComparison.Ordinal))
        {
            return [.. expression.Split('\n').Select(l => l.TrimEnd('\r'))];
        }

        if (column + expression.Length <= Width)
        {
            return [expression];
        }

        var node = SyntaxFactory.ParseExpression(expression);
        if (node.ContainsDiagnostics || node.FullSpan.Length != expression.Length)
        {
            return [expression];
        }

        var lines = new CodeLayout(column).Layout(node, string.Empty, column);
        return lines.Count > 1 && SameTokens(node, string.Join("\n", lines)) ? lines : [expression];
    }

    private List<string> Layout(ExpressionSyntax node, string indent, int column)
    {
        var text = Text(node);
        if (column + text.Length <= Width)
        {
            return [text];
        }

        switch (node)
        {
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call when Plain(call.ArgumentList):
                return Arguments(Text(call.Expression) + "(", call.ArgumentList.Arguments, indent);
            case BinaryExpressionSyntax binary when Plain(binary.OperatorToken):
                return Binary(binary, indent, column);
            case IsPatternExpressionSyntax test when Plain(test.IsKeyword):
                // The value on one line, the pattern it is tested against on the next.
                var value = Layout(test.Expression, indent, column);
                value.Add($"{indent}{Step}is {Text(test.Pattern)}");
                return value;
            case PrefixUnaryExpressionSyntax prefix when Plain(prefix.OperatorToken):
                var operand = Layout(prefix.Operand, indent, column + prefix.OperatorToken.Text.Length);
                operand[0] = prefix.OperatorToken.Text + operand[0];
                return operand;
            default:
                return [text];
        }
    }

    private List<string> Arguments(string head, SeparatedSyntaxList<ArgumentSyntax> arguments, string indent)
    {
        var inner = indent + Step;
        var lines = new List<string> { head };
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var prefix = (argument.NameColon is null ? string.Empty : Text(argument.NameColon) + " ")
                + (argument.RefKindKeyword.IsKind(SyntaxKind.None) ? string.Empty : argument.RefKindKeyword.Text + " ");
            var value = Layout(argument.Expression, inner, _baseColumn + inner.Length + prefix.Length);
            value[0] = inner + prefix + value[0];
            value[^1] += i < arguments.Count - 1 ? "," : ")";
            lines.AddRange(value);
        }

        return lines;
    }

    private List<string> Binary(BinaryExpressionSyntax binary, string indent, int column)
    {
        if (binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression)
        {
            return Chain(binary, indent, column);
        }

        var lines = Layout(binary.Left, indent, column);
        var op = binary.OperatorToken.Text;
        var right = Text(binary.Right);
        var end = (lines.Count == 1 ? column : _baseColumn) + lines[^1].Length;
        if (end + op.Length + right.Length + 2 <= Width)
        {
            lines[^1] += $" {op} {right}";
            return lines;
        }

        var rest = Layout(binary.Right, indent, _baseColumn + indent.Length + op.Length + 1);
        rest[0] = $"{indent}{op} {rest[0]}";
        lines.AddRange(rest);
        return lines;
    }

    // A broken && or || chain: every operand on its own line, the operator first, as the group methods are written.
    private List<string> Chain(BinaryExpressionSyntax chain, string indent, int column)
    {
        var operands = new List<ExpressionSyntax>();
        ExpressionSyntax node = chain;
        while (node is BinaryExpressionSyntax binary && binary.IsKind(chain.Kind()) && Plain(binary.OperatorToken))
        {
            operands.Add(binary.Right);
            node = binary.Left;
        }

        operands.Add(node);
        operands.Reverse();
        var op = chain.OperatorToken.Text;
        var lines = Layout(operands[0], indent, column);
        foreach (var operand in operands.Skip(1))
        {
            var next = Layout(operand, indent, _baseColumn + indent.Length + op.Length + 1);
            next[0] = $"{indent}{op} {next[0]}";
            lines.AddRange(next);
        }

        return lines;
    }

    // A node's text with the comments inside it (a date literal's trailing comment included), without the white space around it.
    private static string Text(SyntaxNode node) => node.ToFullString().Trim();

    private static bool Plain(SyntaxToken token) =>
        token.LeadingTrivia.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia)) && token.TrailingTrivia.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia));

    private static bool Plain(ArgumentListSyntax list) =>
        Plain(list.OpenParenToken) && Plain(list.CloseParenToken) && list.Arguments.GetSeparators().All(Plain);

    private static bool SameTokens(SyntaxNode original, string laidOut)
    {
        var again = SyntaxFactory.ParseExpression(laidOut);
        return !again.ContainsDiagnostics
            && original.DescendantTokens().Select(t => t.Text).SequenceEqual(again.DescendantTokens().Select(t => t.Text), StringComparer.Ordinal)
            && Comments(original).SequenceEqual(Comments(again), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Comments(SyntaxNode node) =>
        node.DescendantTrivia(descendIntoTrivia: true)
            .Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia))
            .Select(t => t.ToFullString());
}
