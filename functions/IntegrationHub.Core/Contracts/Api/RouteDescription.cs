namespace IntegrationHub.Core.Contracts.Api;

/// <summary>
/// One HTTP route of the hub as the API documents describe it: its name (the operation id), methods, route template
/// (e.g. <c>/api/feeds/{feedId}/events</c>), and who may call it: anonymous, any authenticated caller (no roles), or a
/// caller holding one of <see cref="Roles"/> (a role may contain a route parameter, e.g. <c>Feeds.Publish.{feedId}</c>).
/// <see cref="ReadsFeedRecords"/>: the route reads the records of its <c>{feedId}</c>, and which of the roles applies depends on
/// the feed's classification (the documents list it per feed). <see cref="MediaTypes"/>: what a 200 is when it is not JSON (a file).
/// </summary>
public sealed record RouteDescription(string Name, IReadOnlyList<string> Methods, string Route, IReadOnlyList<string> Roles, bool Anonymous,
    bool ReadsFeedRecords = false)
{
    public IReadOnlyList<string> MediaTypes { get; init; } = [];
}
