using System.Text;
using System.Text.Json;

namespace Approval.Definitions.Loading;

/// <summary>
/// Where every value and property name of a JSON text starts, by <see cref="JsonPaths"/> path.
/// Built with the strict System.Text.Json reader, which also decides whether the text is JSON at
/// all (no comments, no trailing commas — the dialect the engine reads) and finds duplicate keys.
/// </summary>
/// <remarks>Newtonsoft's line info points at the end of a token; analysts need its start.</remarks>
internal sealed class SourceMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _escapedStrings = new(StringComparer.Ordinal);

    private SourceMap(string text)
    {
        _utf8 = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (_utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Set when the text is not JSON: where and why the reader stopped.</summary>
    public (int Line, int Column, string Reason)? SyntaxError { get; private set; }

    /// <summary>Every repeat of a property name within one object, with where the repeat starts.</summary>
    public IReadOnlyList<(string Path, int Line, int Column)> DuplicateKeys => _duplicates;

    private readonly List<(string Path, int Line, int Column)> _duplicates = [];

    public static SourceMap Build(string text)
    {
        var map = new SourceMap(text);
        map.Walk();
        return map;
    }

    /// <summary>Start of the value at <paramref name="path"/>, or of its nearest existing ancestor.</summary>
    public (int Line, int Column) Locate(string path)
    {
        for (string? p = path; p is not null; p = JsonPaths.Parent(p))
        {
            if (_values.TryGetValue(p, out var offset))
            {
                return ToLineColumn(offset);
            }
        }

        return (1, 1);
    }

    /// <summary>Start of the property name for <paramref name="path"/> (falls back to <see cref="Locate"/>).</summary>
    public (int Line, int Column) LocateName(string path) =>
        _names.TryGetValue(path, out var offset) ? ToLineColumn(offset) : Locate(path);

    /// <summary>True when the string at <paramref name="path"/> is written with escapes, so offsets inside it do not map 1:1 to columns.</summary>
    public bool HasEscapes(string path) => _escapedStrings.Contains(path);

    private void Walk()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        {
                            var frame = frames.Peek();
                            var name = reader.GetString()!;
                            var path = JsonPaths.Property(frame.Path, name);
                            frame.Pending = name;
                            if (frame.Keys!.Add(name))
                            {
                                _names[path] = (int)reader.TokenStartIndex;
                            }
                            else
                            {
                                var (line, column) = ToLineColumn((int)reader.TokenStartIndex);
                                _duplicates.Add((path, line, column));
                            }

                            break;
                        }

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        {
                            var path = frames.Count == 0 ? JsonPaths.Root : frames.Peek().NextPath();
                            _values.TryAdd(path, (int)reader.TokenStartIndex);
                            if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                            {
                                _escapedStrings.Add(path);
                            }

                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                            }

                            break;
                        }
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = ColumnOf(line, (int)(ex.BytePositionInLine ?? 0));
            SyntaxError = (line + 1, column, CleanReason(ex.Message));
        }
    }

    private (int Line, int Column) ToLineColumn(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, ColumnOf(line, offset - _lineStarts[line]));
    }

    private int ColumnOf(int zeroBasedLine, int byteInLine)
    {
        if (zeroBasedLine >= _lineStarts.Count)
        {
            return byteInLine + 1;
        }

        var start = _lineStarts[zeroBasedLine];
        var count = Math.Clamp(byteInLine, 0, _utf8.Length - start);
        return Encoding.UTF8.GetCharCount(_utf8, start, count) + 1;
    }

    // System.Text.Json appends " LineNumber: 3 | BytePositionInLine: 7." — we report our own line:column.
    private static string CleanReason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    private sealed class Frame(string path, bool isArray)
    {
        private int _index;

        public string Path { get; } = path;
        public HashSet<string>? Keys { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);
        public string? Pending { get; set; }

        public string NextPath() => isArray ? JsonPaths.Index(Path, _index++) : JsonPaths.Property(Path, Pending!);
    }
}
