namespace Approval.Engine.Cases;

/// <summary>
/// Everything wrong with an intake, collected so the window clerk hears it all at once
/// (一次性告知) rather than one problem per attempt.
/// </summary>
internal sealed class IntakeProblems
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private string? _firstCode;

    public bool Any => _errors.Count > 0;

    public void Add(string code, FieldPath field, string message)
    {
        _firstCode ??= code;
        if (!_errors.TryGetValue(field.Value, out var messages))
        {
            _errors[field.Value] = messages = [];
        }

        messages.Add(message);
    }

    public Refusal ToRefusal()
    {
        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        var message = _errors.Count == 1 && _errors.First().Value.Count == 1
            ? _errors.First().Value[0]
            : $"Intake refused: {_errors.Values.Sum(v => v.Count)} problems; each is listed under errors.";
        return Refusal.InvalidFields(_firstCode!, message, errors);
    }
}
