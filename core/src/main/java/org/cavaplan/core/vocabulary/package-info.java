/**
 * The one clinical vocabulary of CavaPlan: the clinician's words for every field and coded value of
 * a case and a plan, read by every output. The entry point is {@link org.cavaplan.core.vocabulary.Vocabulary}.
 */
package org.cavaplan.core.vocabulary;
