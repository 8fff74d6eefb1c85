using System.Xml;
using FinkTom.Tests.Support;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace FinkTom.Tests.OData;

/// <summary>What Excel and Power BI read first: the service document and the CSDL, checked with Microsoft.OData.Edm.</summary>
[Collection(ApiCollection.Name)]
public sealed class ODataMetadataTests(FinkTomFactory factory)
{
    private readonly ODataReaderClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Metadata_is_CSDL_4_0_that_passes_Edm_validation()
    {
        using var response = await _client.SendAsync(new Uri(_client.ServiceRoot, "$metadata"));
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var xml = XmlReader.Create(new StringReader(text));

        Assert.True(CsdlReader.TryParse(xml, out var model, out var parseErrors), string.Join("; ", parseErrors ?? []));
        // The Core.Description annotations name their vocabulary, as CSDL requires of every term used.
        Assert.Contains("<edmx:Include Namespace=\"Org.OData.Core.V1\" Alias=\"Core\"", text);
        Assert.Equal(new Version(4, 0), model.GetEdmVersion());
        Assert.True(model.Validate(out var errors), string.Join("; ", errors.Select(e => $"{e.ErrorCode}: {e.ErrorMessage}")));
    }

    [Fact]
    public async Task Model_has_the_sets_keys_as_strings_utc_dates_no_enums_and_the_cone_function()
    {
        var model = await _client.ModelAsync();
        var container = model.EntityContainer;

        Assert.Equal(["Alerts", "Classes", "Columns", "LsstForcedPhotometry", "LsstObjects", "LsstSources", "Objects"], container.EntitySets().Select(s => s.Name).Order());
        var alert = container.FindEntitySet("Alerts").EntityType;
        Assert.Equal("candid", Assert.Single(alert.Key()).Name);
        Assert.Equal(EdmPrimitiveTypeKind.String, alert.FindProperty("candid").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.DateTimeOffset, alert.FindProperty("lastdate").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.Double, alert.FindProperty("jd").Type.PrimitiveKind());
        Assert.NotNull(alert.FindProperty("magpsf"));
        Assert.NotNull(alert.FindProperty("cdsxmatch"));
        Assert.NotNull(alert.FindProperty("rf_snia_vs_nonia"));
        // No enum types, no Int64 (Excel turns 64-bit numbers into doubles): ids are strings.
        Assert.Empty(model.SchemaElements.OfType<IEdmEnumType>());
        var properties = model.SchemaElements.OfType<IEdmEntityType>().SelectMany(t => t.StructuralProperties()).ToList();
        Assert.DoesNotContain(properties, p => p.Type.PrimitiveKind() is EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Decimal);
        Assert.All(properties, p => Assert.DoesNotContain(':', p.Name));

        var objects = container.FindEntitySet("Objects");
        var navigation = Assert.Single(objects.EntityType.NavigationProperties());
        Assert.Equal("Alerts", navigation.Name);
        Assert.Equal("Alerts", objects.FindNavigationTarget(navigation).Name);

        // One Cone per searchable set, told apart by the binding parameter.
        var cones = model.SchemaElements.OfType<IEdmFunction>().ToList();
        Assert.All(cones, cone =>
        {
            Assert.Equal("Default.Cone", cone.FullName());
            Assert.True(cone.IsBound);
            Assert.Equal(["bindingParameter", "ra", "dec", "radius"], cone.Parameters.Select(p => p.Name));
        });
        Assert.Equal(["FinkTom.Alert", "FinkTom.LsstObject", "FinkTom.LsstSource"],
            cones.Select(c => c.Parameters.First().Type.AsCollection().ElementType().FullName()).Order());
    }

    [Fact]
    public async Task Service_document_lists_every_entity_set()
    {
        var model = await _client.ModelAsync();
        using var response = await _client.SendAsync(_client.ServiceRoot);
        var message = new ODataResponseMessage(response, await response.Content.ReadAsStreamAsync());
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, new ODataMessageReaderSettings { BaseUri = _client.ServiceRoot }, model);

        var document = await reader.ReadServiceDocumentAsync();

        Assert.Equal(["Alerts", "Classes", "Columns", "LsstForcedPhotometry", "LsstObjects", "LsstSources", "Objects"], document.EntitySets.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Every_answer_has_exactly_one_OData_Version_header_4_0()
    {
        foreach (var path in new[] { "", "$metadata", "Alerts?$top=1", "Objects?$top=1", "Alerts?$filter=nope eq 1" })
        {
            using var response = await factory.CreateClient().GetAsync("/odata/" + path);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => h.Key.Equals("OData-Version", StringComparison.OrdinalIgnoreCase)).ToList();
            var header = Assert.Single(headers);
            Assert.Equal(["4.0"], header.Value);
        }
    }

    [Fact]
    public async Task Columns_set_documents_every_property_with_its_Fink_name()
    {
        var (columns, _, _) = await _client.ReadAllAsync("Columns?$filter=set eq 'Alerts'", "Columns");
        var model = await _client.ModelAsync();
        var alert = model.EntityContainer.FindEntitySet("Alerts").EntityType;

        Assert.Equal(alert.StructuralProperties().Select(p => p.Name).Order(), columns.Select(c => (string)c["name"]!).Order());
        var magpsf = columns.Single(c => (string?)c["name"] == "magpsf");
        Assert.Equal("i:magpsf", magpsf["fink"]);
        Assert.Equal("Edm.Double", magpsf["type"]);
        Assert.Contains("magnitude", (string)magpsf["description"]!, StringComparison.OrdinalIgnoreCase);
    }
}
