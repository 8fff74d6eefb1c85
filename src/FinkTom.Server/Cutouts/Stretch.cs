namespace FinkTom.Server.Cutouts;

/// <summary>The <c>stretch</c> of a PNG cutout (contract §2.6). Names: <c>sigmoid</c> (default), <c>linear</c>,
/// <c>sqrt</c>, <c>power</c>, <c>log</c>, <c>asinh</c> (also spelt <c>arcsinh</c>).</summary>
public enum Stretch
{
    Sigmoid,
    Linear,
    Sqrt,
    Power,
    Log,
    Asinh,
}

/// <summary>The <c>convolution_kernel</c> of a PNG cutout: smoothing applied after the stretch (contract §2.6).</summary>
public enum ConvolutionKernel
{
    None,
    Gauss,
    Box,
}
