namespace Approval.Api.Hosting;

/// <summary>Where the service finds what analysts edit. Bound from the <c>Approval</c> configuration section.</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approval";

    /// <summary>The folder of workflow definitions, published at start-up. Relative paths are looked up from the working directory upwards.</summary>
    public string WorkflowsPath { get; set; } = "workflows";

    /// <summary>The folder of calendar year files; defaults to <c>calendars</c> inside <see cref="WorkflowsPath"/>.</summary>
    public string? CalendarsPath { get; set; }

    /// <summary>How often a node looks for versions other nodes published (scale-out).</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The service centre's calendar settings. Bound from the <c>Calendar</c> configuration section.</summary>
public sealed class CalendarSettings
{
    public const string Section = "Calendar";

    /// <summary>IANA time zone of the service centre; deadlines are computed in it and stored as UTC instants.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>When a working day closes, e.g. <c>17:30</c>; empty means the end of the day (24:00).</summary>
    public string? CloseOfDay { get; set; }

    /// <summary>Office hours for limits in hours (即办件), e.g. <c>["09:00-12:00", "13:30-17:30"]</c>.</summary>
    public List<string> OfficeHours { get; set; } = [];
}
