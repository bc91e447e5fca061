package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum IvcInvolvement {
    NONE, ABUTS, WALL, INTRALUMINAL
}
