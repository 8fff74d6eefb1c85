namespace FinkTom.Server.Formats;

/// <summary>
/// Why a request parameter was refused. Endpoints answer it with
/// <c>400 {"status": "error", "text": Text}</c> (contract §1.2). Texts carry no trailing newline; Fink's
/// bodies end with one, which the endpoint's error shape adds if it mimics them.
/// </summary>
/// <param name="Parameter">The parameter's name as the API spells it, e.g. <c>output-format</c>.</param>
/// <param name="Text">The message for the client, Fink's own wording where the contract quotes one.</param>
public sealed record ParameterError(string Parameter, string Text);

/// <summary>A parsed request parameter: either a value or a <see cref="ParameterError"/>, never an exception.</summary>
public readonly record struct ParameterResult<T>
{
    private ParameterResult(T? value, ParameterError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value; meaningful only when <see cref="IsOk"/>.</summary>
    public T? Value { get; }

    public ParameterError? Error { get; }

    public bool IsOk => Error is null;

    public static ParameterResult<T> Ok(T value) => new(value, null);

    public static ParameterResult<T> Fail(string parameter, string text) => new(default, new ParameterError(parameter, text));

    public static ParameterResult<T> Fail(ParameterError error) => new(default, error);
}
