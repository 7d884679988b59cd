namespace IntegrationHub.Core.OpenData;

/// <summary>Where the exported files are read from (the public container's URL) and the province they cover.</summary>
public sealed record OpenDataSite(Uri BaseUri, string ProvinceCode, string ProvinceName)
{
    public string Url(string name) => new Uri(BaseUri.AbsoluteUri.EndsWith('/') ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/"), name).AbsoluteUri;
}
