namespace FinkTom.Server.Hosting;

public static class SampleIngestion
{
    public static IServiceCollection AddSampleIngestion(this IServiceCollection services) => services;
}
