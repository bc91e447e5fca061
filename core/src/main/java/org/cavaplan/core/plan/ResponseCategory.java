package org.cavaplan.core.plan;

/** RECIST 1.1 response of the target lesion. */
public enum ResponseCategory {
    PR, SD, PD
}
