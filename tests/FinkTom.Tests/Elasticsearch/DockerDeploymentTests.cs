using System.Text.RegularExpressions;
using System.Xml.Linq;
using FinkTom.Store.Elasticsearch;
using FinkTom.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// docker/compose.yaml and docker/Dockerfile cannot be run here (no Docker engine), so they are read: the compose file
/// parses, every service has a health check, FinkTom waits for healthy dependencies, its environment binds to valid
/// Store:Elasticsearch options pointing at the Elasticsearch service, and the Dockerfile copies what exists and every
/// project the server needs before restoring.
/// </summary>
public sealed partial class DockerDeploymentTests
{
    private static readonly string Docker = Path.Combine(TestPaths.RepoRoot, "docker");

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Docker, "compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var environment = service.Children[new YamlScalarNode("environment")];
        return environment switch
        {
            YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!),
            YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
            _ => throw new InvalidOperationException("environment must be a map or a list"),
        };
    }

    [Fact]
    public void Compose_starts_elasticsearch_kafka_and_finktom_each_with_a_health_check_and_a_volume()
    {
        var services = Map(Compose(), "services");

        Assert.Equal(["elasticsearch", "kafka", "finktom"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var declaredVolumes = Map(Compose(), "volumes").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var (name, service) in services.Children.Select(p => (((YamlScalarNode)p.Key).Value, (YamlMappingNode)p.Value)))
        {
            var test = (YamlSequenceNode)Map(service, "healthcheck").Children[new YamlScalarNode("test")];
            Assert.True(test.Children.Count >= 2, $"{name} needs a health check command");
            var volumes = ((YamlSequenceNode)service.Children[new YamlScalarNode("volumes")]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            var named = volumes.Select(v => v.Split(':')[0]).Where(v => !v.StartsWith('.') && !v.StartsWith('$') && !v.StartsWith('/')).ToList();
            Assert.NotEmpty(named);
            Assert.All(named, v => Assert.Contains(v, declaredVolumes));
        }
    }

    [Fact]
    public void Elasticsearch_is_a_single_node_and_kafka_runs_in_kraft_mode()
    {
        var services = Map(Compose(), "services");
        var es = Environment(Map(services, "elasticsearch"));
        var kafka = Environment(Map(services, "kafka"));

        Assert.Equal("single-node", es["discovery.type"]);
        Assert.Matches("^docker.elastic.co/elasticsearch/elasticsearch:\\$\\{ES_VERSION:-9\\.", Scalar(Map(services, "elasticsearch"), "image")); // the client speaks REST API 9
        Assert.Equal("broker,controller", kafka["KAFKA_PROCESS_ROLES"]);
        Assert.Equal($"{kafka["KAFKA_NODE_ID"]}@kafka:9093", kafka["KAFKA_CONTROLLER_QUORUM_VOTERS"]);
        Assert.Contains("CONTROLLER://:9093", kafka["KAFKA_LISTENERS"]);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", kafka["CLUSTER_ID"]); // a base64 UUID, as KRaft storage formatting requires
        Assert.DoesNotContain(kafka.Keys, k => k.Contains("ZOOKEEPER"));
    }

    [Fact]
    public void FinkTom_waits_for_healthy_dependencies_and_its_settings_are_valid_store_options()
    {
        var services = Map(Compose(), "services");
        var finktom = Map(services, "finktom");
        var dependsOn = Map(finktom, "depends_on");
        Assert.Equal("service_healthy", Scalar(Map(dependsOn, "elasticsearch"), "condition"));
        Assert.Equal("service_healthy", Scalar(Map(dependsOn, "kafka"), "condition"));
        Assert.Equal("docker/Dockerfile", Scalar(Map(finktom, "build"), "dockerfile"));
        Assert.Equal("..", Scalar(Map(finktom, "build"), "context"));

        // Environment variables reach configuration with "__" as ":", exactly as the .NET host reads them.
        var environment = Environment(finktom);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":"), (string?)p.Value)))
            .Build();
        Assert.Equal("elasticsearch", configuration["Store:Backend"]);
        var options = configuration.GetSection(ElasticsearchStoreOptions.SectionName).Get<ElasticsearchStoreOptions>()!;
        Assert.Empty(options.Problems());
        Assert.Equal(new Uri("http://elasticsearch:9200"), new Uri(options.Url));
        Assert.Contains("127.0.0.1:9200:9200", ((YamlSequenceNode)Map(services, "elasticsearch").Children[new YamlScalarNode("ports")]).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("kafka:9092", configuration["Kafka:BootstrapServers"]);
        Assert.Contains("PLAINTEXT://kafka:9092", Environment(Map(services, "kafka"))["KAFKA_ADVERTISED_LISTENERS"]);

        // The health check calls /health on the port the service listens on.
        var port = Regex.Match(environment["ASPNETCORE_URLS"], ":(\\d+)$").Groups[1].Value;
        var check = string.Join(" ", ((YamlSequenceNode)Map(finktom, "healthcheck").Children[new YamlScalarNode("test")]).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", check);
        Assert.Contains("GET /health", check);
    }

    [GeneratedRegex(@"^COPY\s+(?!--from)(.+)\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [Fact]
    public void Dockerfile_builds_on_the_sdk_runs_on_aspnet_and_copies_every_project_before_restore()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Docker, "Dockerfile"));
        var stages = Regex.Matches(dockerfile, @"^FROM\s+(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["node:20-bookworm-slim", "mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
        Assert.Contains("COPY --from=portal /portal/dist src/FinkTom.Portal/dist", dockerfile);
        Assert.Contains("-p:SkipPortalBuild=true", dockerfile);

        var copies = CopyLine().Matches(dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(copies, source => Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, source)) || Directory.Exists(Path.Combine(TestPaths.RepoRoot, source)),
            $"COPY {source}: not in the repository"));

        // Every project the server references, directly or not, is copied before `dotnet restore`.
        var beforeRestore = dockerfile[..dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal)];
        foreach (var project in ProjectClosure(Path.Combine(TestPaths.RepoRoot, "src", "FinkTom.Server", "FinkTom.Server.csproj")))
            Assert.Contains(Path.GetRelativePath(TestPaths.RepoRoot, project).Replace('\\', '/'), beforeRestore);
        Assert.Contains("ENTRYPOINT [\"./finktom\"]", dockerfile);
        Assert.Contains("USER $APP_UID", dockerfile);
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
                continue;
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }
        return seen;
    }
}
