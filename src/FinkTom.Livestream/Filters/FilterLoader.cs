using Microsoft.Extensions.Hosting;

namespace FinkTom.Livestream.Filters;

/// <summary>Loads the filters before anything is ingested (registered ahead of the transports' consumers).</summary>
internal sealed class FilterLoader(FilterRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => registry.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
