using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// Recursive-descent parser for the dtc language (dtc-parser.y), building the tree the way dtc does:
/// node merging, label placement, deletions, /omit-if-no-ref/, overlay sugar for plugins, typed markers.
/// Semantic errors are reported and parsing continues; a syntax error stops the parse.
/// </summary>
public sealed class DtsParser
{
    private sealed class SyntaxErrorException : Exception { }

    private readonly DtsLexer _lexer;
    private readonly SourceResolver _resolver;
    private readonly DiagnosticBag _diagnostics;
    private bool _semanticError;
    private bool _isPlugin;
    private int _nextOrphanFragment;
    private bool _consumedAny;

    /// <summary>The lookahead token, read in place in the lexer.</summary>
    private ref readonly Token _token => ref _lexer.Current;

    /// <summary>End of the last token the grammar consumed (bison's @$ end), not the lookahead.</summary>
    private SourcePosition LastConsumed => _lexer.ToPosition(LastConsumedSpan);

    private SourceSpan LastConsumedSpan => _consumedAny ? _lexer.PreviousSpan : _token.Span;

    private DtsParser(DtsLexer lexer, SourceResolver resolver, DiagnosticBag diagnostics)
    {
        _lexer = lexer;
        _resolver = resolver;
        _diagnostics = diagnostics;
        lexer.MoveNext();
    }

    /// <summary>
    /// Parses a DTS file (or "-" for standard input). Returns null when the source has errors; the
    /// reasons are in <paramref name="diagnostics"/>.
    /// </summary>
    public static DeviceTree? Parse(string fileName, SourceResolver resolver, DiagnosticBag diagnostics)
    {
        try
        {
            var lexer = new DtsLexer(resolver, diagnostics, fileName);
            var parser = new DtsParser(lexer, resolver, diagnostics);
            DeviceTree? tree;
            try
            {
                tree = parser.ParseSourceFile();
            }
            catch (SyntaxErrorException)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "fatal", null, "Unable to parse input tree", "FATAL ERROR: Unable to parse input tree"));
                return null;
            }
            finally
            {
                lexer.ReturnNames();
            }
            if (!parser._semanticError && !lexer.HadError) lexer.ReportEmptyPathReference();
            if (parser._semanticError || lexer.HadError)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "fatal", null, "Syntax error parsing input tree", "FATAL ERROR: Syntax error parsing input tree"));
                return null;
            }
            return tree;
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
    }

    /// <summary>Parses DTS text held in memory (for tests and in-process use).</summary>
    public static DeviceTree? ParseText(string text, DiagnosticBag diagnostics, string fileName = "<input>", IEnumerable<string>? searchPaths = null)
        => ParseBytes(System.Text.Encoding.Latin1.GetBytes(text), diagnostics, fileName, searchPaths);

    /// <summary>
    /// Parses DTS source bytes held in memory (as read from a file; not copied). Includes named in the source
    /// are read from disk, relative to <paramref name="fileName"/>'s folder and then <paramref name="searchPaths"/>.
    /// </summary>
    public static DeviceTree? ParseBytes(byte[] source, DiagnosticBag diagnostics, string fileName = "<input>", IEnumerable<string>? searchPaths = null)
    {
        var resolver = new SourceResolver(searchPaths, path => path == fileName ? source : File.Exists(path) ? File.ReadAllBytes(path) : null);
        return Parse(fileName, resolver, diagnostics);
    }

    private SourcePosition Pos(in Token token) => _lexer.ToPosition(token.Span);

    private SourcePosition Pos(in SourceSpan span) => _lexer.ToPosition(span);

    private void Error(SourcePosition pos, string message)
    {
        _semanticError = true;
        _diagnostics.Error(pos.ToString(), message);
    }

    /// <summary>Consumes the lookahead and returns a copy of it.</summary>
    private Token Advance()
    {
        var t = _token;
        Skip();
        return t;
    }

    /// <summary>Consumes the lookahead (for callers that have read what they need from it).</summary>
    private void Skip()
    {
        _consumedAny = true;
        _lexer.MoveNext();
    }

    /// <summary>A message of a rule whose action dtc runs before it reads the next token: it goes before the lexical
    /// errors of the lookahead this parser has already read.</summary>
    private void BeforeLookahead(Diagnostic d)
    {
        var at = _lexer.CurrentTokenMessages;
        if (at < 0) _diagnostics.Add(d);
        else _diagnostics.Insert(at, d);
    }

    private void ErrorBeforeLookahead(SourcePosition pos, string message)
    {
        _semanticError = true;
        BeforeLookahead(new Diagnostic(Severity.Error, null, pos.ToString(), message, $"Error: {pos} {message}"));
    }

    private SyntaxErrorException Syntax()
    {
        _diagnostics.Error(Pos(_token).ToString(), "syntax error");
        return new SyntaxErrorException();
    }

    private SyntaxErrorException NestedTooDeeply()
    {
        _diagnostics.Error(Pos(_token).ToString(), "memory exhausted");
        return new SyntaxErrorException();
    }

    /// <summary>Consumes the expected character; returns where it was.</summary>
    private SourceSpan Expect(char c)
    {
        if (!_token.IsChar(c)) throw Syntax();
        var span = _token.Span;
        Skip();
        return span;
    }

    private Token Expect(TokenKind kind)
    {
        if (_token.Kind != kind) throw Syntax();
        return Advance();
    }

    private DeviceTree ParseSourceFile()
    {
        var flags = ParseHeaders();
        _isPlugin = flags;
        var reserves = new List<ReserveEntry>();
        while (_token.Kind is TokenKind.Label or TokenKind.MemReserve) reserves.Add(ParseMemReserve());
        var root = ParseDeviceTree();
        if (_token.Kind != TokenKind.EndOfFile) throw Syntax();
        var tree = new DeviceTree(root) { IsPlugin = _isPlugin, BootCpuId = GuessBootCpuId(root), AnnotationBase = _lexer.AnnotationBase };
        tree.ReserveEntries.AddRange(reserves);
        return tree;
    }

    private bool ParseHeaders()
    {
        bool? first = null;
        do
        {
            var start = Pos(Expect(TokenKind.V1));
            var end = Pos(Expect(';'));
            var plugin = false;
            if (_token.Kind == TokenKind.Plugin)
            {
                Skip();
                end = Pos(Expect(';'));
                plugin = true;
            }
            if (first is null) first = plugin;
            else if (first != plugin)
            {
                // bison reports at the location of the rest of the header list
                Error(start.Span(end), "Header flags don't match earlier ones");
            }
        } while (_token.Kind == TokenKind.V1);
        return first!.Value;
    }

    private ReserveEntry ParseMemReserve()
    {
        var labels = new List<string>();
        while (_token.Kind == TokenKind.Label) labels.Add(Advance().Text);
        Expect(TokenKind.MemReserve);
        var address = ParseIntegerPrim();
        var size = ParseIntegerPrim();
        Expect(';');
        var entry = new ReserveEntry(address, size);
        for (var i = labels.Count - 1; i >= 0; i--) LabelList.Add(entry.Labels, labels[i]);
        return entry;
    }

    private static bool IsRef(in Token t) => t.Kind is TokenKind.LabelRef or TokenKind.PathRef;

    private LabelCache? _labelCache;

    /// <summary>Lookups for amendments (<c>&amp;label { }</c>): remembered, so each does not walk the whole tree.</summary>
    private LabelCache Labels(DtNode root) => _labelCache is { } c && ReferenceEquals(c.Root, root) ? c : _labelCache = new LabelCache(root);

    private static bool IsRelative(string reference) => reference[0] != '/' && reference.IndexOf('/', 1) >= 0;

    private DtNode ParseDeviceTree()
    {
        DtNode root;
        if (_token.IsChar('/'))
        {
            Skip();
            root = ParseNodeDef();
            root.Name = "";
        }
        else if (IsRef(_token))
        {
            var reference = Advance().Text;
            var node = ParseNodeDef();
            if (!_isPlugin) Error(node.Position!, $"Label or path {reference} not found");
            else if (IsRelative(reference)) Error(node.Position!, $"Label-relative reference {reference} not supported in plugin");
            root = new DtNode("");
            AddOrphanNode(root, node, reference);
        }
        else throw Syntax();

        while (true)
        {
            if (_token.IsChar('/'))
            {
                Skip();
                var node = ParseNodeDef();
                TreeMerge.Merge(root, node);
            }
            else if (_token.Kind == TokenKind.Label)
            {
                var label = Advance();
                if (!IsRef(_token)) throw Syntax();
                var refToken = Advance();
                var node = ParseNodeDef();
                if (_isPlugin && IsRelative(refToken.Text))
                    Error(Pos(label), $"Label-relative reference {refToken.Text} not supported in plugin");
                var target = Labels(root).NodeByReference(refToken.Text);
                if (target is not null)
                {
                    LabelList.Add(target.Labels, label.Text);
                    TreeMerge.Merge(target, node);
                }
                else Error(Pos(refToken), $"Label or path {refToken.Text} not found");
            }
            else if (_token.Kind == TokenKind.PathRef)
            {
                var refToken = Advance();
                var node = ParseNodeDef();
                if (_isPlugin)
                {
                    if (IsRelative(refToken.Text))
                        Error(Pos(refToken), $"Label-relative reference {refToken.Text} not supported in plugin");
                    AddOrphanNode(root, node, refToken.Text);
                }
                else
                {
                    var target = Labels(root).NodeByReference(refToken.Text);
                    if (target is not null) TreeMerge.Merge(target, node);
                    else Error(Pos(refToken), $"Label or path {refToken.Text} not found");
                }
            }
            else if (_token.Kind == TokenKind.LabelRef)
            {
                var refToken = Advance();
                var node = ParseNodeDef();
                var target = Labels(root).NodeByReference(refToken.Text);
                if (target is not null) TreeMerge.Merge(target, node);
                else if (_isPlugin) AddOrphanNode(root, node, refToken.Text);
                else Error(Pos(refToken), $"Label or path {refToken.Text} not found");
            }
            else if (_token.Kind is TokenKind.DeleteNode or TokenKind.OmitIfNoRef)
            {
                var delete = Advance().Kind == TokenKind.DeleteNode;
                if (!IsRef(_token)) throw Syntax();
                var refToken = Advance();
                Expect(';');
                var target = Labels(root).NodeByReference(refToken.Text);
                if (target is null) Error(Pos(refToken), $"Label or path {refToken.Text} not found");
                else if (delete) target.MarkDeleted();
                else target.OmitIfUnused = true;
            }
            else return root;
        }
    }

    private void AddOrphanNode(DtNode root, DtNode node, string reference)
    {
        var value = new PropertyValue();
        DtProperty target;
        if (reference.StartsWith('/'))
        {
            value.AddMarker(MarkerType.TypeString, reference);
            value.AppendString(reference);
            target = new DtProperty("target-path", value);
        }
        else
        {
            value.AddMarker(MarkerType.RefPhandle, reference);
            value.AppendInteger(0xffffffff, 32);
            target = new DtProperty("target", value);
        }
        node.Name = "__overlay__";
        var fragment = new DtNode($"fragment@{_nextOrphanFragment++}");
        fragment.AddProperty(target);
        fragment.AddChild(node);
        root.AddChild(fragment);
    }

    private DtNode ParseNodeDef()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw NestedTooDeeply();
        var open = Expect('{');
        var node = new DtNode("");
        var sawSubnode = false;
        // items are gathered on the parser's stacks and go into the node's lists at their final count: lists grown
        // item by item leave their outgrown arrays behind (a tenth of a board's parse allocations)
        var firstProperty = _pendingProperties.Count;
        var firstChild = _pendingChildren.Count;
        while (!_token.IsChar('}'))
        {
            var item = ParseNodeItem();
            if (item is DtProperty prop)
            {
                if (sawSubnode)
                {
                    // dtc reports the whole definition, its labels and a /delete-property/ included
                    Error(_lexer.ToPosition(_itemStart, LastConsumedSpan), "Properties must precede subnodes");
                    throw new SyntaxErrorException();
                }
                _pendingProperties.Add(prop);
            }
            else
            {
                sawSubnode = true;
                _pendingChildren.Add((DtNode)item);
            }
        }
        MovePending(_pendingProperties, firstProperty, node.AllProperties);
        MovePending(_pendingChildren, firstChild, node.AllChildren);
        foreach (var child in CollectionsMarshal.AsSpan(node.AllChildren)) child.Parent = node;
        Skip();
        var close = Expect(';');
        node.Position = _lexer.ToPosition(open, close);
        return node;
    }

    private readonly List<DtProperty> _pendingProperties = new();
    private readonly List<DtNode> _pendingChildren = new();

    private static void MovePending<T>(List<T> pending, int first, List<T> target)
    {
        var items = CollectionsMarshal.AsSpan(pending)[first..];
        target.Capacity = items.Length;
        target.AddRange(items);
        items.Clear(); // the parser's stacks hold no finished node
        CollectionsMarshal.SetCount(pending, first);
    }

    // where the item ParseNodeItem read last starts (its first label, if any)
    private SourceSpan _itemStart;

    /// <summary>Parses one property definition or one subnode, including its leading labels.</summary>
    private object ParseNodeItem()
    {
        _itemStart = _token.Span;
        // an item's labels wait on the parser's stack (a node's above those of the items it holds) until the item
        // is made; most items have none, and a property's label list is made only when it gets one
        var firstLabel = _pendingLabels.Count;
        var omit = false;
        while (true)
        {
            if (_token.Kind == TokenKind.Label)
            {
                _pendingLabels.Add(_token.Text);
                Skip();
            }
            else if (_token.Kind == TokenKind.OmitIfNoRef) { Skip(); omit = true; }
            else break;
        }

        if (_token.Kind == TokenKind.DeleteProperty)
        {
            if (omit) throw Syntax();
            Skip();
            var name = Expect(TokenKind.PropNodeName);
            Expect(';');
            var prop = new DtProperty(name.Text, new PropertyValue()) { Deleted = true };
            if (_pendingLabels.Count > firstLabel) ApplyLabels(prop.Labels, firstLabel);
            return prop;
        }
        if (_token.Kind == TokenKind.DeleteNode)
        {
            var start = Advance();
            var name = Expect(TokenKind.PropNodeName);
            var end = Expect(';');
            var node = new DtNode(name.Text) { Deleted = true, Position = _lexer.ToPosition(start.Span, end), OmitIfUnused = omit };
            if (_pendingLabels.Count > firstLabel) ApplyLabels(node.Labels, firstLabel);
            return node;
        }
        if (_token.Kind != TokenKind.PropNodeName) throw Syntax();
        var itemName = _token.Text;
        var nameSpan = _token.Span;
        ValueSlice value;
        SourceSpan semicolon;
        _valueScratch.Clear();
        if (!omit && _lexer.TryTakePlainValue(_valueScratch, out semicolon))
        {
            // the common property in one step (see TryTakePlainValue); anything else token by token below
            _consumedAny = true;
            value = _values.CopySlice(_valueScratch.Bytes, _valueScratch.Markers);
            return NewProperty(itemName, value, nameSpan, semicolon, firstLabel);
        }
        Skip();
        if (_token.IsChar('{'))
        {
            var node = ParseNodeDef();
            node.Name = itemName;
            node.OmitIfUnused |= omit;
            if (_pendingLabels.Count > firstLabel) ApplyLabels(node.Labels, firstLabel);
            return node;
        }
        if (omit) throw Syntax();
        if (_token.IsChar('='))
        {
            Skip();
            value = ParsePropData();
        }
        else value = ValueSlice.Empty;
        semicolon = Expect(';');
        return NewProperty(itemName, value, nameSpan, semicolon, firstLabel);
    }

    private DtProperty NewProperty(string name, in ValueSlice value, in SourceSpan nameSpan, in SourceSpan semicolon, int firstLabel)
    {
        var property = new DtProperty(name, value, _lexer.FileName(semicolon), nameSpan.FirstLine, nameSpan.FirstColumn,
            semicolon.LastLine, semicolon.LastColumn);
        if (_pendingLabels.Count > firstLabel) ApplyLabels(property.Labels, firstLabel);
        return property;
    }

    private readonly List<string> _pendingLabels = new();

    /// <summary>Gives an item the labels waiting on the stack from <paramref name="first"/> on, and takes them off.</summary>
    private void ApplyLabels(List<Label> target, int first)
    {
        // The grammar applies the innermost label first.
        for (var i = _pendingLabels.Count - 1; i >= first; i--) LabelList.Add(target, _pendingLabels[i]);
        CollectionsMarshal.SetCount(_pendingLabels, first);
    }

    // one value under construction at a time: built here, then copied out at its final size into the tree's shared
    // chunks (values grown in place leave a trail of outgrown buffers)
    private readonly ValueBuilder _valueScratch = new();
    private readonly ValueArena _values = new();

    private ValueSlice ParsePropData()
    {
        var d = _valueScratch;
        d.Clear();
        while (true)
        {
            while (_token.Kind == TokenKind.Label) d.AddMarker(MarkerType.Label, Advance().Text);
            ParseChunk(d);
            while (_token.Kind == TokenKind.Label) d.AddMarker(MarkerType.Label, Advance().Text);
            if (!_token.IsChar(',')) return _values.CopySlice(d.Bytes, d.Markers);
            Skip();
        }
    }

    private void ParseChunk(ValueBuilder d)
    {
        switch (_token.Kind)
        {
            case TokenKind.String:
                d.AddMarker(MarkerType.TypeString, null);
                d.Append(_token.StringBytes);
                d.AppendByte(0);
                Skip();
                return;
            case TokenKind.LabelRef:
            case TokenKind.PathRef:
            {
                var reference = _token.Text;
                Skip();
                d.AddMarker(MarkerType.TypeString, reference);
                d.AddMarker(MarkerType.RefPath, reference);
                return;
            }
            case TokenKind.Bits:
                ParseArray(d);
                return;
            case TokenKind.Incbin:
                Skip();
                ParseIncbin(d);
                return;
            case TokenKind.Char when _token.IsChar('<'):
                ParseArray(d);
                return;
            case TokenKind.Char when _token.IsChar('['):
            {
                // dtc builds the bytestring apart and merges it: the same as appending it here, its markers' offsets
                // shifted by what came before
                Skip();
                d.AddMarker(MarkerType.TypeUint8, null);
                while (true)
                {
                    if (_token.Kind == TokenKind.Byte) d.AppendByte((byte)Advance().Value);
                    else if (_token.Kind == TokenKind.Label) d.AddMarker(MarkerType.Label, Advance().Text);
                    else break;
                }
                Expect(']');
                return;
            }
            default:
                throw Syntax();
        }
    }

    private void ParseIncbin(ValueBuilder d)
    {
        Expect('(');
        var name = Expect(TokenKind.String);
        ulong offset = 0;
        long length = -1;
        if (_token.IsChar(','))
        {
            Skip();
            offset = ParseIntegerPrim();
            Expect(',');
            var len = ParseIntegerPrim();
            length = len > long.MaxValue ? long.MaxValue : (long)len;
        }
        Expect(')');
        var nameBytes = name.StringBytes;
        var nul = nameBytes.IndexOf((byte)0);
        var fileName = IO.FileNameText.FromSourceBytes(nul < 0 ? nameBytes : nameBytes[..nul]);
        var (_, data) = _resolver.Open(fileName, _lexer.CurrentDirectory, OpenedAs.Binary);
        d.AddMarker(MarkerType.None, null);
        var start = offset > (ulong)data.Length ? data.Length : (int)offset;
        var available = data.Length - start;
        var count = length < 0 ? available : (int)Math.Min(available, length);
        d.Append(data.AsSpan(start, count));
    }

    /// <summary>Appends one <c>&lt;...&gt;</c> array to <paramref name="d"/> (in place of a merge of a new value).</summary>
    private void ParseArray(ValueBuilder d)
    {
        var bits = 32;
        var type = MarkerType.TypeUint32;
        SourceSpan? badSize = null;
        if (_token.Kind == TokenKind.Bits)
        {
            Skip();
            var size = Expect(TokenKind.Literal);
            switch (size.Value)
            {
                case 8: bits = 8; type = MarkerType.TypeUint8; break;
                case 16: bits = 16; type = MarkerType.TypeUint16; break;
                case 32: break;
                case 64: bits = 64; type = MarkerType.TypeUint64; break;
                default: badSize = size.Span; break;
            }
        }
        if (!_token.IsChar('<')) throw Syntax();
        d.AddMarker(type, null);
        SkipInCells(d, bits);
        // dtc checks the size when the rule ends, at the '<': before the lookahead's messages (the plain literals read
        // with the '<' have none)
        if (badSize is { } at) ErrorBeforeLookahead(Pos(at), "Array elements must be 8, 16, 32 or 64-bits");
        ParseCells(d, bits);
    }

    /// <summary>Consumes the lookahead inside a cell list, and with it the plain literals that follow it.</summary>
    private void SkipInCells(ValueBuilder d, int bits)
    {
        _consumedAny = true;
        _lexer.MoveNextInCells(d, bits);
    }

    /// <summary>The cells of an array up to and including its '&gt;'.</summary>
    private void ParseCells(ValueBuilder d, int bits)
    {
        var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        while (!_token.IsChar('>'))
        {
            if (_token.Kind == TokenKind.Literal && _token.Value <= max)
            {
                // the common cell, and the run of cells after it, without the general integer path
                d.AppendInteger(_token.Value, bits);
                SkipInCells(d, bits);
            }
            else if (_token.Kind == TokenKind.Label)
            {
                d.AddMarker(MarkerType.Label, Advance().Text);
            }
            else if (IsRef(_token))
            {
                var reference = _token.Text;
                var span = _token.Span;
                if (bits == 32) d.AddMarker(MarkerType.RefPhandle, reference);
                // an error goes before the lookahead's messages: the plain literals read with the reference have none
                d.AppendInteger(ulong.MaxValue >> (64 - bits), bits);
                SkipInCells(d, bits);
                if (bits != 32) ErrorBeforeLookahead(Pos(span), "References are only allowed in arrays with 32-bit elements.");
            }
            else
            {
                var start = _token.Span;
                var value = ParseIntegerPrim();
                // a 64-bit value never exceeds the mask; a negative one (all ones above it) is truncated silently
                if (value > max && (value | max) != ulong.MaxValue)
                {
                    var loc = _lexer.ToPosition(start, LastConsumedSpan);
                    var truncated = (value & max).ToString("x").PadLeft(bits / 4, '0');
                    BeforeLookahead(new Diagnostic(Severity.Warning, null, loc.ToString(),
                        $"Value 0x{value:x16} truncated to 0x{truncated}", $"WARNING: {loc}: Value 0x{value:x16} truncated to 0x{truncated}"));
                }
                d.AppendInteger(value, bits);
            }
        }
        Skip();
    }


    private ulong ParseIntegerPrim()
    {
        switch (_token.Kind)
        {
            case TokenKind.Literal:
            case TokenKind.CharLiteral:
                var value = _token.Value;
                Skip();
                return value;
            case TokenKind.Char when _token.IsChar('('):
                Skip();
                var v = ParseExpression();
                Expect(')');
                return v;
            default:
                throw Syntax();
        }
    }

    private ulong ParseExpression() => ParseTernary();

    private ulong ParseTernary()
    {
        var cond = ParseBinary(1);
        if (!_token.IsChar('?')) return cond;
        Skip();
        var a = ParseExpression();
        Expect(':');
        var b = ParseTernary();
        return cond != 0 ? a : b;
    }

    /// <summary>
    /// The binary operators from <paramref name="minLevel"/> up, by precedence climbing: one call per operand instead
    /// of one per level of dtc's grammar (ten, from integer_expr down to integer_mul), which were a tenth of a kernel
    /// board's parse. All are left-associative and both operands are always evaluated, as in dtc.
    /// </summary>
    private ulong ParseBinary(int minLevel)
    {
        // where this operand chain starts: dtc locates a division by zero from the start of its integer_mul, and
        // a '*', '/' or '%' is only met here when the chain is one (after any lower operator, the right operand's
        // call takes every '*', '/' and '%' that follows)
        var start = _token.Span;
        var v = ParseUnary();
        while (true)
        {
            var level = BinaryLevel(_token);
            if (level < minLevel) return v;
            var kind = _token.Kind;
            var op = _token.CharValue;
            Skip();
            var r = ParseBinary(level + 1);
            v = kind switch
            {
                TokenKind.LogicalOr => v != 0 || r != 0 ? 1UL : 0UL,
                TokenKind.LogicalAnd => v != 0 && r != 0 ? 1UL : 0UL,
                TokenKind.Equal => v == r ? 1UL : 0UL,
                TokenKind.NotEqual => v != r ? 1UL : 0UL,
                TokenKind.LessEqual => v <= r ? 1UL : 0UL,
                TokenKind.GreaterEqual => v >= r ? 1UL : 0UL,
                TokenKind.LeftShift => r < 64 ? v << (int)r : 0,
                TokenKind.RightShift => r < 64 ? v >> (int)r : 0,
                _ => op switch
                {
                    '|' => v | r,
                    '^' => v ^ r,
                    '&' => v & r,
                    '<' => v < r ? 1UL : 0UL,
                    '>' => v > r ? 1UL : 0UL,
                    '+' => v + r,
                    '-' => v - r,
                    '*' => v * r,
                    _ => Divide(v, r, op == '/', start),
                },
            };
        }
    }

    private ulong Divide(ulong v, ulong r, bool quotient, in SourceSpan start)
    {
        if (r != 0) return quotient ? v / r : v % r;
        ErrorBeforeLookahead(_lexer.ToPosition(start, LastConsumedSpan), "Division by zero"); // dtc reduces before reading on
        return 0;
    }

    /// <summary>The precedence of a binary operator (1 for '||' .. 10 for '*', '/', '%'); 0 for any other token.</summary>
    private static int BinaryLevel(in Token t) => t.Kind switch
    {
        TokenKind.LogicalOr => 1,
        TokenKind.LogicalAnd => 2,
        TokenKind.Equal or TokenKind.NotEqual => 6,
        TokenKind.LessEqual or TokenKind.GreaterEqual => 7,
        TokenKind.LeftShift or TokenKind.RightShift => 8,
        TokenKind.Char => t.CharValue switch
        {
            '|' => 3,
            '^' => 4,
            '&' => 5,
            '<' or '>' => 7,
            '+' or '-' => 9,
            '*' or '/' or '%' => 10,
            _ => 0,
        },
        _ => 0,
    };

    private ulong ParseUnary()
    {
        // parentheses and unary operators nest by recursion: past what the stack holds, refuse as dtc's parser
        // refuses past its stack of 10,000 ("memory exhausted"), never overflow
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw NestedTooDeeply();
        if (_token.IsChar('-')) { Skip(); return unchecked(0UL - ParseUnary()); }
        if (_token.IsChar('~')) { Skip(); return ~ParseUnary(); }
        if (_token.IsChar('!')) { Skip(); return ParseUnary() == 0 ? 1UL : 0UL; }
        return ParseIntegerPrim();
    }

    /// <summary>dtc's guess: the <c>reg</c> of the first child of /cpus when it is one cell.</summary>
    internal static uint GuessBootCpuId(DtNode root)
    {
        var cpus = TreeLookup.NodeByPath(root, "/cpus");
        if (cpus is null || cpus.AllChildren.Count == 0) return 0;
        var reg = cpus.AllChildren[0].GetProperty("reg");
        if (reg is null || reg.Value.Length != 4) return 0;
        return reg.Value.ReadCell(0);
    }
}
