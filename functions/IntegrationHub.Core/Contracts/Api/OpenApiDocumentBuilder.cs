using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Contracts.Api;

/// <summary>
/// Builds the hub's OpenAPI 3.1 document from the catalogue and the route table: every route with its security
/// requirement (bearer token; the app roles it needs), every feed major's event body as a component taken from its
/// schema, and the RFC 9457 problem responses. Generated on request, never hand-maintained.
/// </summary>
public static partial class OpenApiDocumentBuilder
{
    private const string Bearer = "bearer";
    private const string ProblemJson = "application/problem+json";

    public static JsonObject Build(FeedCatalogue catalogue, IReadOnlyList<RouteDescription> routes, ApiDocumentInfo info)
    {
        var schemas = new JsonObject
        {
            ["Problem"] = Problem(),
            ["CloudEventEnvelope"] = JsonSchemaEmbedding.Embed(catalogue.EnvelopeSchemaJson),
            ["IngestResult"] = IngestResult(),
        };
        var events = new JsonArray();
        foreach (var feed in catalogue.Feeds)
        {
            foreach (var version in feed.Versions.Where(v => v.AcceptsEvents))
            {
                var data = JsonSchemaEmbedding.ComponentName(feed.Id, version.Major, "data");
                var evt = JsonSchemaEmbedding.ComponentName(feed.Id, version.Major, "event");
                schemas[data] = JsonSchemaEmbedding.Embed(version.SchemaJson);
                schemas[evt] = new JsonObject
                {
                    ["title"] = $"{feed.Id}.v{version.Major} CloudEvent",
                    ["description"] = $"{feed.Title.En} ({feed.Title.Vi}), major {version.Major} ({version.Status}{(version.Sunset is { } s ? $", sunset {s:yyyy-MM-dd}" : "")}); published to {version.Topic}. Send to POST /api/feeds/{feed.Id}/events with the role {feed.PublishRole}.",
                    ["allOf"] = new JsonArray(
                        Ref("CloudEventEnvelope"),
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("data"),
                            ["properties"] = new JsonObject
                            {
                                ["type"] = new JsonObject { ["const"] = $"{feed.Id}.v{version.Major}" },
                                ["data"] = Ref(data),
                            },
                        }),
                };
                events.Add(Ref(evt));
            }
        }

        schemas["AnyFeedEvent"] = new JsonObject { ["description"] = "A CloudEvent of any feed and major; the route's {feedId} must match its type.", ["oneOf"] = events };

        var paths = new JsonObject();
        foreach (var route in routes.Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal)).OrderBy(r => r.Route, StringComparer.Ordinal))
        {
            var item = paths[route.Route] as JsonObject ?? new JsonObject();
            paths[route.Route] = item;
            foreach (var method in route.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(route, method, catalogue);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = info.Title,
                ["version"] = info.Version,
                ["description"] = "Generated from the feed catalogue (contracts/) and the hub's route table. Every route needs an Entra ID bearer token (app roles as listed per operation), except those marked anonymous. Errors are RFC 9457 problem details.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = info.HubUrl }),
            ["security"] = new JsonArray(new JsonObject { [Bearer] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [Bearer] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = $"An Entra ID v2 app-only access token of tenant {info.TenantId} for the hub's API registration; the operation's roles are app roles (the roles claim).",
                    },
                },
                ["schemas"] = schemas,
                ["responses"] = Responses(),
            },
        };
    }

    private static JsonObject Operation(RouteDescription route, string method, FeedCatalogue catalogue)
    {
        var operation = new JsonObject
        {
            ["operationId"] = route.Methods.Count == 1 ? route.Name : route.Name + "_" + method.ToLowerInvariant(),
            ["summary"] = route.Name,
            ["description"] = route.ReadsFeedRecords
                ? $"Requires the feed's read role by its classification: {FeedClassification.ReadRole} for public and internal feeds, {FeedClassification.FeedReadRolePrefix}<feedId> for restricted feeds, where {FeedClassification.ReadRole} alone is refused (x-hub-read-roles lists the role of every feed). No other role, Hub.Admin included, reads records."
                : route.Anonymous ? "Anonymous." : route.Roles.Count == 0 ? "Any authenticated caller." : "Requires the app role " + string.Join(" or ", route.Roles) + ".",
        };
        if (route.ReadsFeedRecords)
        {
            var readRoles = new JsonObject();
            foreach (var feed in catalogue.Feeds)
            {
                readRoles[feed.Id] = feed.RecordReadRole();
            }

            operation["x-hub-read-roles"] = readRoles;
        }

        var parameters = new JsonArray();
        foreach (Match parameter in RouteParameter().Matches(route.Route))
        {
            var name = parameter.Groups[1].Value;
            var schema = new JsonObject { ["type"] = "string" };
            if (name == "feedId")
            {
                schema["enum"] = new JsonArray(catalogue.Feeds.Select(f => (JsonNode)f.Id).ToArray());
            }

            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = schema });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        operation["security"] = route.Anonymous
            ? new JsonArray(new JsonObject())
            : route.ReadsFeedRecords
                // One requirement per role: the caller needs one of them (which one, the feed's classification says).
                ? new JsonArray(route.Roles.Select(r => (JsonNode)new JsonObject { [Bearer] = new JsonArray(r) }).ToArray())
                : new JsonArray(new JsonObject { [Bearer] = new JsonArray(route.Roles.Select(r => (JsonNode)r).ToArray()) });

        var responses = new JsonObject();
        var ingest = method == "POST" && route.Route.EndsWith("/events", StringComparison.Ordinal);
        if (ingest)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    ["application/cloudevents+json"] = new JsonObject { ["schema"] = Ref("AnyFeedEvent") },
                    ["application/cloudevents-batch+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("AnyFeedEvent") } },
                    ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["description"] = "Binary mode: the event's data, with its attributes in ce-* headers.", ["type"] = "object" } },
                },
            };
            responses["202"] = new JsonObject
            {
                ["description"] = "At least one event accepted or recognised as a duplicate; one result per event, in request order (warnings at /type for a deprecated major).",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("IngestResult") } },
            };
            foreach (var (status, name) in new[] { ("400", "BadRequest"), ("413", "TooLarge"), ("415", "UnsupportedMediaType"), ("422", "Rejected"), ("503", "Unavailable") })
            {
                responses[status] = ResponseRef(name);
            }
        }
        else
        {
            var content = new JsonObject();
            foreach (var mediaType in route.MediaTypes.Count == 0 ? ["application/json"] : route.MediaTypes)
            {
                content[mediaType] = new JsonObject { ["schema"] = route.MediaTypes.Count == 0 ? new JsonObject() : new JsonObject { ["type"] = "string" } };
            }

            responses["200"] = new JsonObject { ["description"] = route.MediaTypes.Count == 0 ? "OK" : "The file, as a download.", ["content"] = content };
            if (route.Name.Contains("Health", StringComparison.Ordinal))
            {
                responses["503"] = ResponseRef("Unavailable");
            }
        }

        if (parameters.Count > 0)
        {
            responses["404"] = ResponseRef("NotFound");
        }

        if (!route.Anonymous)
        {
            responses["401"] = ResponseRef("Unauthorized");
            if (route.Roles.Count > 0)
            {
                responses["403"] = ResponseRef("Forbidden");
            }
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject Responses()
    {
        var responses = new JsonObject();
        foreach (var (name, description) in new[]
        {
            ("BadRequest", "Malformed request (e.g. malformed JSON, with line and byte; an empty batch; a bad query parameter)."),
            ("Unauthorized", "No valid bearer token (missing, expired, wrong audience or issuer, bad signature)."),
            ("Forbidden", "The token lacks the app role the operation needs, or the sender may not use the event's source."),
            ("NotFound", "Unknown feed, version or entity."),
            ("TooLarge", "The body or the batch exceeds the hub's limits."),
            ("UnsupportedMediaType", "Not a CloudEvents media type (or not UTF-8)."),
            ("Rejected", "Every event was rejected; the problem carries one result per event with its errors (JSON Pointers)."),
            ("Unavailable", "Storage is unavailable: nothing was acknowledged; retry after the Retry-After header."),
        })
        {
            responses[name] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject { [ProblemJson] = new JsonObject { ["schema"] = Ref("Problem") } },
            };
        }

        ((JsonObject)responses["Unavailable"]!)["headers"] = new JsonObject
        {
            ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait before retrying.", ["schema"] = new JsonObject { ["type"] = "integer" } },
        };
        return responses;
    }

    private static JsonObject Problem() => new()
    {
        ["description"] = "RFC 9457 problem details. Ingest rejections add the per-event results (accepted, duplicates, rejected, results).",
        ["type"] = "object",
        ["required"] = new JsonArray("type", "title", "status"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["description"] = "A URN naming the problem, urn:lgsp:problem:<slug>." },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
        },
    };

    private static JsonObject IngestResult()
    {
        var error = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("pointer", "detail"),
            ["properties"] = new JsonObject
            {
                ["pointer"] = new JsonObject { ["type"] = "string", ["description"] = "JSON Pointer into the event (/data/x, /time, /type …)." },
                ["detail"] = new JsonObject { ["type"] = "string" },
            },
        };
        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("accepted", "duplicates", "rejected", "results"),
            ["properties"] = new JsonObject
            {
                ["accepted"] = new JsonObject { ["type"] = "integer" },
                ["duplicates"] = new JsonObject { ["type"] = "integer" },
                ["rejected"] = new JsonObject { ["type"] = "integer" },
                ["results"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("index", "status", "errors"),
                        ["properties"] = new JsonObject
                        {
                            ["index"] = new JsonObject { ["type"] = "integer" },
                            ["id"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                            ["status"] = new JsonObject { ["enum"] = new JsonArray("accepted", "duplicate", "rejected") },
                            ["errors"] = new JsonObject { ["type"] = "array", ["items"] = error.DeepClone() },
                            ["warnings"] = new JsonObject { ["type"] = "array", ["items"] = error.DeepClone() },
                        },
                    },
                },
            },
        };
    }

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };

    private static JsonObject ResponseRef(string name) => new() { ["$ref"] = "#/components/responses/" + name };

    [GeneratedRegex("\\{([A-Za-z0-9_]+)\\}")]
    private static partial Regex RouteParameter();
}
