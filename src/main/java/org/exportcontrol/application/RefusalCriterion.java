package org.exportcontrol.application;

/**
 * The criteria a licensing officer's refusal rests on (issue 17): one or more with every refusal,
 * none with an approval. Public contract (docs/api.md): the application view's
 * {@code decision.refusalCriteria}; the refusal email states each in words.
 */
public enum RefusalCriterion {
  PURPOSE_OUTSIDE_DECLARATION, HUMAN_RIGHTS_RISK, RISK_TO_PROTECTED_PERSONS, INSUFFICIENT_LEGAL_SAFEGUARDS,
  DIVERSION_RISK, CAPABILITY_EXCEEDS_PURPOSE, FOREIGN_POLICY, NATIONAL_SECURITY, INSUFFICIENT_INFORMATION
}
