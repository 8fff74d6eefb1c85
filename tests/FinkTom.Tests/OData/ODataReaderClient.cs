using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace FinkTom.Tests.OData;

/// <summary>
/// An OData client built on Microsoft.OData.Core's own reader stack (what Microsoft.OData.Client uses inside):
/// the model comes from the served <c>$metadata</c> through <see cref="CsdlReader"/>, every payload is read by
/// <see cref="ODataMessageReader"/> with full validation against that model, and paging follows
/// <c>@odata.nextLink</c> until it is absent. Requests carry Power Query's headers (contract: odata-clients.md §1).
/// </summary>
public sealed class ODataReaderClient(HttpClient http)
{
    public const string PowerQueryAccept =
        "application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8," +
        "application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7";

    private IEdmModel? _model;

    public Uri ServiceRoot { get; } = new(http.BaseAddress!, "/odata/");

    /// <summary>Extra headers for every request (Prefer, credentials).</summary>
    public Dictionary<string, string> Headers { get; } = [];

    public async Task<IEdmModel> ModelAsync()
    {
        if (_model is null)
        {
            using var response = await SendAsync(new Uri(ServiceRoot, "$metadata"));
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var xml = XmlReader.Create(stream);
            _model = CsdlReader.Parse(xml);
        }
        return _model;
    }

    public async Task<HttpResponseMessage> SendAsync(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", PowerQueryAccept);
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0");
        request.Headers.TryAddWithoutValidation("User-Agent", "Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)");
        foreach (var (name, value) in Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"GET {url}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>One page of a collection: the top-level entities (expanded ones inside them), the count and the next link.</summary>
    public async Task<FeedPage> ReadPageAsync(Uri url, string entitySet)
    {
        var model = await ModelAsync();
        using var response = await SendAsync(url);
        var message = new ODataResponseMessage(response, await response.Content.ReadAsStreamAsync());
        var settings = new ODataMessageReaderSettings { BaseUri = ServiceRoot, Validations = ValidationKinds.All };
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, settings, model);
        var set = model.EntityContainer.FindEntitySet(entitySet);
        var feed = await reader.CreateODataResourceSetReaderAsync(set, set.EntityType);
        var page = new FeedPage();
        var stack = new Stack<FeedEntity>();
        string? nested = null;
        while (await feed.ReadAsync())
        {
            switch (feed.State)
            {
                case ODataReaderState.ResourceStart:
                    stack.Push(new FeedEntity((ODataResource)feed.Item, nested));
                    break;
                case ODataReaderState.ResourceEnd:
                    var entity = stack.Pop();
                    if (stack.Count == 0)
                        page.Entities.Add(entity);
                    else
                        stack.Peek().Expanded.Add(entity);
                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    nested = ((ODataNestedResourceInfo)feed.Item).Name;
                    break;
                case ODataReaderState.NestedResourceInfoEnd:
                    nested = null;
                    break;
                case ODataReaderState.ResourceSetEnd when stack.Count == 0:
                    var resourceSet = (ODataResourceSet)feed.Item;
                    page.NextLink = resourceSet.NextPageLink;
                    page.Count = resourceSet.Count;
                    break;
                case ODataReaderState.ResourceSetEnd:
                    stack.Peek().NestedCount = ((ODataResourceSet)feed.Item).Count;
                    break;
            }
        }
        return page;
    }

    /// <summary>Reads a whole collection page by page, as Power Query's OData.Feed does.</summary>
    public async Task<(List<FeedEntity> Entities, int Pages, long? Count)> ReadAllAsync(string relativeUrl, string entitySet, int maxPages = 10_000)
    {
        var all = new List<FeedEntity>();
        Uri? url = new(ServiceRoot, relativeUrl);
        var pages = 0;
        long? count = null;
        while (url is not null)
        {
            Assert.True(++pages <= maxPages, $"more than {maxPages} pages: the next links do not end");
            var page = await ReadPageAsync(url, entitySet);
            all.AddRange(page.Entities);
            count ??= page.Count;
            url = page.NextLink;
        }
        return (all, pages, count);
    }

    public async Task<FeedEntity> ReadEntityAsync(string relativeUrl, string entitySet)
    {
        var model = await ModelAsync();
        using var response = await SendAsync(new Uri(ServiceRoot, relativeUrl));
        var message = new ODataResponseMessage(response, await response.Content.ReadAsStreamAsync());
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, new ODataMessageReaderSettings { BaseUri = ServiceRoot }, model);
        var set = model.EntityContainer.FindEntitySet(entitySet);
        var resource = await reader.CreateODataResourceReaderAsync(set, set.EntityType);
        var stack = new Stack<FeedEntity>();
        FeedEntity? top = null;
        while (await resource.ReadAsync())
        {
            if (resource.State == ODataReaderState.ResourceStart)
                stack.Push(new FeedEntity((ODataResource)resource.Item, null));
            else if (resource.State == ODataReaderState.ResourceEnd)
            {
                var entity = stack.Pop();
                if (stack.Count == 0)
                    top = entity;
                else
                    stack.Peek().Expanded.Add(entity);
            }
        }
        return top!;
    }
}

public sealed class FeedPage
{
    public List<FeedEntity> Entities { get; } = [];
    public Uri? NextLink { get; set; }
    public long? Count { get; set; }
}

/// <summary>An entity as the reader gave it, with entities expanded inside it.</summary>
public sealed class FeedEntity(ODataResource resource, string? navigation)
{
    public ODataResource Resource { get; } = resource;

    /// <summary>The navigation property this entity was expanded under, if any.</summary>
    public string? Navigation { get; } = navigation;

    public List<FeedEntity> Expanded { get; } = [];

    public long? NestedCount { get; set; }

    public object? this[string name] => Resource.Properties.OfType<ODataProperty>().FirstOrDefault(p => p.Name == name) is { } p
        ? p.Value is ODataNullValue ? null : p.Value
        : throw new KeyNotFoundException($"The entity has no property '{name}'.");

    public bool Has(string name) => Resource.Properties.OfType<ODataProperty>().Any(p => p.Name == name);

    public IEnumerable<string> PropertyNames => Resource.Properties.Select(p => p.Name);
}
