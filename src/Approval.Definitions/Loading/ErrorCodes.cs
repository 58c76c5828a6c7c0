namespace Approval.Definitions.Loading;

/// <summary>
/// The stable codes of every finding the loader reports. Codes are never reused or renumbered:
/// APV00x file and shape, APV01x time limits and warnings, APV02x steps and flow, APV03x
/// materials and identity, APV04x conditions, APV05x approval on commitment, APV06x send back (退回). The table in docs/definition-language.md mirrors
/// <see cref="All"/>; a test keeps them in step.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidJson = "APV001";
    public const string DuplicateProperty = "APV002";
    public const string MissingProperty = "APV003";
    public const string UnknownProperty = "APV004";
    public const string WrongType = "APV005";
    public const string InvalidValue = "APV006";
    public const string UnknownStepType = "APV007";
    public const string SchemaViolation = "APV008";

    public const string TimeLimitUnits = "APV010";
    public const string YellowUnits = "APV011";
    public const string ExceedsCaseLimit = "APV012";
    public const string YellowNotBeforeLimit = "APV013";

    public const string DuplicateStepId = "APV020";
    public const string UnknownJoinRule = "APV021";
    public const string QuorumOutOfRange = "APV022";
    public const string MissingDepartment = "APV023";
    public const string UnknownDepartment = "APV024";
    public const string EmptyBlock = "APV025";
    public const string SingleBranchParallel = "APV026";
    public const string IntakePlacement = "APV027";
    public const string DeliveryPlacement = "APV028";
    public const string OtherwiseNotLast = "APV029";

    public const string DuplicateMaterialId = "APV030";
    public const string IdDoesNotMatchFile = "APV031";

    public const string ConditionSyntax = "APV040";
    public const string ConditionUnknownField = "APV041";
    public const string ConditionType = "APV042";
    public const string ConditionTooComplex = "APV043";

    public const string SendBackUnknownTarget = "APV060";
    public const string SendBackTargetKind = "APV061";
    public const string SendBackNotEarlier = "APV062";
    public const string SendBackAcrossBranches = "APV063";
    public const string SendBackIntoBlock = "APV064";
    public const string SendBackDuplicate = "APV065";
    public const string VerificationLimitMissing = "APV050";
    public const string VerificationLimitUnits = "APV051";

    /// <summary>Every code with its severity, English title and Chinese gloss, in code order.</summary>
    public static IReadOnlyList<ErrorCodeInfo> All { get; } =
    [
        new(InvalidJson, Severity.Error, "The file is not valid JSON", "JSON 格式错误"),
        new(DuplicateProperty, Severity.Error, "A property appears twice in one object", "属性重复"),
        new(MissingProperty, Severity.Error, "A required property is missing", "缺少必填属性"),
        new(UnknownProperty, Severity.Error, "A property is not part of the language here", "未知属性"),
        new(WrongType, Severity.Error, "A value has the wrong JSON type", "类型错误"),
        new(InvalidValue, Severity.Error, "A value is out of range or badly formed", "取值无效"),
        new(UnknownStepType, Severity.Error, "A step has an unknown type", "未知步骤类型"),
        new(SchemaViolation, Severity.Error, "The JSON Schema rejects the value", "不符合 JSON Schema"),
        new(TimeLimitUnits, Severity.Error, "A time limit needs exactly one of workingDays or hours", "时限单位错误"),
        new(YellowUnits, Severity.Error, "A yellow-card threshold needs exactly one of workingDaysBefore or hoursBefore", "黄牌预警单位错误"),
        new(ExceedsCaseLimit, Severity.Error, "A task can end after the case's promised limit", "超出承诺时限"),
        new(YellowNotBeforeLimit, Severity.Warning, "The yellow card would fall when the task opens", "黄牌预警不早于开始"),
        new(DuplicateStepId, Severity.Error, "Two steps share an id", "步骤编号重复"),
        new(UnknownJoinRule, Severity.Error, "A parallel block has an unknown join rule", "未知汇合规则"),
        new(QuorumOutOfRange, Severity.Error, "A quorum is below 1 or above the number of branches", "法定数超出范围"),
        new(MissingDepartment, Severity.Error, "A task names no department", "缺少承办部门"),
        new(UnknownDepartment, Severity.Error, "A task names a department not in departments.json", "未知部门"),
        new(EmptyBlock, Severity.Error, "A block has no steps or branches", "空的步骤块"),
        new(SingleBranchParallel, Severity.Warning, "A parallel block has a single branch", "并联只有一个分支"),
        new(IntakePlacement, Severity.Error, "Intake must be the first top-level step, once", "受理必须是第一步"),
        new(DeliveryPlacement, Severity.Error, "Delivery must be the last top-level step, once", "出件必须是最后一步"),
        new(OtherwiseNotLast, Severity.Error, "A decision's otherwise branch must be its last, and only one", "其他分支必须在最后"),
        new(DuplicateMaterialId, Severity.Error, "Two materials share an id", "材料编号重复"),
        new(IdDoesNotMatchFile, Severity.Error, "The definition id differs from its file name", "编号与文件名不一致"),
        new(ConditionSyntax, Severity.Error, "A condition does not parse", "条件语法错误"),
        new(ConditionUnknownField, Severity.Error, "A condition reads a field not declared in fields", "条件引用未声明字段"),
        new(ConditionType, Severity.Error, "A condition compares values of incompatible types", "条件类型错误"),
        new(ConditionTooComplex, Severity.Error, "A condition is too long or too deeply nested", "条件过于复杂"),
        new(SendBackUnknownTarget, Severity.Error, "A sendBack target names no step of the definition", "退回目标不存在"),
        new(SendBackTargetKind, Severity.Error, "A sendBack target is an intake or delivery step", "不能退回到受理或出件"),
        new(SendBackNotEarlier, Severity.Error, "A sendBack target is not earlier than its step", "退回目标不在本步骤之前"),
        new(SendBackAcrossBranches, Severity.Error, "A sendBack target is in another branch of the same parallel or decision block", "不能退回到其他分支"),
        new(SendBackIntoBlock, Severity.Error, "A sendBack target lies inside an earlier parallel or decision block", "不能退回到已汇合块内部"),
        new(SendBackDuplicate, Severity.Warning, "A sendBack target is listed twice", "退回目标重复"),
        new(VerificationLimitMissing, Severity.Error, "An item on commitment names no verification limit", "缺少核查时限"),
        new(VerificationLimitUnits, Severity.Error, "A verification limit must be at least one working day", "核查时限须为工作日"),
    ];

    /// <summary>The catalogue entry for <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">The code is not in <see cref="All"/>.</exception>
    public static ErrorCodeInfo Describe(string code) =>
        All.FirstOrDefault(i => i.Code == code) ?? throw new KeyNotFoundException($"Unknown definition error code {code}.");
}

/// <summary>One row of the error-code table.</summary>
public sealed record ErrorCodeInfo(string Code, Severity Severity, string Title, string ChineseTitle);
