using System.Text.Json;
using Approval.Calendar;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Workflows;

namespace Approval.Bench;

/// <summary>
/// The bundle every scenario drives: 开餐馆 (open-restaurant) as shipped, with an outdoor sign so all
/// five department items run — intake, five approvals and delivery, the 7-step case of the targets.
/// </summary>
public sealed class Bundle
{
    public const string WorkflowId = "open-restaurant";

    /// <summary>The published example resident ID number (valid check digit).</summary>
    public const string ApplicantId = "11010519491231002X";

    public static readonly Actor Window = new("window@bench", "窗口", [ClerkRoles.WindowClerk], "window");

    private Bundle(WorkflowDefinition definition, string canonicalJson, string contentHash, WorkingCalendar calendar)
    {
        Definition = definition;
        CanonicalJson = canonicalJson;
        ContentHash = contentHash;
        Calendar = calendar;
        Materials = [.. definition.Materials.Select(m => m.Id)];
    }

    public WorkflowDefinition Definition { get; }
    public string CanonicalJson { get; }
    public string ContentHash { get; }
    public WorkingCalendar Calendar { get; }
    public IReadOnlyList<string> Materials { get; }

    /// <summary>Form data that opens every branch (outdoor sign included).</summary>
    public static IReadOnlyDictionary<string, JsonElement> Data { get; } = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
        """{"hasOutdoorSign":true,"seats":40,"businessArea":120.5,"district":"西城区"}""")!;

    /// <summary>Loads the shipped definition through the analysts' loader, as the service does.</summary>
    public static Bundle Load(string? workflowsPath = null)
    {
        var folder = workflowsPath ?? RepoPaths.Workflows;
        var result = DefinitionLoader.LoadDirectory(folder).Single(r => Path.GetFileNameWithoutExtension(r.File) == WorkflowId);
        if (result.Definition is null)
        {
            throw new InvalidDataException($"{result.File} does not load: {string.Join("; ", result.Errors)}");
        }

        var calendar = new WorkingCalendar(CalendarLoader.LoadDirectory(Path.Combine(folder, "calendars")), new CalendarOptions());
        return new Bundle(result.Definition, result.CanonicalJson!, result.ContentHash!, calendar);
    }

    public PublishedWorkflow Published(int version = 1) =>
        new(WorkflowId, version, Definition.Name, ContentHash, DateTimeOffset.UnixEpoch, WorkflowId + ".json", Definition);

    public StartCase Intake(Guid caseId) => new(
        caseId,
        Data,
        new ApplicantInput("person", ApplicantId, "张三", "13800000000"),
        [.. Materials.Select(m => new MaterialInput(m, true, null))]);

    public static Actor DepartmentClerk(string department) => new("clerk@" + department, "科员", [ClerkRoles.DepartmentClerk], department);
}
