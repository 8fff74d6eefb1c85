namespace FinkTom.Core.Sky;

/// <summary>
/// HEALPix pixel numbers (Górski et al. 2005, ApJ 622, 759) in the NESTED scheme, as gravitational-wave sky maps
/// (BAYESTAR) are written: twelve base faces, each split in <c>nside²</c> pixels whose index interleaves the bits of
/// the pixel's (x, y) position in its face, so that pixel <c>p</c> at <c>nside</c> holds pixels <c>4p..4p+3</c> at <c>2·nside</c>.
/// </summary>
public static class Healpix
{
    /// <summary>Largest resolution accepted (pixel numbers then fit comfortably in a long).</summary>
    public const int MaxNside = 1 << 20;

    public static bool IsValidNside(long nside) => nside is >= 1 and <= MaxNside && (nside & (nside - 1)) == 0;

    public static long PixelCount(int nside) => 12L * nside * nside;

    /// <summary>The NESTED pixel holding the direction (RA, Dec in degrees).</summary>
    public static long PixelNested(int nside, double raDeg, double decDeg)
    {
        var (face, ix, iy) = FacePosition(nside, raDeg, decDeg);
        return (long)face * nside * nside + Interleave(ix, iy);
    }

    /// <summary>The RING pixel holding the direction (RA, Dec in degrees): pixels numbered along rings of equal
    /// latitude from the north pole, as Fink's LSST cone table (nside 1024) is keyed.</summary>
    public static long PixelRing(int nside, double raDeg, double decDeg)
    {
        var (face, ix, iy) = FacePosition(nside, raDeg, decDeg);
        // The ring index counted from the north pole, and the position along it, from the face's corner.
        long n = nside, ringsBefore;
        var ring = FaceRing[face] * n - ix - iy - 1;
        long ringLength, shift = 0;
        if (ring < n)
        {
            ringLength = ring;
            ringsBefore = 2 * ringLength * (ringLength - 1);
        }
        else if (ring > 3 * n)
        {
            ringLength = 4 * n - ring;
            ringsBefore = 12 * n * n - 2 * (ringLength + 1) * ringLength;
        }
        else
        {
            ringLength = n;
            ringsBefore = 2 * n * (n - 1) + (ring - n) * 4 * n;
            shift = (ring - n) & 1;
        }
        var along = (FaceColumn[face] * ringLength + ix - iy + 1 + shift) / 2;
        if (along > 4 * n)
            along -= 4 * n;
        else if (along < 1)
            along += 4 * n;
        return ringsBefore + along - 1;
    }

    // Each base face's ring (in units of nside) and column of its southern corner.
    private static readonly int[] FaceRing = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];
    private static readonly int[] FaceColumn = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7];

    private static (int Face, int X, int Y) FacePosition(int nside, double raDeg, double decDeg)
    {
        if (!IsValidNside(nside))
            throw new ArgumentOutOfRangeException(nameof(nside), nside, "nside must be a power of two up to 2^20.");
        var z = Math.Sin(decDeg * Math.PI / 180);
        var za = Math.Abs(z);
        var ra = raDeg % 360;
        if (ra < 0)
            ra += 360;
        var tt = ra / 90; // in [0, 4): which quarter of the sky in longitude
        int face, ix, iy;
        if (za <= 2.0 / 3)
        {
            // Equatorial belt: the pixel lies between two families of lines ascending and descending in longitude.
            var t1 = nside * (0.5 + tt);
            var t2 = nside * z * 0.75;
            var jp = (long)(t1 - t2);
            var jm = (long)(t1 + t2);
            var ifp = jp / nside;
            var ifm = jm / nside;
            face = (int)(ifp == ifm ? (ifp % 4) + 4 : ifp < ifm ? ifp % 4 : (ifm % 4) + 8);
            ix = (int)(jm & (nside - 1));
            iy = (int)(nside - (jp & (nside - 1)) - 1);
        }
        else
        {
            // Polar caps: the faces narrow towards the pole; sqrt(3(1 - |z|)) gives equal-area rows.
            var ntt = Math.Min(3, (int)tt);
            var tp = tt - ntt;
            var tmp = nside * Math.Sqrt(3 * (1 - za));
            var jp = Math.Min(nside - 1, (int)(tp * tmp));
            var jm = Math.Min(nside - 1, (int)((1 - tp) * tmp));
            if (z >= 0)
            {
                face = ntt;
                ix = nside - jm - 1;
                iy = nside - jp - 1;
            }
            else
            {
                face = ntt + 8;
                ix = jp;
                iy = jm;
            }
        }
        return (face, ix, iy);
    }

    // x bits on even positions, y bits on odd: the Z-order curve that makes the NESTED scheme hierarchical.
    private static long Interleave(int x, int y)
    {
        long result = 0;
        for (var bit = 0; bit < 21; bit++)
        {
            result |= (long)((x >> bit) & 1) << (2 * bit);
            result |= (long)((y >> bit) & 1) << (2 * bit + 1);
        }
        return result;
    }
}
