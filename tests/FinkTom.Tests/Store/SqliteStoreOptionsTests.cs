using FinkTom.Tests.Support;

namespace FinkTom.Tests.Store;

/// <summary>Page-cache settings of the embedded store are checked when the server starts.</summary>
public sealed class SqliteStoreOptionsTests
{
    [Theory]
    [InlineData("Store:Sqlite:WriteCacheSizeMiB", "0")]
    [InlineData("Store:Sqlite:CacheSizeMiB", "-5")]
    public async Task A_cache_size_below_one_MiB_stops_the_start_with_the_setting_named(string key, string value)
    {
        var problems = await ServerStart.RefusalAsync((key, value));

        Assert.Contains("Store:Sqlite:CacheSizeMiB and Store:Sqlite:WriteCacheSizeMiB must be at least 1", problems);
    }
}
