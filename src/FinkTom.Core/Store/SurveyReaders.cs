using FinkTom.Core.Surveys;

namespace FinkTom.Core.Store;

/// <summary>
/// The read side of each survey's store, for code that serves alerts of any survey (livestreams read back the alerts a
/// filter matched). Endpoints of one survey take their store directly.
/// </summary>
public sealed class SurveyReaders(IReadOnlyDictionary<Survey, IAlertReader> readers)
{
    public IAlertReader For(Survey survey) => readers.TryGetValue(survey, out var reader)
        ? reader
        : throw new InvalidOperationException($"No store is registered for {survey.Title}.");
}
