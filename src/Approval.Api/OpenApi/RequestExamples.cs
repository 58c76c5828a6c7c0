using System.Text.Json.Nodes;
using Approval.Api.Apis;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Approval.Api.OpenApi;

/// <summary>Puts a realistic example on every request body, so the browsable API can be tried as it is.</summary>
internal sealed class RequestExamples : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(StartCaseRequest)] = """
            { "workflowId": "open-restaurant",
              "applicant": { "kind": "person", "id": "11010519491231002X", "name": "张三", "phone": "13800000000" },
              "data": { "hasOutdoorSign": true, "seats": 40 },
              "materials": [ { "materialId": "id-card", "provided": true }, { "materialId": "application", "provided": true },
                             { "materialId": "floor-plan", "provided": true }, { "materialId": "health-certificates", "provided": true },
                             { "materialId": "lease", "provided": false, "promisedBy": "2026-12-31" } ],
              "commitments": [ { "stepId": "outdoor-sign", "signedBy": "张三", "signedAt": "2026-12-01T09:30:00+08:00" } ] }
            """,
        [typeof(ApplicantRequest)] = """{ "kind": "organisation", "id": "91350100M000100Y43", "name": "福州某餐饮有限公司" }""",
        [typeof(MaterialRequest)] = """{ "materialId": "lease", "provided": false, "promisedBy": "2026-12-31" }""",
        [typeof(ApproveRequest)] = """{ "result": "JY13501000000001", "comment": "材料齐全，准予许可", "document": { "number": "JY13501000000001", "name": "食品经营许可证", "validFrom": "2026-12-03", "validTo": "2031-12-02" } }""",
        [typeof(RejectRequest)] = """{ "reason": "消防通道宽度不足，不符合要求" }""",
        [typeof(SupplementRequest)] = """{ "missing": ["消防设计图纸", "疏散示意图"], "note": "请一次补齐" }""",
        [typeof(ChannelRequest)] = """{ "channel": "window" }""",
        [typeof(SuspendRequest)] = """{ "kind": "inspection", "reason": "现场核查" }""",
        [typeof(ExtendRequest)] = """{ "workingDays": 2, "reason": "需组织专家论证" }""",
        [typeof(TransferRequest)] = """{ "toUserId": "li@fire-rescue" }""",
        [typeof(WithdrawRequest)] = """{ "reason": "申请人改变经营计划" }""",
        [typeof(RatingRequest)] = """{ "score": 2, "comment": "窗口等候时间过长", "department": "market-regulation" }""",
        [typeof(PublishRequest)] = """
            { "definition": { "id": "business-licence", "name": "营业执照", "timeLimit": { "workingDays": 3 },
              "steps": [ { "type": "intake", "id": "intake", "name": "受理" },
                         { "type": "task", "id": "licence", "name": "营业执照", "department": "market-regulation", "timeLimit": { "workingDays": 3 } },
                         { "type": "delivery", "id": "delivery", "name": "出件" } ] } }
            """,
        [typeof(ElsaImportRequest)] = """
            { "$schema": "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json",
              "id": "93277d4cd53f2dfc", "definitionId": "business-licence", "name": "营业执照",
              "root": { "id": "flow", "type": "Elsa.Flowchart",
                "activities": [
                  { "id": "start", "type": "Elsa.Start" },
                  { "id": "licence", "type": "Elsa.RunTask", "metadata": { "displayText": "营业执照" },
                    "taskName": { "typeName": "String", "expression": { "type": "Literal", "value": "market-regulation" } },
                    "customProperties": { "approval.definitions/v1": { "timeLimit": { "workingDays": 3 } } } } ],
                "connections": [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "licence", "port": "In" } } ] } }
            """,
        [typeof(SendBackRequest)] = """{ "toStepId": "stage-construction", "reason": "消防验收发现施工与审查图纸不符，退回施工许可阶段重新审查" }""",
        [typeof(RetractRequest)] = """{ "reason": "误点通过，撤回重新审查" }""",
        [typeof(ConsultationRequest)] = """{ "departments": ["natural-resources", "housing-construction"], "question": "该项目消防通道是否占用规划道路？", "workingDays": 3 }""",
        [typeof(OpinionRequest)] = """{ "opinion": "经核，消防通道未占用规划道路，同意。" }""",
        [typeof(UrgeRequest)] = """{ "note": "申请人反映已超过承诺时限，请尽快办理", "insist": false }""",
        [typeof(DelegationRequest)] = """{ "toUserId": "li@market-regulation", "toDepartment": "market-regulation", "workingDays": 5, "reason": "年休假" }""",
        [typeof(Approval.Engine.Cases.Commands.ResultDocumentInput)] = """{ "number": "JY13501000000001", "name": "食品经营许可证", "validFrom": "2026-12-03", "validTo": "2031-12-02", "fileReference": "elicence:350100:JY13501000000001" }""",
        [typeof(CommitmentRequest)] = """{ "stepId": "outdoor-sign", "signedBy": "张三", "signedAt": "2026-12-01T09:30:00+08:00" }""",
        [typeof(VerificationRequest)] = """{ "passed": false, "finding": "现场核查：招牌尺寸与承诺不符" }""",
        [typeof(FollowUpRequest)] = """{ "outcome": "satisfied", "note": "已电话回访，申请人对整改结果满意" }""",
        [typeof(DeliverRequest)] = """{ "method": "express", "trackingNumber": "SF1234567890" }""",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [JsonNode.Parse(example)!];
        }

        return Task.CompletedTask;
    }
}
