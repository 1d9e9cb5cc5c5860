using System.Globalization;
using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// A C preprocessor for device-tree sources, equal in output to GNU cpp run as the kernel runs it
/// (<c>-nostdinc -undef -D__DTS__ -x assembler-with-cpp</c>): directives, conditionals, includes with search
/// paths and guards, macro expansion, and <c># N "file"</c> markers so later stages report original lines.
/// </summary>
public sealed partial class CPreprocessor
{
    private static readonly HashSet<string> Directives = new()
    {
        "define", "undef", "include", "include_next", "import", "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef",
        "else", "endif", "line", "error", "warning", "pragma", "ident", "sccs", "assert", "unassert",
    };

    private readonly PpOptions _options;
    private readonly Dictionary<string, PpMacro> _macros = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Stack<PpMacro?>> _pushedMacros = new(StringComparer.Ordinal);
    private readonly Stack<IncludeFrame> _frames = new();
    private readonly List<Conditional> _conditions = new();
    private readonly HashSet<string> _onceFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _guards = new(StringComparer.Ordinal);
    private readonly List<string> _dependencies = new();
    // what has been listed: a path, or for an #include the file's identity in cpp's lookup cache (see AddDependency)
    private readonly HashSet<string> _dependencySet = new(StringComparer.Ordinal);
    private readonly List<PpMessage> _messages = new();
    private readonly PpOutput _output;
    private readonly List<string> _searchPath;
    private readonly int _quoteCount;
    // where the system folders (-isystem, then -idirafter) start in _searchPath
    private readonly int _systemStart;
    private MacroExpander _expander = null!;
    private string _baseFile = "";
    private int _counter;
    private readonly StringPool _pool = new();
    private readonly string _workingDirectory = Directory.GetCurrentDirectory();

    private CPreprocessor(PpOptions options)
    {
        _options = options;
        _output = new PpOutput(options.LineMarkers);
        static string Trim(string d) => d.Length > 1 ? d.TrimEnd('/') : d;
        _searchPath = options.QuoteIncludePaths.Select(Trim).ToList();
        _quoteCount = _searchPath.Count;
        _searchPath.AddRange(options.IncludePaths.Select(Trim));
        _systemStart = _searchPath.Count;
        _searchPath.AddRange(options.SystemIncludePaths.Select(Trim));
    }

    /// <summary>Preprocesses a file ("-" for standard input, given as <paramref name="standardInput"/>).</summary>
    public static PpResult Run(string path, PpOptions options, byte[]? standardInput = null)
    {
        var pp = new CPreprocessor(options);
        return pp.RunMain(path, standardInput);
    }

    private bool Skipping => _conditions.Count > 0 && _conditions[^1].Skipping;
    private IncludeFrame Current => _frames.Peek();

    /// <summary>Whether a file can be opened (include search), without reading it.</summary>
    private bool Exists(string path) => _options.ReadFile is { } read ? read(path) is not null : File.Exists(path);

    private byte[]? Read(string path) => _options.ReadFile is { } read ? read(path) : Dts.SourceResolver.ReadFileOrNull(path);

    private PpResult RunMain(string path, byte[]? standardInput)
    {
        var name = path == "-" ? "<stdin>" : path;
        _baseFile = name;
        try
        {
            string? failure = null;
            var data = path == "-" ? standardInput ?? IO.StandardInput.TryReadAll(out failure) : Read(path);
            if (data is null)
            {
                var why = path == "-" ? $"<stdin>: {failure}" : $"{IO.FileNameText.ToSourceText(path)}: No such file or directory";
                _messages.Add(new PpMessage(PpSeverity.Fatal, "viommu cpp", why, Array.Empty<string>()));
                return Finish();
            }
            _expander = new MacroExpander(_macros, NextFromFiles, _output.LineChange, Builtin, false, _options.MaxExpansionTokens)
            {
                Assembler = _options.Assembler,
                LastRead = () => _frames.Count > 0 ? Current.Lexer.LastReadPlace() : null,
            };
            _output.FileChange(name, 0, "");
            _output.FileChange("<built-in>", 0, "");
            DefineBuiltins();
            _output.FileChange("<command-line>", 0, "");
            foreach (var (op, text) in _options.MacroOperations) CommandLineMacro(op, text);
            AddDependency(name);
            foreach (var forced in _options.ForcedIncludes) RunForcedInclude(forced);
            _output.FileChange(name, 1, "");
            PushFile(data, name, SourceResolverDirectory(name), -1, null, 0);
            Pump();
        }
        catch (PpException e)
        {
            Report(e, e.Fatal);
            return Finish(stopped: true);
        }
        return Finish();
    }

    private PpResult Finish(bool stopped = false)
    {
        var text = _output.Finish(stopped);
        return new PpResult(text, _dependencies, _messages);
    }

    private void Pump()
    {
        while (true)
        {
            var t = _expander.Next();
            FlushExpanderErrors(_expander);
            if (t.Kind == PpKind.EndOfFile)
            {
                if (_frames.Count == 0) return;
                continue;
            }
            if (t.Kind == PpKind.Padding) _output.Padding(t);
            else _output.Token(t);
        }
    }

    private void RunForcedInclude(string file)
    {
        // -include looks in the working folder first, then the search path, and prints "./name".
        var candidates = new List<(string Path, int Index)>();
        if (!file.StartsWith('/')) candidates.Add(("./" + file, -1));
        else candidates.Add((file, -1));
        for (var i = 0; i < _searchPath.Count && !file.StartsWith('/'); i++) candidates.Add((Join(_searchPath[i], file), i));
        foreach (var (found, index) in candidates)
        {
            var data = Read(found);
            if (data is null) continue;
            var level = FolderSystemLevel(index);
            var p = NameFoundIn(found, level);
            AddDependency(p, systemLevel: level);
            _output.FileChange(p, 1, " 1", level);
            PushFile(data, p, SourceResolverDirectory(p), index, null, 0, systemLevel: level);
            Pump();
            _output.FileChange("<command-line>", 0, " 2");
            return;
        }
        throw new PpException($"{IO.FileNameText.ToSourceText(file)}: No such file or directory", null, 0, 0, fatal: true);
    }

    private static string SourceResolverDirectory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : path[..slash];
    }

    private static string Join(string dir, string name) =>
        name.StartsWith('/') || dir.Length == 0 ? name : dir.EndsWith('/') ? dir + name : dir + "/" + name;

    /// <summary>Lists <paramref name="path"/> the first time the file <paramref name="identity"/> names is read (its
    /// path when none is given). cpp lists a file once per entry of its lookup cache, so a header found through the
    /// search path and later found again in its includer's own folder is listed twice, under one path.</summary>
    private void AddDependency(string path, string? identity = null, int systemLevel = 0)
    {
        // -MM leaves system headers out (cpp decides when it first enters a file)
        if (systemLevel != 0 && _options.UserDependenciesOnly) return;
        if (_dependencySet.Add(identity ?? path)) _dependencies.Add(path);
    }

    /// <summary>The system-header level of a folder of the search path (-1: the working folder, a user one).</summary>
    private int FolderSystemLevel(int searchPathIndex) => searchPathIndex >= _systemStart ? 2 : 0;

    // cpp's folders of including files, by name, with the system-header level of the file that first looked there
    private readonly Dictionary<string, int> _ownFolderLevels = new(StringComparer.Ordinal);

    /// <summary>The system-header level of the current file's own folder: cpp makes that folder once per name, with
    /// the level of the file that first searched it.</summary>
    private int OwnFolderLevel()
    {
        var folder = Current.File.SearchDirectory ?? "";
        if (!_ownFolderLevels.TryGetValue(folder, out var level)) _ownFolderLevels[folder] = level = Current.SystemLevel;
        return level;
    }

    /// <summary>
    /// The name of a file found in a folder of <paramref name="folderLevel"/>: cpp names a file found in a system
    /// folder by its resolved path when that is shorter (links and ".." resolved; -fno-canonical-system-headers keeps
    /// the name as found).
    /// </summary>
    private string NameFoundIn(string path, int folderLevel) =>
        folderLevel != 0 && _options.CanonicalSystemHeaders && _options.ReadFile is null
            ? IO.RealPath.Shorter(path, _workingDirectory) ?? path
            : path;

    private void PushFile(byte[] data, string name, string directory, int foundIn, string? includedAt, int returnLine, PpToken? at = null, string? guardKey = null, int systemLevel = 0)
    {
        var full = name.StartsWith('<') ? name : Path.GetFullPath(name, _workingDirectory);
        if (_frames.Count >= _options.MaxIncludeDepth)
        {
            var recursive = _frames.Any(f => f.FullPath == full) ? $": \"{IO.FileNameText.ToSourceText(name)}\" includes itself (recursive include without a guard)" : "";
            throw new PpException($"#include nested depth {_frames.Count} exceeds maximum of {_options.MaxIncludeDepth}{recursive}",
                at?.File ?? Current.File, at?.Line ?? returnLine - 1, at?.Column ?? 1, fatal: true);
        }
        var text = Encoding.Latin1.GetString(WithoutByteOrderMark(data));
        var file = new PpSourceFile(name, directory, foundIn);
        var lexer = new PpLexer(text, file, _pool)
        {
            CLanguage = !_options.Assembler, OnVariadicName = VariadicName,
            OnError = e => Report(e, false), PoisonedNames = _poisoned, OnPoisonedName = PoisonedName,
        };
        // cpp reads a line again from its file for a message's column and excerpt: standard input it cannot read again
        if (name != "<stdin>") file.SourceLineOf = lexer.SourceLine;
        _frames.Push(new IncludeFrame(lexer, full, includedAt, _conditions.Count, returnLine)
        {
            GuardKey = guardKey,
            SystemLevel = systemLevel,
            Parent = _frames.Count > 0 ? Current : null,
        });
    }

    /// <summary>The token source under the expander: reads files, runs directives, drops skipped text.</summary>
    private PpToken NextFromFiles()
    {
        while (true)
        {
            if (_frames.Count == 0) return new PpToken(PpKind.EndOfFile, "", PpFlags.None, null, 0, 0);
            var frame = Current;
            var t = frame.Lexer.Next();
            if (t.Kind == PpKind.EndOfLine) continue;
            if (t.Kind == PpKind.EndOfFile)
            {
                EndFile(frame);
                if (_frames.Count == 0 || _expander.ParsingArgs) return t;
                continue;
            }
            if (t.Is("#") && (t.Flags & PpFlags.StartOfLine) != 0)
            {
                if (Directive(t)) continue;
                if (!Skipping) { frame.GuardValid = false; return t; }
                continue;
            }
            if (Skipping) continue;
            frame.GuardValid = false;
            return t;
        }
    }

    private void EndFile(IncludeFrame frame)
    {
        while (_conditions.Count > frame.ConditionDepth)
        {
            var open = _conditions[^1];
            _conditions.RemoveAt(_conditions.Count - 1);
            AddMessage(PpSeverity.Error, new PpPlace(open.Start.File, open.Start.Line, 0), $"unterminated #{open.Kind}");
        }
        if (frame.GuardValid && frame.GuardMacro is not null && frame.GuardKey is not null) _guards[frame.GuardKey] = frame.GuardMacro;
        _frames.Pop();
        if (_frames.Count > 0) _output.FileChange(Current.File.Name, frame.ReturnLine, " 2", Current.SystemLevel);
    }

    private void FlushExpanderErrors(MacroExpander expander)
    {
        foreach (var e in expander.Errors) Report(e, false);
        expander.Errors.Clear();
    }

    private void Report(PpException e, bool fatal)
    {
        if (e.AlreadyReported) return;
        var severity = fatal ? PpSeverity.Fatal : e.Warning ? PpSeverity.Warning : PpSeverity.Error;
        AddMessage(severity, new PpPlace(e.File, e.Line, e.Column, e.Length, e.UnderlineInText), e.Message);
        if (e.Note is { } note) AddMessage(PpSeverity.Note, new PpPlace(note.File, note.Line, 0), e.NoteText ?? "");
    }

    /// <summary>A directive line's expansion: its warnings are reported, its first error stops the directive.</summary>
    private void ReportExpansionErrors(List<PpException> errors)
    {
        foreach (var e in errors)
        {
            if (!e.Warning) throw e;
            Report(e, false);
        }
    }

    /// <summary>
    /// Records a message. Warnings are dropped under -w, and in a system header (cpp's rule: only #warning shows
    /// there, <paramref name="evenInSystemHeader"/>); a warning's place is the current file or the command line.
    /// </summary>
    private bool AddMessage(PpSeverity severity, PpPlace place, string message, bool evenInSystemHeader = false, IncludeFrame? inFile = null)
    {
        var inFiles = place.File is not null && !place.InPseudoFile;
        if (severity == PpSeverity.Warning && _options.InhibitWarnings) return false;
        if (severity == PpSeverity.Warning && !evenInSystemHeader && _frames.Count > 0 && Current.SystemLevel > 0 && inFiles) return false;
        var chain = inFiles ? IncludeChain(inFile ?? (_frames.Count > 0 ? Current : null)) : [];
        // the line cpp reads there gives both the column and the excerpt
        var line = inFiles ? LineText(place.File!, place.Line) : null;
        _messages.Add(new PpMessage(severity, Location(place, line), message, chain) { Excerpt = Excerpt(place, line) });
        return true;
    }

    // names #pragma GCC poison made unusable, and whether the line being read is such a pragma (which may name them)
    private readonly HashSet<string> _poisoned = new(StringComparer.Ordinal);
    private bool _poisonLine;

    /// <summary>cpp's error for a poisoned name read outside a skipped group, a caret alone as for
    /// <see cref="VariadicName"/>.</summary>
    private void PoisonedName(PpToken name)
    {
        if (Skipping || _poisonLine) return;
        AddMessage(PpSeverity.Error, new PpPlace(name.File, name.Line, name.Column), $"attempt to use poisoned \"{name.Text}\"");
    }

    /// <summary>True while the body of a macro whose last parameter is <c>...</c> is read.</summary>
    private bool _variadicBody;

    /// <summary>cpp's check as it reads a name: __VA_ARGS__ and __VA_OPT__ belong in a variadic macro's body.</summary>
    private void VariadicName(PpToken name)
    {
        if (_variadicBody || Skipping) return;
        // cpp says so while it lexes the name, before the token has its extent: a caret alone
        AddMessage(PpSeverity.Warning, new PpPlace(name.File, name.Line, name.Column), name.Text == "__VA_ARGS__"
            ? "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro"
            : "__VA_OPT__ can only appear in the expansion of a C++20 variadic macro");
    }

    private void Warn(PpToken at, string message) => AddMessage(PpSeverity.Warning, Place(at), message);

    /// <summary>A message's place at a token.</summary>
    private static PpPlace Place(PpToken at) => PpPlace.Of(at);

    /// <summary>
    /// "file:line:column" of a message, or "file:line" without a column; a pseudo-file (&lt;command-line&gt;,
    /// &lt;built-in&gt;) by its name alone, as cpp has no lines there; "viommu cpp" for the run's own. The column is GNU cpp
    /// 12's: a display column of <paramref name="line"/>, the line it reads there (<see cref="LineText"/>,
    /// <see cref="DisplayWidth.Printed"/>), the character column where it reads none.
    /// </summary>
    private static string Location(PpPlace place, string? line)
    {
        var (file, number, column, _, _) = place;
        if (file is null) return "viommu cpp";
        // line 0 (after '#line 0') is printed as no line at all
        if (place.InPseudoFile || number == 0) return file.Name;
        if (column <= 0) return $"{file.Name}:{number}";
        return $"{file.Name}:{number}:{(line is not null ? DisplayWidth.Printed(line, column) : column)}";
    }

    // the place of the last excerpt cpp printed or tried to (gcc prints none for a message at the same place)
    private PpPlace? _lastExcerpt;
    // files read again for excerpts after #line named them
    private readonly Dictionary<string, string[]?> _renamedFiles = new(StringComparer.Ordinal);

    /// <summary>The source excerpt of <paramref name="line"/> under a message at <paramref name="place"/>: none for the
    /// run's own messages or builtins, none again right after one at the same place, none where the line cannot be
    /// read.</summary>
    private string Excerpt(PpPlace place, string? line)
    {
        // cpp's line notes are all at their line's location (the column only overrides what is printed)
        var key = place.Length < 0 ? place with { Column = 0 } : place;
        if (place.File is not { } file || file.Name == "<built-in>" || key == _lastExcerpt) return "";
        _lastExcerpt = key;
        return line is null ? "" : SourceExcerpt.Format(line, place.Line, place.Column, place.Length, place.UnderlineInText);
    }

    /// <summary>A file's bytes without a leading UTF-8 byte order mark, which cpp drops as it reads a file (its columns
    /// and excerpts count from after it).</summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] data) =>
        data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? data.AsSpan(3) : data;

    /// <summary>The text cpp reads for a printed line of a file, or null where it reads none.</summary>
    private string? LineText(PpSourceFile file, int line) => file.SourceLineOf?.Invoke(line) ?? RenamedFileLine(file, line);

    /// <summary>A line of the file #line named (cpp reads it by that name), or null.</summary>
    private string? RenamedFileLine(PpSourceFile file, int line)
    {
        if (file.SourceLineOf is null || file.Name.StartsWith('<')) return null;
        if (!_renamedFiles.TryGetValue(file.Name, out var lines))
        {
            var data = Read(file.Name);
            _renamedFiles[file.Name] = lines = data is null ? null : Encoding.Latin1.GetString(WithoutByteOrderMark(data)).Split('\n');
        }
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    /// <summary>Include instances a message has already named: by its own place or in its chain.</summary>
    private readonly HashSet<IncludeFrame> _reportedFiles = new();

    /// <summary>
    /// The "In file included from" lines of a message in <paramref name="file"/>, as GNU cpp 12 prints them: the
    /// includers walked outwards, stopped at the main file or at an inclusion some earlier message already named
    /// (so a second message in the same inclusion gets none, and one in a file it includes only the new part).
    /// </summary>
    private List<string> IncludeChain(IncludeFrame? file)
    {
        var chain = new List<string>();
        for (var f = file; f?.IncludedAt is not null && _reportedFiles.Add(f); f = f.Parent)
            chain.Add(f.IncludedAt);
        return chain;
    }

    private PpToken Builtin(BuiltinMacro kind, PpToken at)
    {
        var flags = at.Flags & PpFlags.PrevWhite;
        PpToken Number(long v) => new(PpKind.Number, v.ToString(CultureInfo.InvariantCulture), flags, at.File, at.Line, at.Column) { SourceLength = at.Text.Length };
        PpToken Str(string s) => new(PpKind.String, "\"" + Quoted(s) + "\"", flags, at.File, at.Line, at.Column) { SourceLength = at.Text.Length };
        var now = _options.SourceDateEpoch is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime : DateTime.Now;
        return kind switch
        {
            BuiltinMacro.File => Str(IO.FileNameText.ToSourceText(_frames.Count > 0 ? Current.File.Name : _baseFile)),
            BuiltinMacro.Line => Number(at.Line),
            BuiltinMacro.Counter => Number(_counter++),
            BuiltinMacro.IncludeLevel => Number(Math.Max(0, _frames.Count - 1)),
            BuiltinMacro.BaseFile => Str(_baseFile),
            BuiltinMacro.FileName => Str(IO.FileNameText.ToSourceText(LastComponent(_frames.Count > 0 ? Current.File.Name : _baseFile))),
            BuiltinMacro.Timestamp => new PpToken(PpKind.String, Timestamp(), flags, at.File, at.Line, at.Column) { SourceLength = at.Text.Length },
            BuiltinMacro.Date => new PpToken(PpKind.String, "\"" + now.ToString("MMM", CultureInfo.InvariantCulture) + " " + now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " " + now.Year.ToString(CultureInfo.InvariantCulture) + "\"", flags, at.File, at.Line, at.Column) { SourceLength = at.Text.Length },
            _ => new PpToken(PpKind.String, "\"" + now.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "\"", flags, at.File, at.Line, at.Column) { SourceLength = at.Text.Length },
        };
    }

    /// <summary>A name as cpp writes it between quotes (cpp_quote_string): a backslash before each backslash and
    /// double quote, a newline as \n.</summary>
    internal static string Quoted(string name) => name.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string LastComponent(string name) => name[(name.LastIndexOf('/') + 1)..];

    /// <summary>The current file's modification time in local time, as C's asctime writes it; cpp's question marks
    /// when the file cannot be asked (standard input, a test's file table).</summary>
    private string Timestamp()
    {
        var path = _frames.Count > 0 ? Current.FullPath : null;
        if (path is null || _options.ReadFile is not null || !File.Exists(path)) return "\"??? ??? ?? ??:??:?? ????\"";
        var t = File.GetLastWriteTime(path);
        var c = CultureInfo.InvariantCulture;
        return "\"" + t.ToString("ddd MMM ", c) + t.Day.ToString(c).PadLeft(2) + t.ToString(" HH:mm:ss yyyy", c) + "\"";
    }

    /// <summary>
    /// Names cpp warns about whenever they are defined again (even identically) or undefined, with no warning option
    /// named (its NODE_WARN flag): some builtins, and every macro named __STDC_* but three the C and C++ standards
    /// leave to users. The other builtins warn under -Wbuiltin-macro-redefined.
    /// </summary>
    private static bool AlwaysWarns(string name) =>
        name.StartsWith('_') && (name is "__LINE__" or "__INCLUDE_LEVEL__" or "__COUNTER__" or "__has_include" or "__has_include_next" or "_Pragma"
        || (name.StartsWith("__STDC_", StringComparison.Ordinal)
            && name is not ("__STDC_FORMAT_MACROS" or "__STDC_LIMIT_MACROS" or "__STDC_CONSTANT_MACROS")));

    private void DefineBuiltins()
    {
        void Builtin(string name, BuiltinMacro kind) => _macros[name] = new PpMacro(name, Array.Empty<PpToken>(), null) { Builtin = kind };
        Builtin("__TIMESTAMP__", BuiltinMacro.Timestamp);
        Builtin("__TIME__", BuiltinMacro.Time);
        Builtin("__DATE__", BuiltinMacro.Date);
        Builtin("__FILE__", BuiltinMacro.File);
        Builtin("__FILE_NAME__", BuiltinMacro.FileName);
        Builtin("__BASE_FILE__", BuiltinMacro.BaseFile);
        Builtin("__LINE__", BuiltinMacro.Line);
        Builtin("__INCLUDE_LEVEL__", BuiltinMacro.IncludeLevel);
        Builtin("__COUNTER__", BuiltinMacro.Counter);
        Builtin("__has_include", BuiltinMacro.HasInclude);
        Builtin("__has_include_next", BuiltinMacro.HasIncludeNext);
        var builtIn = new PpSourceFile("<built-in>", null, -1);
        // what cpp -undef still defines: C's version (gnu17, GCC 12's default) and its char16_t/char32_t encodings in C,
        // __ASSEMBLER__ in assembler-with-cpp
        string[] language = _options.Assembler ? ["__ASSEMBLER__ 1"] : ["__STDC_VERSION__ 201710L", "__STDC_UTF_16__ 1", "__STDC_UTF_32__ 1"];
        foreach (var definition in new[] { "__STDC__ 1", "__STDC_HOSTED__ 1" }.Concat(language))
            Define(new PpLexer(definition, builtIn), new PpToken(PpKind.Identifier, "define", PpFlags.None, builtIn, 0, 0));
    }

    /// <summary>Where cpp says a directive or definition stood: its line, no column.</summary>
    private static PpPlace DirectiveLocation(PpToken at) => new(at.File ?? BuiltInFile, at.Line, 0);

    private static readonly PpSourceFile BuiltInFile = new("<built-in>", null, -1);

    /// <summary><c>-D NAME</c> (value 1), <c>-D NAME=VALUE</c>, <c>-D NAME(args)=body</c>, <c>-U NAME</c>.</summary>
    private void CommandLineMacro(string op, string text)
    {
        var file = new PpSourceFile("<command-line>", null, -1);
        if (op == "U")
        {
            Undef(new PpLexer(text, file) { CLanguage = !_options.Assembler },
                new PpToken(PpKind.Identifier, "undef", PpFlags.None, file, 0, 0));
            return;
        }
        var eq = text.IndexOf('=');
        var line = eq < 0 ? text + " 1" : text[..eq] + " " + text[(eq + 1)..];
        var lexer = new PpLexer(line, file) { CLanguage = !_options.Assembler, OnVariadicName = VariadicName };
        Define(lexer, new PpToken(PpKind.Identifier, "define", PpFlags.None, file, 0, 0));
    }
}
