using System.Globalization;
using CsCheck;
using FinkTom.Server.Api.Parameters;

namespace FinkTom.Tests.Api;

/// <summary>The statistics <c>date</c> parser: every calendar day and its month and year prefixes pass; anything else
/// is refused with a reason, never thrown.</summary>
public sealed class NightPrefixPropertyTests
{
    [Fact]
    public void Every_calendar_day_and_its_prefixes_parse_to_themselves() =>
        Gen.DateOnly[new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31)].Sample(day =>
        {
            var text = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var prefix in new[] { text, text[..6], text[..4] })
                Assert.Equal(prefix, NightPrefix.Parse(prefix, out var error) ?? error);
        });

    [Fact]
    public void Any_text_parses_or_fails_with_a_reason() =>
        Gen.String.Sample(text =>
        {
            var parsed = NightPrefix.Parse(text, out var error);
            Assert.True((parsed is null) != (error is null));
            if (parsed is not null)
                Assert.True(parsed.Length is 0 or 4 or 6 or 8 && parsed.All(char.IsAsciiDigit));
        });

    [Theory]
    [InlineData("", "")]
    [InlineData(" 2021 ", "2021")]
    [InlineData("20240229", "20240229")]
    [InlineData("20230229", null)]
    [InlineData("202300", null)]
    [InlineData("0000", null)]
    [InlineData("2023-10", null)]
    public void Examples(string text, string? expected) => Assert.Equal(expected, NightPrefix.Parse(text, out _));
}
