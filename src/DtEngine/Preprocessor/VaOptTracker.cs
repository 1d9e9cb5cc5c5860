namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// GNU cpp 12's check of <c>__VA_OPT__</c> in a variadic macro's body as the definition is read (its vaopt_state):
/// an open parenthesis must follow it, it may not nest, its group may not start or end with <c>##</c>, and it must be
/// closed by the body's end. A definition that fails is not made.
/// </summary>
internal sealed class VaOptTracker
{
    private const string PasteAtEnd = "'##' cannot appear at either end of __VA_OPT__";

    // 0: outside; 1: after __VA_OPT__; 2: after its '('; 3 and more: inside, one more per open parenthesis
    private int _state;
    private PpToken? _opener;
    private bool _lastWasPaste;

    /// <summary>Takes the body's next token (a '#' and '##' included); returns the error it makes, if any.</summary>
    public PpException? Update(PpToken token)
    {
        if (token.Kind == PpKind.Identifier && token.Text == "__VA_OPT__")
        {
            if (_state > 0) return new PpException("__VA_OPT__ may not appear in a __VA_OPT__", token);
            _state = 1;
            _opener = token;
            return null;
        }
        if (_state == 0) return null;
        if (_state == 1)
        {
            if (!token.Is("(")) return new PpException("__VA_OPT__ must be followed by an open parenthesis", _opener!);
            _state = 2;
            return null;
        }
        if (_state == 2 && token.Is("##")) return new PpException(PasteAtEnd, token);
        if (_state == 2) _state = 3;
        var afterPaste = _lastWasPaste;
        _lastWasPaste = token.Is("##");
        if (token.Is("(")) _state++;
        else if (token.Is(")") && --_state == 2)
        {
            _state = 0;
            if (afterPaste) return new PpException(PasteAtEnd, token);
        }
        return null;
    }

    /// <summary>The error for a group the body's end left open, if any.</summary>
    public PpException? Unterminated => _state != 0 ? new PpException("unterminated __VA_OPT__", _opener!) : null;
}
