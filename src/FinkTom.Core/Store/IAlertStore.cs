namespace FinkTom.Core.Store;

/// <summary>
/// A store backend: where alerts live, read and written. The embedded SQLite store is the default; Elasticsearch
/// implements the same contract for scale. Every backend passes the shared conformance suite
/// (tests/.../StoreConformance), written against this interface. The rest of FinkTom asks only for the side it
/// needs: <see cref="IAlertReader"/> or <see cref="IAlertWriter"/> (the same backend instance in DI).
/// </summary>
public interface IAlertStore : IAlertReader, IAlertWriter;
