"""Stand-ins for tom_base's photometry models (tom_base cannot be installed here): same field names and
uniqueness as TOM 2.x ``ReducedDatum`` and TOM 3 ``PhotometryReducedDatum``, on a real Django database."""
