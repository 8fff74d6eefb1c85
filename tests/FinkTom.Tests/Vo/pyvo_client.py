"""Drives FinkTom's VO services with pyvo (Debian's python3-pyvo), as a notebook user would, and prints what it got
as JSON for the .NET test (VoClientTests) to compare with the REST API. Usage: pyvo_client.py BASE_URL RA DEC SR"""
import json
import sys

import pyvo

base, ra, dec, sr = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
out = {}

scs = pyvo.dal.SCSService(base + "/scs")
out["scs"] = [[str(r["objectId"]), int(r["candid"])] for r in scs.search(pos=(ra, dec), radius=sr)]

tap = pyvo.dal.TAPService(base + "/tap")
query = (f"SELECT candid, objectId FROM ztf.alerts "
         f"WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra!r}, {dec!r}, {sr!r})) = 1 ORDER BY candid")
out["sync"] = [[int(r["candid"]), str(r["objectId"])] for r in tap.run_sync(query)]

job = tap.submit_job(query)
job.run()
job.wait(phases=["COMPLETED", "ERROR", "ABORTED"], timeout=120)
out["async_phase"] = job.phase
if job.phase == "COMPLETED":
    out["async"] = [[int(r["candid"]), str(r["objectId"])] for r in job.fetch_result()]
else:  # the .NET test reports the service's own reason
    summary = job.job.errorsummary
    out["async_error"] = summary.message.content if summary is not None and summary.message is not None else None
job.delete()

out["tables"] = {t.name: [c.name for c in t.columns] for t in tap.tables}

try:
    tap.run_sync("SELECT nosuch FROM ztf.alerts")
    out["error"] = None
except pyvo.dal.DALQueryError as e:
    out["error"] = str(e)

print(json.dumps(out))
