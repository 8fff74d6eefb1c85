using System.Globalization;
using FinkTom.Core.Model;

namespace FinkTom.Bench.Synthetic;

/// <summary>What the synthetic Rubin stream held, for the report: shares of asteroids and TNS matches, history sizes.</summary>
public sealed class RubinMix
{
    private long _alerts, _solarSystem, _inTns, _staticObjects, _previous, _forced, _forcedDistinct, _lastForced;

    /// <summary>Counts one alert; an object's alerts come one after the other, first one first.</summary>
    public void Add(Alert alert)
    {
        _alerts++;
        if (alert["r:diaObjectId"] is null)
        {
            _solarSystem++;
            return;
        }
        if (alert["t:in_tns"] is true)
            _inTns++;
        var forced = alert.Measurements.Count(m => m.Kind.Stored);
        if (alert["r:nDiaSources"] is 1)
        {
            _staticObjects++;
            _forcedDistinct += _lastForced; // the previous object's last alert carried all its points
        }
        _lastForced = forced;
        _forced += forced;
        _previous += alert.Measurements.Count - forced;
    }

    public override string ToString()
    {
        var staticAlerts = Math.Max(1, _alerts - _solarSystem);
        string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
        return $"Synthetic Rubin stream: {F(100.0 * _solarSystem / _alerts)} % Solar System alerts, {F(100.0 * _inTns / _alerts)} % of alerts with a TNS match " +
            $"(`t:in_tns`), {F((double)staticAlerts / _staticObjects)} alerts per static object; per static alert {F((double)_previous / staticAlerts)} prvDiaSources " +
            $"and {F((double)_forced / staticAlerts)} forced-photometry points ({F((double)(_forcedDistinct + _lastForced) / _staticObjects)} distinct per object, stored once).";
    }
}
