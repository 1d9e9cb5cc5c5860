namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// GCC's deprecated assertions: <c>#assert pred(answer)</c>, <c>#unassert pred[(answer)]</c> and <c>#pred[(answer)]</c>
/// in <c>#if</c>, with GNU cpp 12's messages (its parse_assertion and parse_answer).
/// </summary>
public sealed partial class CPreprocessor
{
    // each predicate's answers, spelled as their tokens are (one blank where white space stood, none before the first)
    private readonly Dictionary<string, List<string>> _assertions = new(StringComparer.Ordinal);

    /// <summary>A predicate and its answer read from <paramref name="tokens"/> at <paramref name="at"/>; null where
    /// cpp reports an error. <paramref name="answer"/> is null when no '(' follows (allowed in #if and for #unassert
    /// alone); <paramref name="next"/> is where reading stopped.</summary>
    private string? Assertion(List<PpToken> tokens, int at, PpToken end, bool inIf, bool unassert, out string? answer, out int next)
    {
        answer = null;
        next = at + 1;
        if (at >= tokens.Count)
        {
            Report(new PpException("assertion without predicate", end), false);
            return null;
        }
        var predicate = tokens[at];
        if (predicate.Kind != PpKind.Identifier)
        {
            Report(new PpException("predicate must be an identifier", predicate), false);
            return null;
        }
        if (next >= tokens.Count || !tokens[next].Is("("))
        {
            if (inIf || (unassert && next >= tokens.Count)) return predicate.Text;
            Report(new PpException("missing '(' after predicate", predicate), false);
            return null;
        }
        var close = tokens.FindIndex(next, t => t.Is(")"));
        if (close < 0)
        {
            Report(new PpException("missing ')' to complete answer", end), false);
            return null;
        }
        if (close == next + 1)
        {
            Report(new PpException("predicate's answer is empty", tokens[close]), false);
            return null;
        }
        answer = SpelledLine(tokens.GetRange(next + 1, close - next - 1));
        next = close + 1;
        return predicate.Text;
    }

    private void Assert(PpLexer lexer, PpToken directive)
    {
        var tokens = LineTokens(lexer, out var end);
        if (Assertion(tokens, 0, end, false, false, out var answer, out var next) is not { } predicate) return;
        if (!_assertions.TryGetValue(predicate, out var answers)) _assertions[predicate] = answers = [];
        if (answers.Contains(answer!))
        {
            Warn(tokens[next - 1], $"\"{predicate}\" re-asserted");
            return;
        }
        answers.Add(answer!);
        if (next < tokens.Count) Warn(tokens[next], $"extra tokens at end of #{directive.Text} directive");
    }

    private void Unassert(PpLexer lexer, PpToken directive)
    {
        var tokens = LineTokens(lexer, out var end);
        if (Assertion(tokens, 0, end, false, true, out var answer, out var next) is not { } predicate) return;
        if (answer is null) _assertions.Remove(predicate);
        else if (_assertions.TryGetValue(predicate, out var answers)) answers.Remove(answer);
        if (next < tokens.Count) Warn(tokens[next], $"extra tokens at end of #{directive.Text} directive");
    }

    /// <summary>An #if's <c>#pred</c> or <c>#pred(answer)</c> at <paramref name="at"/> (the '#'): whether it holds (any
    /// answer without one), and the index of its last token; null after an error, which stops the #if.</summary>
    private (bool Holds, int Last)? AssertionTest(List<PpToken> tokens, int at, PpToken end)
    {
        Warn(tokens[at], "assertions are a deprecated extension [-Wdeprecated]");
        if (Assertion(tokens, at + 1, end, true, false, out var answer, out var next) is not { } predicate) return null;
        var holds = _assertions.TryGetValue(predicate, out var answers) && answers.Count > 0 && (answer is null || answers.Contains(answer));
        return (holds, next - 1);
    }
}
