namespace Approval.Definitions.Loading;

/// <summary>Where a finding points in the file: at the value itself, at its property name, or at the object that lacks it.</summary>
internal enum Anchor
{
    Value,
    Name,
    Parent,
}

/// <summary>
/// Collects every finding of one load, locating each through the <see cref="SourceMap"/> and
/// taking its severity and Chinese gloss from <see cref="ErrorCodes"/>. Not thread safe: one per load.
/// </summary>
internal sealed class Diagnostics(string file, SourceMap map)
{
    private readonly List<DefinitionError> _items = [];

    public SourceMap Map => map;

    public IReadOnlyList<DefinitionError> Items => _items;

    public bool HasErrorAt(string path) => _items.Any(e => e.Severity == Severity.Error && e.JsonPath == path);

    public void Add(string code, string path, string message, Anchor anchor = Anchor.Value)
    {
        var (line, column) = anchor switch
        {
            Anchor.Name => map.LocateName(path),
            Anchor.Parent => map.Locate(JsonPaths.Parent(path) ?? path),
            _ => map.Locate(path),
        };
        AddAt(code, path, line, column, message);
    }

    public void AddAt(string code, string path, int line, int column, string message)
    {
        var info = ErrorCodes.Describe(code);
        _items.Add(new DefinitionError(file, line, column, path, code, $"{message} ({info.ChineseTitle})", info.Severity));
    }

    public void Add(DefinitionError error) => _items.Add(error);
}
