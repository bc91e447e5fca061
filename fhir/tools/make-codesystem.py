#!/usr/bin/env python3
"""Writes src/main/resources/org/cavaplan/fhir/cavaplan-codesystem.json, the CavaPlan CodeSystem.

Run from the fhir module folder after adding a code; CodeSystemTest checks that the mapping and this
file agree. Vocabulary values are read from the core model's enumerations."""
import json, re, pathlib

here = pathlib.Path(__file__).resolve().parent.parent
model = here.parent / "core/src/main/java/org/cavaplan/core/model"

OBS = [
 ("incidental-finding", "Found incidentally", "The tumor was found on imaging done for another reason (true/false); components list the presenting symptoms."),
 ("presenting-symptom", "Presenting symptom", "One symptom at presentation (component of incidental-finding)."),
 ("fnclcc-grade", "FNCLCC grade", "Histological grade of the French Federation of Cancer Centers Sarcoma Group, 1 to 3."),
 ("chest-included", "Chest included in the study", "The imaging study covered the chest (staging for lung metastases)."),
 ("ivc-involvement", "IVC involvement", "How the tumor involves the inferior vena cava."),
 ("ivc-cranial-extent", "Cranial extent along the IVC", "The landmark of the IVC that the tumor reaches toward the head."),
 ("ivc-caudal-extent", "Caudal extent along the IVC", "The landmark of the IVC that the tumor reaches toward the feet."),
 ("ivc-circumference-involved", "IVC circumference involved", "Share of the caval circumference involved on imaging, in %."),
 ("ivc-diameter", "IVC diameter", "Diameter of the inferior vena cava, in mm."),
 ("ivc-lumen", "IVC lumen", "State of the caval lumen (imaging, or at operation when part of the surgical procedure)."),
 ("ivc-collaterals", "Venous collaterals", "Development of venous collaterals (imaging, or at operation)."),
 ("intraluminal-growth", "Intraluminal growth", "Extent of tumor growth inside the caval lumen."),
 ("hepatic-vein-thrombosis", "Hepatic vein thrombosis", "Thrombosis of the hepatic veins on imaging (true/false)."),
 ("renal-vein-thrombosis", "Renal vein thrombosis", "Thrombosis of a renal vein on imaging (true/false)."),
 ("pulmonary-embolism", "Pulmonary embolism", "Pulmonary embolism on imaging (true/false)."),
 ("invaded-organs", "Invaded organs", "Whether neighbouring organs are invaded (true/false); components name each organ."),
 ("invaded-organ", "Invaded organ", "One invaded organ (component of invaded-organs)."),
 ("distant-metastases", "Distant metastases", "Whether distant metastases are present (true/false; false means looked, none found); components name each site."),
 ("metastasis-site", "Metastasis site", "One site of distant metastasis (component of distant-metastases)."),
 ("liver-metastases", "Liver metastases at operation", "Liver metastases found at operation (true/false)."),
 ("peritoneal-metastases", "Peritoneal metastases at operation", "Peritoneal metastases found at operation (true/false)."),
 ("frozen-section-confirmed-metastasis", "Metastasis confirmed on frozen section", "A metastasis confirmed on frozen section at operation (true/false)."),
 ("gross-contamination", "Gross enteric contamination", "Gross enteric contamination of the operative field (true/false)."),
 ("ivc-circumference-resected", "IVC circumference resected", "Share of the caval circumference resected, in %."),
 ("ivc-resected-length", "IVC length resected", "Length of inferior vena cava resected, in cm."),
 ("ivc-management", "IVC management", "How the inferior vena cava was managed at operation."),
 ("conduit", "Conduit", "Material of the patch or graft placed in the IVC."),
 ("conduit-diameter", "Conduit diameter", "Diameter of the interposition graft, in mm."),
 ("en-bloc-resections", "En bloc resections", "Organs resected en bloc with the tumor; components name each organ."),
 ("en-bloc-organ", "Organ resected en bloc", "One organ resected en bloc (component of en-bloc-resections)."),
 ("resection-margin", "Resection margin", "Residual tumor classification of the resection margin (R0, R1, R2)."),
 ("closest-margin-distance", "Closest margin distance", "Distance from tumor to the closest resection margin, in mm."),
 ("treatment-effect", "Treatment effect", "Share of tumor destroyed by neoadjuvant therapy, in %."),
 ("conduit-patency", "Conduit patency", "Patency of the caval patch or graft at follow-up."),
 ("local-recurrence", "Local recurrence", "Local recurrence at follow-up (true/false)."),
 ("metastasis-count", "Number of metastases", "Number of distant metastases at follow-up."),
 ("metastases-resectable", "Metastases resectable", "The team judged the metastases technically resectable (true/false)."),
 ("vital-status", "Vital status", "Alive or dead, as of the effective date (date of death, or of last contact when alive)."),
 ("cause-of-death", "Cause of death", "Cause of death (component of vital-status)."),
 ("empty-section", "Case section recorded without data", "A section of the CavaPlan case that is present but records nothing; kept so that the round trip is exact."),
 ("follow-up-visit", "Follow-up visit", "A follow-up visit after the operation (Encounter type)."),
]
GROUP_DISPLAY = {
 "landmark": "IVC landmark", "ivc-involvement": "IVC involvement", "lumen": "IVC lumen", "collaterals": "Collaterals",
 "intraluminal-growth": "Intraluminal growth", "organ": "Organ", "site": "Metastasis site", "symptom": "Symptom",
 "diagnosis": "Histological diagnosis", "histology-source": "Histology specimen", "ivc-management": "IVC management",
 "conduit": "Conduit material", "conduit-status": "Conduit patency", "margin": "Resection margin",
 "vital-status": "Vital status", "cause-of-death": "Cause of death", "modality": "Imaging modality",
 "antithrombotic": "Antithrombotic", "sex": None,
}
ENUMS = ["Landmark", "IvcInvolvement", "Lumen", "Collaterals", "IntraluminalGrowth", "Organ", "Site", "Symptom", "Diagnosis",
         "HistologySource", "IvcManagement", "Conduit", "ConduitStatus", "Margin", "VitalStatus", "CauseOfDeath", "Modality",
         "Antithrombotic"]

def group(name):
    return re.sub(r"([a-z])([A-Z])", r"\1-\2", name).lower()

def human(v):
    keep = {"IVC", "CT", "MRI", "PET", "PTFE", "LMWH", "DOAC", "R0", "R1", "R2"}
    words = [w if w in keep else w.lower() for w in v.split("_")]
    return " ".join(words)

concepts = [{"code": c, "display": d, "definition": f} for c, d, f in OBS]
for e in ENUMS:
    src = (model / f"{e}.java").read_text()
    body = re.search(r"enum\s+\w+\s*\{([^;}]*)", src).group(1)
    values = [re.match(r"\s*([A-Z0-9_]+)", v).group(1) for v in body.split(",") if v.strip()]
    g = group(e)
    for v in values:
        concepts.append({"code": f"{g}.{v}", "display": f"{GROUP_DISPLAY[g]}: {human(v)}"})
plan = here.parent / "core/src/main/java/org/cavaplan/core/plan"
for e, g, gd in [("Status", "recommendation-status", "Recommendation status"), ("Phase", "phase", "Phase of care")]:
    src = (plan / f"{e}.java").read_text()
    body = re.search(r"enum\s+\w+\s*\{([^;}]*)", src).group(1)
    for v in [x.strip() for x in body.split(",") if x.strip()]:
        concepts.append({"code": f"{g}.{v}", "display": f"{gd}: {human(v)}"})
for code, disp in [("section.neoadjuvant", "Case section: neoadjuvant therapy"), ("section.postoperative", "Case section: postoperative care"),
                   ("timing.NEOADJUVANT", "Treatment timing: before the operation"), ("timing.ADJUVANT", "Treatment timing: after the operation")]:
    concepts.append({"code": code, "display": disp})

cs = {
  "resourceType": "CodeSystem",
  "id": "cavaplan",
  "url": "https://cavaplan.org/fhir/CodeSystem/cavaplan",
  "version": "1",
  "name": "CavaPlan",
  "title": "CavaPlan codes for IVC leiomyosarcoma findings",
  "status": "active",
  "experimental": False,
  "publisher": "CavaPlan",
  "description": "Findings of the CavaPlan case format that FHIR R4 and mCODE have no code for (IVC extent, involvement, lumen, collaterals, operative and follow-up findings), and the values of the case vocabulary. See docs/fhir-mapping.md.",
  "caseSensitive": True,
  "content": "complete",
  "count": len(concepts),
  "concept": concepts,
}
out = here / "src/main/resources/org/cavaplan/fhir/cavaplan-codesystem.json"
out.write_text(json.dumps(cs, indent=2) + "\n")
print(out, len(concepts))
