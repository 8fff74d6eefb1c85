using System.Runtime.CompilerServices;

namespace FinkTom.Tests.Support;

/// <summary>
/// A fact that reads <c>../shared/data</c> (<see cref="TestPaths.SharedData"/>): skipped, with that reason, when the
/// folder is absent. Name such tests so that they say they use the shared data.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (TestPaths.SharedData is null)
            Skip = "needs ../shared/data beside the repository (the workplace's shared sample data); it is absent here";
    }
}
