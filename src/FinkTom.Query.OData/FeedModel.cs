using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace FinkTom.Query.OData;

/// <summary>
/// The feed's EDM model, served as CSDL at <c>/odata/$metadata</c>: entity types Alert, Object, Class and Column
/// in namespace <c>FinkTom</c>, their entity sets, the Objects → Alerts navigation, and the bound function
/// <c>Default.Cone(ra, dec, radius)</c> on Alerts. Every property carries its description (Core.Description).
/// No enum types (several BI tools mishandle them); 64-bit ids are strings; times are Edm.DateTimeOffset (UTC).
/// </summary>
public static class FeedModel
{
    public const string Namespace = "FinkTom";
    public const string FunctionNamespace = "Default";
    public const string ConeFunction = "Cone";

    public static IEdmModel Model { get; }
    public static EdmEntitySet Alerts { get; }
    public static EdmEntitySet Objects { get; }
    public static EdmEntitySet Classes { get; }
    public static EdmEntitySet Columns { get; }
    public static EdmEntityType AlertType { get; }
    public static EdmEntityType ObjectType { get; }
    public static EdmFunction Cone { get; }

    static FeedModel()
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, "Container");
        model.AddElement(container);

        AlertType = EntityType(model, AlertFeed.Set);
        ObjectType = EntityType(model, ObjectFeed.Set);
        var classType = EntityType(model, ReferenceFeeds.Classes);
        var columnType = EntityType(model, ReferenceFeeds.Columns);
        var alerts = new EdmNavigationPropertyInfo { Name = ObjectFeed.AlertsNavigation, Target = AlertType, TargetMultiplicity = EdmMultiplicity.Many };
        var navigation = ObjectType.AddUnidirectionalNavigation(alerts);

        Alerts = container.AddEntitySet(AlertFeed.SetName, AlertType);
        Objects = container.AddEntitySet(ObjectFeed.SetName, ObjectType);
        Classes = container.AddEntitySet(ReferenceFeeds.Classes.Name, classType);
        Columns = container.AddEntitySet(ReferenceFeeds.Columns.Name, columnType);
        Objects.AddNavigationTarget(navigation, Alerts);
        Describe(model, Alerts, AlertFeed.Set.Description);
        Describe(model, Objects, ObjectFeed.Set.Description);
        Describe(model, Classes, ReferenceFeeds.Classes.Description);
        Describe(model, Columns, ReferenceFeeds.Columns.Description);

        var alertCollection = new EdmCollectionTypeReference(new EdmCollectionType(new EdmEntityTypeReference(AlertType, false)));
        Cone = new EdmFunction(FunctionNamespace, ConeFunction, alertCollection, isBound: true,
            entitySetPathExpression: new EdmPathExpression("bindingParameter"), isComposable: true);
        Cone.AddParameter("bindingParameter", alertCollection);
        var ra = Cone.AddParameter("ra", EdmCoreModel.Instance.GetDouble(false));
        var dec = Cone.AddParameter("dec", EdmCoreModel.Instance.GetDouble(false));
        var radius = Cone.AddParameter("radius", EdmCoreModel.Instance.GetDouble(false));
        model.AddElement(Cone);
        Describe(model, Cone, "Alerts within radius arcseconds of (ra, dec), nearest first unless $orderby says otherwise; composes with $filter, $select, $orderby, $top.");
        Describe(model, ra, "Right ascension of the centre, degrees (ICRS), 0 to 360.");
        Describe(model, dec, "Declination of the centre, degrees (ICRS), -90 to 90.");
        Describe(model, radius, "Radius in arcseconds, as the REST API's conesearch: more than 0, at most 18,000 (5 degrees).");
        // Terms used must come from a referenced vocabulary (CSDL §3.3); strict clients check it.
        var core = new EdmReference(new Uri("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"));
        core.AddInclude(new EdmInclude("Core", "Org.OData.Core.V1"));
        model.SetEdmReferences([core]);
        Model = model;
    }

    private static EdmEntityType EntityType<T>(EdmModel model, FeedSet<T> set)
    {
        var type = new EdmEntityType(Namespace, set.TypeName);
        foreach (var property in set.Properties)
        {
            var added = type.AddStructuralProperty(property.Name, EdmCoreModel.Instance.GetPrimitive(property.Kind, property.Nullable));
            if (property == set.Key)
                type.AddKeys(added);
            if (property.Description.Length > 0)
                Describe(model, added, property.Description);
        }
        model.AddElement(type);
        return type;
    }

    private static void Describe(EdmModel model, IEdmVocabularyAnnotatable target, string description)
    {
        var annotation = new EdmVocabularyAnnotation(target, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(description));
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.AddVocabularyAnnotation(annotation);
    }
}
