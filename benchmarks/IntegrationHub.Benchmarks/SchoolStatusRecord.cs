using System.Text;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// A typical record for throughput measurements: one school's daily status (edu.school-status) inside a
/// structured-mode CloudEvents envelope, with schemas in the contracts' profile. Shared by the benchmarks.
/// </summary>
public static class SchoolStatusRecord
{
    /// <summary>The schema of the event's <c>data</c>: patterns, enums, formats, ranges and an if/then.</summary>
    public const string DataSchemaJson = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "$id": "urn:lgsp:contracts:edu.school-status:v1",
          "title": "School status",
          "type": "object",
          "required": [
            "schoolCode", "communeCode", "educationLevel", "ownership", "reportDate",
            "studentsEnrolled", "studentsPresent", "teachersActive", "studentsIdVerified", "internetConnected"
          ],
          "additionalProperties": false,
          "properties": {
            "schoolCode": { "type": "string", "pattern": "^[0-9A-Za-z]{4,20}$" },
            "communeCode": { "type": "string", "pattern": "^\\d{5}$" },
            "educationLevel": { "enum": ["MAM_NON", "TIEU_HOC", "THCS", "THPT", "GDTX", "LIEN_CAP", "GDNN"] },
            "ownership": { "enum": ["CONG_LAP", "TU_THUC", "DAN_LAP"] },
            "reportDate": { "type": "string", "format": "date" },
            "studentsEnrolled": { "type": "integer", "minimum": 0, "maximum": 20000 },
            "studentsPresent": { "type": "integer", "minimum": 0, "maximum": 20000 },
            "teachersActive": { "type": "integer", "minimum": 0, "maximum": 2000 },
            "studentsIdVerified": { "type": "integer", "minimum": 0, "maximum": 20000 },
            "internetConnected": { "type": "boolean" },
            "lastSyncToMinistryDb": { "type": "string", "format": "date-time" }
          },
          "if": { "properties": { "internetConnected": { "const": true } }, "required": ["internetConnected"] },
          "then": { "required": ["lastSyncToMinistryDb"] }
        }
        """;

    /// <summary>The CloudEvents 1.0 attributes the hub requires, with <c>data</c> left to the feed schema.</summary>
    public const string EnvelopeSchemaJson = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["specversion", "type", "source", "id", "time", "data"],
          "properties": {
            "specversion": { "const": "1.0" },
            "type": { "type": "string", "pattern": "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+\\.v[1-9][0-9]*$" },
            "source": { "type": "string", "minLength": 1, "maxLength": 512 },
            "id": { "type": "string", "minLength": 1, "maxLength": 128 },
            "time": { "type": "string", "format": "date-time" },
            "subject": { "type": "string", "minLength": 1, "maxLength": 256 },
            "datacontenttype": { "const": "application/json" },
            "admincodes": { "type": "string", "pattern": "^[A-Z0-9-]{1,32}$" },
            "data": { "type": "object" }
          }
        }
        """;

    public const string EventJson = """
        {
          "specversion": "1.0",
          "type": "edu.school-status.v1",
          "source": "urn:lgsp:19:sgddt:csdl-nganh",
          "id": "6f1c2a9e-3b7d-4c51-9a0e-2d8f4b6c1e73",
          "time": "2025-06-30T17:05:12+07:00",
          "subject": "THCS0012345",
          "datacontenttype": "application/json",
          "admincodes": "QD19-2025",
          "data": {
            "schoolCode": "THCS0012345",
            "communeCode": "06127",
            "educationLevel": "THCS",
            "ownership": "CONG_LAP",
            "reportDate": "2025-06-30",
            "studentsEnrolled": 812,
            "studentsPresent": 790,
            "teachersActive": 46,
            "studentsIdVerified": 805,
            "internetConnected": true,
            "lastSyncToMinistryDb": "2025-06-30T16:45:00+07:00"
          }
        }
        """;

    /// <summary>The same event with five schema errors in <c>data</c>, to measure the error path.</summary>
    public const string InvalidEventJson = """
        {
          "specversion": "1.0",
          "type": "edu.school-status.v1",
          "source": "urn:lgsp:19:sgddt:csdl-nganh",
          "id": "0b5e8f3d-9c2a-4e61-8d7b-1a3f5c9e2b40",
          "time": "2025-06-30T17:05:12+07:00",
          "data": {
            "schoolCode": "THCS0012345",
            "communeCode": "6127",
            "educationLevel": "THCS",
            "ownership": "PRIVATE",
            "reportDate": "2025-02-30",
            "studentsEnrolled": 25000,
            "studentsPresent": 790,
            "teachersActive": 46,
            "studentsIdVerified": 805,
            "internetConnected": true
          }
        }
        """;

    public static byte[] EventUtf8 { get; } = Encoding.UTF8.GetBytes(EventJson);

    public static byte[] InvalidEventUtf8 { get; } = Encoding.UTF8.GetBytes(InvalidEventJson);
}
