package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Modality {
    CT, MRI, ULTRASOUND, DOPPLER_ULTRASOUND, PET_CT
}
