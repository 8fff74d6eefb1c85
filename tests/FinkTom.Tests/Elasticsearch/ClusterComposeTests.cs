using FinkTom.Store.Elasticsearch;
using FinkTom.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// docker/compose.cluster.yaml cannot be run here (no Docker engine), so it is read: three Elasticsearch 9 nodes that
/// discover one another with TLS on both layers, and FinkTom instances whose settings bind to valid options naming
/// every node, the API key and the CA; ingest instances share one consumer group, each instance has its own data volume.
/// </summary>
public sealed class ClusterComposeTests
{
    private static readonly string[] Nodes = ["es01", "es02", "es03"];

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(TestPaths.RepoRoot, "docker", "compose.cluster.yaml"));
        yaml.Load(reader);
        return Merged((YamlMappingNode)Merged((YamlMappingNode)yaml.Documents.Single().RootNode).Children[new YamlScalarNode("services")]);
    }

    /// <summary>A mapping with its YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as Compose applies them; nested too.</summary>
    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var result = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var merge))
            foreach (var (key, value) in Merged((YamlMappingNode)merge).Children)
                result.Children[key] = value;
        foreach (var (key, value) in node.Children.Where(p => ((YamlScalarNode)p.Key).Value != "<<"))
            result.Children[key] = value is YamlMappingNode map ? Merged(map) : value;
        return result;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Merged((YamlMappingNode)node.Children[new YamlScalarNode(key)]);

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        Map(service, "environment").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    private static List<string> Volumes(YamlMappingNode service) =>
        ((YamlSequenceNode)service.Children[new YamlScalarNode("volumes")]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();

    private static IEnumerable<(string Name, YamlMappingNode Service)> FinkTomServices() =>
        Services().Children.Select(p => (((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value)).Where(s => s.Item1.StartsWith("finktom-", StringComparison.Ordinal));

    [Fact]
    public void Three_elasticsearch_9_nodes_discover_one_another_over_tls_with_their_own_certificates()
    {
        var services = Services();
        foreach (var node in Nodes)
        {
            var service = Map(services, node);
            var environment = Environment(service);
            Assert.StartsWith("docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION:-9.", ((YamlScalarNode)service.Children[new YamlScalarNode("image")]).Value);
            Assert.Equal(node, environment["node.name"]);
            Assert.Equal(Nodes, environment["discovery.seed_hosts"].Split(','));
            Assert.Equal(Nodes, environment["cluster.initial_master_nodes"].Split(','));
            Assert.Equal("true", environment["xpack.security.enabled"]);
            foreach (var layer in new[] { "http", "transport" })
            {
                Assert.Equal("true", environment[$"xpack.security.{layer}.ssl.enabled"]);
                Assert.Equal($"certs/{node}/{node}.crt", environment[$"xpack.security.{layer}.ssl.certificate"]);
                Assert.Equal($"certs/{node}/{node}.key", environment[$"xpack.security.{layer}.ssl.key"]);
                Assert.Equal("certs/ca/ca.crt", environment[$"xpack.security.{layer}.ssl.certificate_authorities"]);
            }
            Assert.Contains($"{node}-data:/usr/share/elasticsearch/data", Volumes(service));
            Assert.Contains("--cacert", string.Join(" ", ((YamlSequenceNode)Map(service, "healthcheck").Children[new YamlScalarNode("test")]).Children));
        }
        // The certificates the nodes name are the ones the certs service makes, for each node's host name.
        var certs = string.Join("\n", ((YamlSequenceNode)Map(services, "es-certs").Children[new YamlScalarNode("command")]).Children);
        Assert.Contains("for node in es01 es02 es03", certs);
    }

    [Fact]
    public void Every_finktom_instance_names_every_node_the_api_key_and_the_ca_and_has_its_own_data_volume()
    {
        var instances = FinkTomServices().ToList();
        Assert.Equal(2, instances.Count(i => i.Name.StartsWith("finktom-ingest-", StringComparison.Ordinal)));
        Assert.Equal(2, instances.Count(i => i.Name.StartsWith("finktom-api-", StringComparison.Ordinal)));
        var dataVolumes = new HashSet<string>();
        foreach (var (name, service) in instances)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(Environment(service).Select(p => KeyValuePair.Create(p.Key.Replace("__", ":"), (string?)p.Value)))
                .Build();
            Assert.Equal("elasticsearch", configuration["Store:Backend"]);
            var options = configuration.GetSection(ElasticsearchStoreOptions.SectionName).Get<ElasticsearchStoreOptions>()!;
            // The CA file exists in the container only (the certs volume): every other check passes here.
            Assert.Equal(["Store:Elasticsearch:CaCertificatePath: no file at '/certs/ca/ca.crt'."], options.Problems());
            Assert.Equal(Nodes.Select(n => new Uri($"https://{n}:9200")), options.NodeUris());
            Assert.StartsWith("${FINKTOM_ES_API_KEY", options.ApiKey);
            Assert.Equal("/certs/ca/ca.crt", options.CaCertificatePath);
            Assert.Contains("certs:/certs:ro", Volumes(service));
            var data = Assert.Single(Volumes(service), v => v.EndsWith(":/data", StringComparison.Ordinal));
            Assert.True(dataVolumes.Add(data), $"{name} shares its data volume (the outbox and journal are one instance's)");
            var depends = Map(service, "depends_on");
            Assert.All(Nodes.Append("kafka"), d => Assert.Equal("service_healthy", ((YamlScalarNode)Map(depends, d).Children[new YamlScalarNode("condition")]).Value));

            var topics = configuration["Kafka:Ingest:Topics:0"];
            if (name.StartsWith("finktom-ingest-", StringComparison.Ordinal))
            {
                Assert.NotNull(topics);
                Assert.Equal("finktom-ingest", configuration["Kafka:Ingest:GroupId"]); // one group: the partitions are split
            }
            else
            {
                Assert.Null(topics); // API instances consume nothing
            }
        }
    }
}
