"""Validates FHIR NDJSON files against the R4B models of the fhir.resources package.

Usage: python3 fhir_validate.py DIR
Each DIR/TYPE.ndjson must hold one TYPE resource per line. Prints "ok TYPE COUNT" per file
and exits 0, or prints "FILE:LINE: error" for each invalid resource and exits 1.
"""
import importlib
import json
import pathlib
import sys

MODULES = {
    "Patient": "patient", "Encounter": "encounter", "Observation": "observation",
    "Condition": "condition", "MedicationRequest": "medicationrequest", "ServiceRequest": "servicerequest",
}

# Required bindings, which the models leave as plain strings: R4 value sets of the fields
# this project writes.
CODES = {
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
                              "entered-in-error", "unknown"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                                "entered-in-error", "unknown"},
    ("MedicationRequest", "status"): {"active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped",
                                      "draft", "unknown"},
    ("MedicationRequest", "intent"): {"proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
                                      "instance-order", "option"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order", "reflex-order",
                                   "filler-order", "instance-order", "option"},
    ("ServiceRequest", "priority"): {"routine", "urgent", "asap", "stat"},
}


def check_codes(kind, data):
    for (resource, field), allowed in CODES.items():
        if resource == kind and field in data and data[field] not in allowed:
            raise ValueError(f"{field} {data[field]!r} is not in the required value set")


def main(folder):
    failures = 0
    for path in sorted(pathlib.Path(folder).glob("*.ndjson")):
        kind = path.stem
        model = getattr(importlib.import_module(f"fhir.resources.R4B.{MODULES[kind]}"), kind)
        count = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                data = json.loads(line)
                if data.get("resourceType") != kind:
                    raise ValueError(f"resourceType {data.get('resourceType')!r} in {kind}.ndjson")
                model.model_validate(data)
                check_codes(kind, data)
                count += 1
            except Exception as error:  # every failure is reported with its place
                failures += 1
                print(f"{path.name}:{number}: {str(error)[:400]}")
        print(f"ok {kind} {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
