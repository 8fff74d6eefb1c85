#!/usr/bin/env bash
# Usage: bench/compare-answers.sh OLD_PORT NEW_PORT — two `finktom serve` on loopback with the bundled samples
# (e.g. a build of main and a build of a change); exits 1 when any answer differs.
# Compares the REST answers of two FinkTom servers on the same sample data, byte for byte.
old=$1; new=$2; same=0; diff=0
urls=(
 "/api/v1/objects?objectId=ZTF19acihgng,ZTF18abvcdqu"
 "/api/v1/objects?objectId=ZTF19acihgng&withupperlim=true"
 "/api/v1/objects?objectId=ZTF19acihgng&withupperlim=true&output-format=csv"
 "/api/v1/objects?objectId=ZTF19acihgng&output-format=votable"
 "/api/v1/objects?objectId=ZTF19acihgng&output-format=parquet"
 "/api/v1/objects?objectId=ZTF19acihgng&withcutouts=true&cutout-kind=Science"
 "/api/v1/conesearch?ra=193.822&dec=2.897&radius=18000"
 "/api/v1/conesearch?ra=217.6&dec=27.4&radius=3600&startdate=2023-10-18&window=2"
 "/api/v1/latests?class=Unknown&n=100"
 "/api/v1/latests?class=(SIMBAD)%20RRLyr&n=20&color=true"
 "/api/v1/latests?class=EB*&n=5&output-format=csv"
 "/api/v1/classes"
 "/api/v1/schema"
 "/api/v1/sso?n_or_d=8467"
 "/api/v1/anomaly?n=100"
 "/api/v1/tracklet?date=2021-10-22%2009:19"
 "/api/v1/explorer?startdate=2020-01-01%2001:52:29&window=30"
 "/api/v1/explorer?objectId=ZTF19acihgng"
 "/api/v1/cutouts?objectId=ZTF19acihgng&kind=Science"
 "/api/v1/cutouts?objectId=ZTF19acihgng&kind=All&output-format=array"
 "/api/v1/cutouts?objectId=ZTF19acihgng&kind=Difference&output-format=FITS"
 "/api/v1/objects?objectId=ZTF19acihgng&columns=i:nope"
 "/api/v1/conesearch?ra=1&dec=100&radius=5"
 "/odata/\$metadata"
 "/lsst/api/v1/sources?diaObjectId=170028485706776685,313893023095193658"
 "/lsst/api/v1/objects?diaObjectId=170028485706776685&output-format=csv"
 "/lsst/api/v1/fp?diaObjectId=170028485706776685&output-format=parquet"
 "/lsst/api/v1/conesearch?ra=63.3496&dec=-47.1808&radius=18000"
 "/lsst/api/v1/cutouts?diaSourceId=170094456272322680&kind=Science&output-format=FITS"
 "/lsst/api/v1/sso?n_or_d=2004%20JQ12&output-format=votable"
 "/lsst/api/v1/statistics?date="
 "/lsst/api/v1/tags"
 "/odata/Alerts?\$top=200"
 "/odata/Objects?\$filter=classification%20eq%20'QSO'"
 "/odata/Alerts/Default.Cone(ra=193.821739,dec=2.897311,radius=30)"
 "/livestream/filters"
 "/openapi/v1.json"
)
for u in "${urls[@]}"; do
  a=$(mktemp); b=$(mktemp)
  ca=$(curl -s -o "$a" -w "%{http_code}" "http://127.0.0.1:$old$u"); cb=$(curl -s -o "$b" -w "%{http_code}" "http://127.0.0.1:$new$u")
  # The servers' own addresses (OData context, OpenAPI servers) differ by their port only.
  sed -i "s/127.0.0.1:$new/127.0.0.1:$old/g; s/localhost:$new/localhost:$old/g" "$b"
  if [ "$ca" = "$cb" ] && cmp -s "$a" "$b"; then same=$((same+1)); else diff=$((diff+1)); echo "DIFFERS ($ca/$cb, $(stat -c%s "$a")/$(stat -c%s "$b") bytes): $u"; fi
  rm -f "$a" "$b"
done
echo "$same identical, $diff different"; [ "$diff" -eq 0 ]
