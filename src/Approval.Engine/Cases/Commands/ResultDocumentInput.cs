namespace Approval.Engine.Cases.Commands;

/// <summary>The result document as a clerk typed it, checked by <see cref="ResultDocumentRules"/> before it is recorded.</summary>
public sealed record ResultDocumentInput(string? Number, string? Name, DateOnly? ValidFrom, DateOnly? ValidTo, string? FileReference);
