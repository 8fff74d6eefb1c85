using FinkTom.Livestream.Filters;
using Microsoft.Extensions.Hosting;

namespace FinkTom.Kafka.Publish;

/// <summary>
/// Makes every active filter's topic exist from the start (the built-ins' and the stored users'), so a consumer may
/// subscribe before any match. Runs in the background: a broker that is down delays the topics, not the start; the
/// topics not made yet are tried again every few seconds.
/// </summary>
internal sealed class FilterTopicsAtStart(FilterRegistry filters, KafkaTopicManager topics) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = filters.Active.Select(f => f.Topic).ToList();
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            var failed = new List<string>();
            foreach (var topic in pending)
                if (await topics.EnsureAsync(topic, stoppingToken) == TopicOutcome.Failed)
                    failed.Add(topic);
            pending = failed;
            if (pending.Count > 0)
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
