namespace Approval.Engine.Cases;

/// <summary>
/// The stable code of every refusal the engine and the API answer with (the <c>code</c> of a problem
/// detail, and its type <c>urn:approval:problem:&lt;code&gt;</c>). Clients branch on them, so a code is
/// never renamed or reused. The table in docs/api.md (&quot;Refusal codes&quot;) mirrors <see cref="All"/>;
/// a test keeps them in step, and another finds any code written inline instead of named here.
/// </summary>
public static class RefusalCodes
{
    // Cases and tasks
    public const string CaseNotFound = "case-not-found";
    public const string CaseExists = "case-exists";
    public const string CaseEnded = "case-ended";
    public const string TaskNotFound = "task-not-found";
    public const string TaskNotOpen = "task-not-open";
    public const string TaskClaimed = "task-claimed";
    public const string TaskNotClaimed = "task-not-claimed";
    public const string AlreadyAssigned = "already-assigned";
    public const string ToUserRequired = "to-user-required";
    public const string ReasonRequired = "reason-required";
    public const string ClockStopped = "clock-stopped";

    // Who may act
    public const string OtherDepartment = "other-department";
    public const string WindowOnly = "window-only";
    public const string SupervisorOnly = "supervisor-only";
    public const string SystemOnly = "system-only";
    public const string CaseReadNotAllowed = "case-read-not-allowed";

    // Intake
    public const string WorkflowRequired = "workflow-required";
    public const string UnknownWorkflow = "unknown-workflow";
    public const string UnknownVersion = "unknown-version";
    public const string ApplicantRequired = "applicant-required";
    public const string ApplicantKind = "applicant-kind";
    public const string ApplicantInvalid = "applicant-invalid";
    public const string UnknownField = "unknown-field";
    public const string FieldType = "field-type";
    public const string UnknownMaterial = "unknown-material";
    public const string DuplicateMaterial = "duplicate-material";
    public const string NotDeferrable = "not-deferrable";
    public const string PromiseInPast = "promise-in-past";
    public const string MaterialsMissing = "materials-missing";

    // Stopped clocks and extensions
    public const string MissingRequired = "missing-required";
    public const string SupplementPending = "supplement-pending";
    public const string SupplementRoundsUsed = "supplement-rounds-used";
    public const string NoSupplementPending = "no-supplement-pending";
    public const string SupplementChannel = "supplement-channel";
    public const string SuspensionKind = "suspension-kind";
    public const string AlreadySuspended = "already-suspended";
    public const string NotSuspended = "not-suspended";
    public const string WorkingDays = "working-days";
    public const string ExtensionTooLong = "extension-too-long";
    public const string NoCaseLimit = "no-case-limit";
    public const string NothingDue = "nothing-due";
    public const string NothingToRecompute = "nothing-to-recompute";

    // Delivery, materials, rating
    public const string NotAwaitingDelivery = "not-awaiting-delivery";
    public const string MaterialsOutstanding = "materials-outstanding";
    public const string DeliveryMethod = "delivery-method";
    public const string TrackingNumberRequired = "tracking-number-required";
    public const string MaterialChannel = "material-channel";
    public const string MaterialNotOutstanding = "material-not-outstanding";
    public const string NotCompleted = "not-completed";
    public const string AlreadyRated = "already-rated";
    public const string Score = "score";
    public const string CommentTooLong = "comment-too-long";

    // Lists, workflows, supervision
    public const string DepartmentRequired = "department-required";
    public const string TaskStatus = "task-status";
    public const string CardLevel = "card-level";
    public const string Limit = "limit";
    public const string InvalidCursor = "invalid-cursor";
    public const string NullElement = "null-element";
    public const string DefinitionRequired = "definition-required";
    public const string DefinitionInvalid = "definition-invalid";
    public const string DeadLetterNotFound = "dead-letter-not-found";
    public const string UnknownWorkflowVersion = "unknown-workflow-version";
    public const string WorkflowNotLoaded = "workflow-not-loaded";
    public const string StoredDefinitionInvalid = "stored-definition-invalid";
    public const string ElsaInvalid = "elsa-invalid";

    // Send back (退回), retract (撤回), consultation (征求意见)
    public const string SendBackNotAllowed = "send-back-not-allowed";
    public const string TaskNotDecided = "task-not-decided";
    public const string RetractTooLate = "retract-too-late";
    public const string ConsultationPending = "consultation-pending";
    public const string ConsultationTask = "consultation-task";
    public const string NotConsultation = "not-consultation";
    public const string ConsultDepartments = "consult-departments";
    public const string QuestionRequired = "question-required";
    public const string OpinionRequired = "opinion-required";
    // Urging, delegation, result documents (issue 15)
    public const string UrgingNotAllowed = "urging-not-allowed";
    public const string AlreadyUrged = "already-urged";
    public const string DepartmentClerkOnly = "department-clerk-only";
    public const string DelegationSelf = "delegation-self";
    public const string DelegationPeriod = "delegation-period";
    public const string DelegationInPast = "delegation-in-past";
    public const string DelegationOverlaps = "delegation-overlaps";
    public const string DelegationNotFound = "delegation-not-found";
    public const string DelegationNotYours = "delegation-not-yours";
    public const string DelegationEnded = "delegation-ended";
    public const string DocumentInvalid = "document-invalid";
    public const string DocumentValidity = "document-validity";
    // Approval on commitment, credit, rectification (issue 15)
    public const string NotOnCommitment = "not-on-commitment";
    public const string DuplicateCommitment = "duplicate-commitment";
    public const string SignerRequired = "signer-required";
    public const string SignedAtInvalid = "signed-at-invalid";
    public const string DishonestDeferral = "dishonest-deferral";
    public const string DishonestCommitment = "dishonest-commitment";
    public const string CreditUnavailable = "credit-unavailable";
    public const string FindingRequired = "finding-required";
    public const string FindingTooLong = "finding-too-long";
    public const string NotVerification = "not-verification";
    public const string NotRectification = "not-rectification";
    public const string TaskKind = "task-kind";
    public const string WindowOrSupervisor = "window-or-supervisor";
    public const string FollowUpOutcome = "follow-up-outcome";
    public const string DepartmentNotInCase = "department-not-in-case";
    public const string PassedRequired = "passed-required";

    // Sign-in
    public const string FormExpected = "form-expected";
    public const string AntiforgeryTokenInvalid = "antiforgery-token-invalid";
    public const string ReturnUrlNotLocal = "return-url-not-local";

    /// <summary>Every code with the HTTP status it answers with and when, in the order docs/api.md lists them.</summary>
    public static IReadOnlyList<RefusalCodeInfo> All { get; } =
    [
        new(CaseNotFound, "404", "no case with this id"),
        new(CaseExists, "409", "intake with the id of a case that already exists"),
        new(CaseEnded, "409", "the case is completed, rejected or withdrawn; nothing more can be done on it"),
        new(TaskNotFound, "404", "no task with this id in the case"),
        new(TaskNotOpen, "409", "the task is already approved, rejected or cancelled"),
        new(TaskClaimed, "409", "another clerk has claimed the task"),
        new(TaskNotClaimed, "409", "release of a task nobody claimed"),
        new(AlreadyAssigned, "409", "transfer to the clerk who already has the task"),
        new(ToUserRequired, "400", "a transfer names no clerk (`toUserId`)"),
        new(ReasonRequired, "400", "a rejection, special procedure, extension or withdrawal gives no reason"),
        new(ClockStopped, "409", "the task waits for a supplement or is under a special procedure; the detail names the call that restarts it"),
        new(OtherDepartment, "403", "a clerk of another department acts on or reads the task, inbox or cards"),
        new(WindowOnly, "403", "intake, delivery, materials, withdrawal and rating are for a window clerk"),
        new(SupervisorOnly, "403", "extensions and extra supplement rounds are for a supervisor"),
        new(SystemOnly, "403", "cards and recomputed deadlines come from the deadline engine only"),
        new(CaseReadNotAllowed, "403", "the reader's roles read no case data"),
        new(WorkflowRequired, "400", "intake names no workflow (`workflowId`)"),
        new(UnknownWorkflow, "400 / 404", "no published workflow has this id (400 at intake under `workflowId`, 404 on the workflow routes)"),
        new(UnknownVersion, "400", "the workflow has no such published version"),
        new(ApplicantRequired, "400", "intake records no applicant"),
        new(ApplicantKind, "400", "`applicant.kind` is neither `person` nor `organisation`"),
        new(ApplicantInvalid, "400", "the applicant's id, name or phone fails its check (check digit, birth date, length)"),
        new(UnknownField, "400", "`data` has a field the definition does not declare"),
        new(FieldType, "400", "a `data` field has the wrong type"),
        new(UnknownMaterial, "400", "a material the definition does not list"),
        new(DuplicateMaterial, "400", "a material listed twice"),
        new(NotDeferrable, "400", "a material promised for later (容缺) that is needed at intake"),
        new(PromiseInPast, "400", "a promise date before today"),
        new(MaterialsMissing, "400", "required materials neither provided nor promised (一次性告知 lists them all)"),
        new(MissingRequired, "400", "a supplement notice lists nothing missing"),
        new(SupplementPending, "409", "the task already waits for a supplement"),
        new(SupplementRoundsUsed, "409", "the task has used its supplement rounds; a supervisor may allow another"),
        new(NoSupplementPending, "409", "a supplement received for a task not waiting for one"),
        new(SupplementChannel, "400", "a supplement's `channel` is neither `window` nor `online`"),
        new(SuspensionKind, "400", "an unknown kind of special procedure (特别程序)"),
        new(AlreadySuspended, "409", "the task is already under a special procedure"),
        new(NotSuspended, "409", "resume of a task not under a special procedure"),
        new(WorkingDays, "400", "an extension of less than one working day"),
        new(ExtensionTooLong, "400", "the extension goes beyond the definition's maximum"),
        new(NoCaseLimit, "409", "the case has no promised limit to extend"),
        new(NothingDue, "409", "no card is due on the deadline, or it moved since the sweep saw it (the sweep skips it)"),
        new(NothingToRecompute, "409", "no provisional deadline changes on the current calendar"),
        new(NotAwaitingDelivery, "409", "delivery while approvals are still open"),
        new(MaterialsOutstanding, "409", "delivery while materials promised at intake are outstanding"),
        new(DeliveryMethod, "400", "`method` is not `pickup`, `express` or `electronic`"),
        new(TrackingNumberRequired, "400", "express delivery without a tracking number"),
        new(MaterialChannel, "400", "a material's `channel` is neither `window` nor `online`"),
        new(MaterialNotOutstanding, "409", "the material was not promised for later on this case"),
        new(NotCompleted, "409", "a rating before the case completed"),
        new(AlreadyRated, "409", "the case is already rated"),
        new(Score, "400", "a score outside 1–5"),
        new(CommentTooLong, "400", "a rating comment over 500 characters"),
        new(DepartmentRequired, "400", "the inbox names no department"),
        new(TaskStatus, "400", "an unknown inbox `status` filter"),
        new(CardLevel, "400", "an unknown card `level` filter"),
        new(Limit, "400", "a page `limit` out of range"),
        new(InvalidCursor, "400", "a `cursor` this list did not give out"),
        new(NullElement, "400", "a list in the body holds `null`"),
        new(DefinitionRequired, "400", "a publish without a `definition` object"),
        new(DefinitionInvalid, "400", "the definition has errors; every one is under `errors` by JSON path"),
        new(DeadLetterNotFound, "404", "no dead letter with this id"),
        new(UnknownWorkflowVersion, "404", "the workflow has no published version with this number (Elsa export, definition page)"),
        new(WorkflowNotLoaded, "404", "the case runs on a workflow version this service has not loaded (case diagram)"),
        new(StoredDefinitionInvalid, "409", "a stored version no longer validates against the department registry (Elsa export)"),
        new(ElsaInvalid, "400", "an Elsa import has problems; every one is under `errors` by JSON path, and nothing is published"),
        new(SendBackNotAllowed, "400", "`toStepId` is not one of the sending step's `sendBack` targets in the definition"),
        new(TaskNotDecided, "409", "a retraction of a task that is open, cancelled, or not an approval task"),
        new(RetractTooLate, "409", "a retraction after the step's join fired (or the flow moved past the task, or the rejection ended the case)"),
        new(ConsultationPending, "409", "approval or rejection while a consultation on the task is unanswered; answer or withdraw it first"),
        new(ConsultationTask, "409", "approve, reject, supplement, suspend, send back or consult on a consultation task; it is answered"),
        new(NotConsultation, "409", "answer or withdrawal of a task that is not a consultation"),
        new(ConsultDepartments, "400", "a consultation names no department, the asking one, one twice, or one already consulted and unanswered"),
        new(QuestionRequired, "400", "a consultation asks no question"),
        new(OpinionRequired, "400", "a consultation answer gives no opinion"),
        new(UrgingNotAllowed, "403", "an urging (催办) by someone neither a supervisor nor a window clerk"),
        new(AlreadyUrged, "409", "the task was already urged this working day; a supervisor may insist (`insist: true`)"),
        new(DepartmentClerkOnly, "403", "a delegation (委托) asked for by someone who is not a department clerk"),
        new(DelegationSelf, "400", "a delegation to oneself (`toUserId`)"),
        new(DelegationPeriod, "400", "a delegation with neither or both of `to` and `workingDays`, or ending before it starts"),
        new(DelegationInPast, "400", "a delegation whose period (`to`) is already over"),
        new(DelegationOverlaps, "409", "the clerk already delegated part of the period; revoke that delegation first"),
        new(DelegationNotFound, "404", "no delegation with this id"),
        new(DelegationNotYours, "403", "a delegation revoked by someone other than its delegator or a supervisor"),
        new(DelegationEnded, "409", "revoking a delegation that already ended or was revoked"),
        new(DocumentInvalid, "400", "an approval's result document lacks its number, name or first day of validity; every fault is under `errors` (`document.number`, …)"),
        new(DocumentValidity, "400", "an approval's result document ends before it starts (`document.validTo`)"),
        new(NotOnCommitment, "400", "`commitments[i].stepId` is not an item the definition offers on commitment (告知承诺制)"),
        new(DuplicateCommitment, "400", "an item committed to twice"),
        new(SignerRequired, "400", "a commitment names no signer (`signedBy`)"),
        new(SignedAtInvalid, "400", "a commitment's `signedAt` is missing or after now"),
        new(DishonestDeferral, "400", "an applicant on the dishonesty list (失信名单) promises materials for later (容缺)"),
        new(DishonestCommitment, "400", "an applicant on the dishonesty list (失信名单) asks for approval on commitment"),
        new(CreditUnavailable, "400", "the dishonesty list could not be consulted, so approval on commitment is refused (fail closed)"),
        new(FindingRequired, "400", "a failed verification (核查) states no `finding`"),
        new(FindingTooLong, "400", "a verification `finding` or follow-up `note` over 2000 characters"),
        new(NotVerification, "409", "a verification outcome for a task that is not a verification"),
        new(NotRectification, "409", "a follow-up (回访) for a task that is not a rectification"),
        new(TaskKind, "409", "an approval task's command (approve, reject, supplement, suspend, extend) on a verification or rectification task"),
        new(WindowOrSupervisor, "403", "a follow-up (回访) recorded by someone who is neither a window clerk nor a supervisor"),
        new(FollowUpOutcome, "400", "a follow-up `outcome` that is not `satisfied`, `dissatisfied` or `unreachable`"),
        new(DepartmentNotInCase, "400", "a rating names a `department` that had no task in the case"),
        new(PassedRequired, "400", "a verification outcome without `passed`"),
        new(FormExpected, "400", "the sign-in form was not posted as a form"),
        new(AntiforgeryTokenInvalid, "400", "the form's antiforgery token is missing or stale"),
        new(ReturnUrlNotLocal, "400", "`returnUrl` points off this service"),
    ];
}

/// <summary>One row of the refusal-code table: the code, its HTTP status(es) and when it is answered.</summary>
public sealed record RefusalCodeInfo(string Code, string Status, string When);
