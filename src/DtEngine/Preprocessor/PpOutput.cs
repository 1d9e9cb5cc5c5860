using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// Prints the token stream the way GNU cpp does, so that line numbers stay true: blank lines for small
/// gaps, a <c># N "file"</c> marker for gaps of eight lines or more and at every file change, tokens indented
/// to roughly their column, one space where the source had white space, and a space where two tokens from
/// a macro expansion would otherwise read back as one.
/// </summary>
internal sealed class PpOutput
{
    private readonly StringBuilder _out = new();
    private readonly bool _markers;
    private int _line;
    private bool _printed;
    private PpToken? _prev;
    private PpToken? _paddingSource;
    private bool _avoidPaste;
    private string _file = "";
    private int _systemLevel;

    public PpOutput(bool markers) => _markers = markers;

    /// <summary>A marker for entering (<paramref name="flags"/> " 1"), returning to (" 2") or renaming a file, which
    /// is then a system header of <paramref name="systemLevel"/> (see <see cref="IncludeFrame.SystemLevel"/>).</summary>
    public void FileChange(string name, int line, string flags, int systemLevel = 0)
    {
        if (_printed) _out.Append('\n');
        _printed = false;
        _file = name;
        _systemLevel = systemLevel;
        Marker(line, flags);
        _prev = null;
    }

    /// <summary><c># LINE "FILE" FLAGS</c> (nothing under -P); the output is then at that line.</summary>
    private void Marker(int line, string flags)
    {
        if (_markers) _out.Append("# ").Append(line).Append(" \"").Append(CPreprocessor.Quoted(IO.FileNameText.ToSourceText(_file))).Append('"').Append(flags)
                .Append(_systemLevel switch { 1 => " 3", 2 => " 3 4", _ => "" }).Append('\n');
        _line = line;
    }

    /// <summary>The first token of a source line is about to be read: move the output to its line.</summary>
    public void LineChange(PpToken first)
    {
        MaybePrintLine(first.Line);
        _prev = null;
        _paddingSource = null;
        for (var spaces = first.Column - 2; spaces > 0; spaces--) _out.Append(' ');
        _printed = true;
    }

    /// <summary>Before entering an included file: bring the output to the line of the directive.</summary>
    public void MaybePrintLine(int line)
    {
        if (_printed)
        {
            _out.Append('\n');
            _line++;
            _printed = false;
        }
        if (_markers && line >= _line && line < _line + 8)
        {
            for (; _line < line; _line++) _out.Append('\n');
        }
        else Marker(line, "");
    }

    public void Padding(PpToken padding)
    {
        _avoidPaste = true;
        if (_paddingSource is null || (!_paddingSource.PrevWhite && padding.PaddingSource is null))
            _paddingSource = padding.PaddingSource;
    }

    public void Token(PpToken token)
    {
        if (_avoidPaste)
        {
            var source = _paddingSource ?? token;
            if (source.PrevWhite || (_prev is not null && WouldPaste(_prev, token)) || (_prev is null && token.Is("#")))
                _out.Append(' ');
        }
        else if (token.PrevWhite)
        {
            _out.Append(' ');
        }
        _avoidPaste = false;
        _paddingSource = null;
        _prev = token;
        _out.Append(token.Text);
        _printed = true;
    }

    /// <summary>Whether printing <paramref name="b"/> right after <paramref name="a"/> would lex differently (cpp's rule).</summary>
    internal static bool WouldPaste(PpToken a, PpToken b)
    {
        var c = b.Kind == PpKind.Punctuator ? b.Text[0] : '\0';
        if (a.Kind == PpKind.Punctuator)
        {
            var t = a.Text;
            if (c == '=' && t is "=" or "!" or ">" or "<" or "+" or "-" or "*" or "/" or "%" or "&" or "|" or "^" or ">>" or "<<") return true;
            return t switch
            {
                ">" => c == '>',
                "<" => c is '<' or '%' or ':',
                "+" => c == '+',
                "-" => c is '-' or '>',
                "/" => c is '/' or '*',
                "%" => c is ':' or '%',
                "&" => c == '&',
                "|" => c == '|',
                ":" => c is ':' or '>',
                "->" => c == '*',
                "." => c is '.' or '%' || b.Kind == PpKind.Number,
                "#" => c is '#' or '%',
                _ => false,
            };
        }
        return a.Kind switch
        {
            PpKind.Identifier => b.Kind is PpKind.Identifier or PpKind.Char or PpKind.String
                                 || (b.Kind == PpKind.Number && b.Text.All(PpLexer.IsIdentifierPart)),
            PpKind.Number => b.Kind is PpKind.Number or PpKind.Identifier or PpKind.Char || c is '.' or '+' or '-',
            PpKind.Other => a.Text == "\\" && b.Kind == PpKind.Identifier,
            _ => false,
        };
    }

    /// <summary>The text; a run stopped by a fatal error leaves its last line open, as cpp's does.</summary>
    public string Finish(bool stopped = false)
    {
        if (_printed && !stopped) _out.Append('\n');
        _printed = false;
        return _out.ToString();
    }
}
