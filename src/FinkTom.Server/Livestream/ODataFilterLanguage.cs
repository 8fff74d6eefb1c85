using FinkTom.Core.Query;
using FinkTom.Kafka.Livestream;
using FinkTom.Query.OData;
using FinkTom.Server.OData;

namespace FinkTom.Server.Livestream;

/// <summary>Livestream filters speak the OData feed's <c>$filter</c> language: one predicate language across FinkTom.</summary>
internal sealed class ODataFilterLanguage : IFilterLanguage
{
    public bool TryParse(string text, out Predicate? predicate, out string? error) =>
        ODataFilterParser.TryParse(text, out predicate, out error);
}
