package org.cavaplan.core.plan;

/**
 * The clinical words for the facts of one plan ("IVC lumen at operation: occluded"), from the
 * knowledge base's vocabulary and the case the plan was made from. Labels are worked out when an
 * output asks for them, so that a plan nobody prints costs nothing. Thread-safe.
 */
@FunctionalInterface
public interface FactLabels {

    /** The label of one fact of this plan: the field's clinical name, its context and the value in words. */
    String label(Fact fact);

    /** Labels that only repeat the pointer and value, for plans made without a vocabulary. */
    FactLabels POINTERS = fact -> fact.pointer() + " = " + fact.value();
}
