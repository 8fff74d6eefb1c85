using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace FinkTom.Query.OData;

/// <summary>
/// The feed's EDM model, served as CSDL at <c>/odata/$metadata</c>: in namespace <c>FinkTom</c>, ZTF's entity types
/// Alert and Object, Rubin's LsstSource, LsstObject and LsstForcedSource, the reference types Class and Column, their
/// entity sets, the navigations Objects → Alerts and LsstObjects → Sources, ForcedPhotometry, and the bound function
/// <c>Default.Cone(ra, dec, radius)</c> on Alerts, LsstSources and LsstObjects. Every property carries its description
/// (Core.Description). No enum types (several BI tools mishandle them); 64-bit ids are strings; times are
/// Edm.DateTimeOffset (UTC).
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
    public static EdmEntitySet LsstSources { get; }
    public static EdmEntitySet LsstObjects { get; }
    public static EdmEntitySet LsstForcedPhotometry { get; }
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
        var navigation = ToMany(ObjectType, ObjectFeed.AlertsNavigation, AlertType);

        Alerts = container.AddEntitySet(AlertFeed.SetName, AlertType);
        Objects = container.AddEntitySet(ObjectFeed.SetName, ObjectType);
        Classes = container.AddEntitySet(ReferenceFeeds.Classes.Name, classType);
        Columns = container.AddEntitySet(ReferenceFeeds.Columns.Name, columnType);
        Objects.AddNavigationTarget(navigation, Alerts);
        Describe(model, Alerts, AlertFeed.Set.Description);
        Describe(model, Objects, ObjectFeed.Set.Description);
        Describe(model, Classes, ReferenceFeeds.Classes.Description);
        Describe(model, Columns, ReferenceFeeds.Columns.Description);

        var lsstSourceType = EntityType(model, LsstSourceFeed.Set);
        var lsstObjectType = EntityType(model, LsstObjectFeed.Set);
        var forcedType = EntityType(model, LsstForcedPhotometryFeed.Set);
        LsstSources = container.AddEntitySet(LsstSourceFeed.SetName, lsstSourceType);
        LsstObjects = container.AddEntitySet(LsstObjectFeed.SetName, lsstObjectType);
        LsstForcedPhotometry = container.AddEntitySet(LsstForcedPhotometryFeed.SetName, forcedType);
        LsstObjects.AddNavigationTarget(ToMany(lsstObjectType, LsstObjectFeed.SourcesNavigation, lsstSourceType), LsstSources);
        LsstObjects.AddNavigationTarget(ToMany(lsstObjectType, LsstObjectFeed.ForcedPhotometryNavigation, forcedType), LsstForcedPhotometry);
        Describe(model, LsstSources, LsstSourceFeed.Set.Description);
        Describe(model, LsstObjects, LsstObjectFeed.Set.Description);
        Describe(model, LsstForcedPhotometry, LsstForcedPhotometryFeed.Set.Description);

        // One Cone per set it searches: overloads differ by their binding parameter, as CSDL allows.
        Cone = AddCone(model, AlertType, "Alerts within radius arcseconds of (ra, dec), nearest first unless $orderby says otherwise; composes with $filter, $select, $orderby, $top.");
        AddCone(model, lsstSourceType, "Rubin alerts (diaSources) within radius arcseconds of (ra, dec), nearest first unless $orderby says otherwise; composes with $filter, $select, $orderby, $top.");
        AddCone(model, lsstObjectType, "Rubin objects with an alert within radius arcseconds of (ra, dec), each from its latest alert in the cone (as /lsst/api/v1/conesearch), nearest first; composes with $filter, $select, $orderby, $top.");
        // Terms used must come from a referenced vocabulary (CSDL §3.3); strict clients check it.
        var core = new EdmReference(new Uri("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"));
        core.AddInclude(new EdmInclude("Core", "Org.OData.Core.V1"));
        model.SetEdmReferences([core]);
        Model = model;
    }

    private static EdmNavigationProperty ToMany(EdmEntityType from, string name, EdmEntityType target) =>
        from.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo { Name = name, Target = target, TargetMultiplicity = EdmMultiplicity.Many });

    private static EdmFunction AddCone(EdmModel model, EdmEntityType type, string description)
    {
        var collection = new EdmCollectionTypeReference(new EdmCollectionType(new EdmEntityTypeReference(type, false)));
        var cone = new EdmFunction(FunctionNamespace, ConeFunction, collection, isBound: true,
            entitySetPathExpression: new EdmPathExpression("bindingParameter"), isComposable: true);
        cone.AddParameter("bindingParameter", collection);
        var ra = cone.AddParameter("ra", EdmCoreModel.Instance.GetDouble(false));
        var dec = cone.AddParameter("dec", EdmCoreModel.Instance.GetDouble(false));
        var radius = cone.AddParameter("radius", EdmCoreModel.Instance.GetDouble(false));
        model.AddElement(cone);
        Describe(model, cone, description);
        Describe(model, ra, "Right ascension of the centre, degrees (ICRS), 0 to 360.");
        Describe(model, dec, "Declination of the centre, degrees (ICRS), -90 to 90.");
        Describe(model, radius, "Radius in arcseconds, as the REST API's conesearch: more than 0, at most 18,000 (5 degrees).");
        return cone;
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
