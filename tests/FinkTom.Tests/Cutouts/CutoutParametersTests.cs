using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class CutoutParametersTests
{
    [Fact]
    public void Defaults_are_png_sigmoid_grayscale_unsmoothed()
    {
        var result = CutoutParameters.Parse("Science");

        Assert.True(result.IsOk);
        var request = result.Value!;
        Assert.Equal(CutoutKindSelection.Science, request.Kind);
        Assert.Equal(CutoutOutputFormat.Png, request.OutputFormat);
        Assert.Equal(CutoutRenderOptions.Default, request.Render);
    }

    [Fact]
    public void Parses_every_parameter()
    {
        var result = CutoutParameters.Parse("Difference", "PNG", "arcsinh", "Blues_r", "1", "99", "gauss");

        var request = Assert.IsType<CutoutRequest>(result.Value);
        Assert.Equal(Stretch.Asinh, request.Render.Stretch);
        Assert.Equal("Blues_r", request.Render.Colormap!.Name);
        Assert.Equal(ConvolutionKernel.Gauss, request.Render.Kernel);
        Assert.Equal((1.0, 99.0), (request.Render.PMin, request.Render.PMax));
    }

    [Fact]
    public void All_kinds_come_only_as_arrays()
    {
        var ok = CutoutParameters.Parse("All", "array");
        Assert.Equal([Core.Model.CutoutKind.Science, Core.Model.CutoutKind.Template, Core.Model.CutoutKind.Difference], ok.Value!.Kinds);

        var error = CutoutParameters.Parse("All", "FITS").Error!;
        Assert.Equal("kind", error.Parameter);
        Assert.Equal("The option `kind=All` is only compatible with `output-format=array`.", error.Text);
        Assert.Equal(error, CutoutParameters.Parse("All").Error);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("JPEG")]
    [InlineData("json")]
    [InlineData("")]
    public void Unknown_output_format_gives_finks_text(string format)
    {
        var error = CutoutParameters.Parse("Science", format).Error!;
        Assert.Equal("output-format", error.Parameter);
        Assert.Equal("output-format must be one of: PNG, FITS, or array.", error.Text);
    }

    [Theory]
    [InlineData("science", "kind")]
    [InlineData(null, "kind")]
    public void Unknown_or_missing_kind_is_an_error(string? kind, string parameter)
    {
        Assert.Equal(parameter, CutoutParameters.Parse(kind).Error!.Parameter);
    }

    [Fact]
    public void Empty_rendering_parameters_take_their_defaults()
    {
        var request = CutoutParameters.Parse("Science", null, "", "", "", "", "").Value!;
        Assert.Equal(CutoutRenderOptions.Default, request.Render);
    }

    [Fact]
    public void Unknown_stretch_names_the_parameter_and_the_choices()
    {
        var error = CutoutParameters.Parse("Science", stretch: "zscale").Error!;
        Assert.Equal("stretch", error.Parameter);
        Assert.Equal("stretch must be one of: sigmoid, linear, sqrt, power, log, asinh, or arcsinh.", error.Text);
    }

    [Fact]
    public void Unknown_colormap_names_the_parameter_and_lists_the_supported_maps()
    {
        var error = CutoutParameters.Parse("Science", colormap: "jet").Error!;
        Assert.Equal("colormap", error.Parameter);
        Assert.StartsWith("colormap must be one of: Greys, gray,", error.Text);
        Assert.All(Colormaps.Names, name => Assert.Contains(name, error.Text));
    }

    [Fact]
    public void Unknown_kernel_is_an_error()
    {
        var error = CutoutParameters.Parse("Science", convolutionKernel: "tophat").Error!;
        Assert.Equal("convolution_kernel", error.Parameter);
        Assert.Contains("gauss", error.Text);
    }

    [Theory]
    [InlineData("50", "10", "pmin")]
    [InlineData("-1", null, "pmin")]
    [InlineData(null, "101", "pmax")]
    [InlineData("abc", null, "pmin")]
    [InlineData("10", "10", "pmin")]
    public void Percentiles_must_be_ordered_within_0_to_100(string? pmin, string? pmax, string parameter)
    {
        Assert.Equal(parameter, CutoutParameters.Parse("Science", pmin: pmin, pmax: pmax).Error!.Parameter);
    }

    [Fact]
    public void Percentiles_do_not_change_the_image_as_in_fink()
    {
        var image = FitsImage.Read(SampleStamps.Science);
        var narrow = CutoutParameters.Parse("Science", stretch: "linear", pmin: "10", pmax: "20").Value!.Render;
        Assert.Equal(
            CutoutRenderer.RenderPng(image, new CutoutRenderOptions(Stretch.Linear)),
            CutoutRenderer.RenderPng(image, narrow));
    }
}
