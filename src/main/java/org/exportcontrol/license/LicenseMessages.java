package org.exportcontrol.license;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.exportcontrol.engine.Privileged;
import org.springframework.stereotype.Component;

/**
 * Every message to an enforcement process (licenseRevocation, licenseExpiry) is matched on business
 * data: the process key and the {@code licenseNumber} variable of an instance that waits for that
 * message. Never on the business key alone: a revocation started from Tasklist may have been given
 * none, or a mistyped one (issue 21); {@link RevocationRequests} now sets it, but instances started
 * before still carry what they were given.
 */
@Component
public class LicenseMessages {

  private final RuntimeService runtimeService;

  public LicenseMessages(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /**
   * Delivers {@code message} to each instance of {@code processKey} about license {@code number} that
   * waits for it, in the caller's transaction.
   *
   * @return the instances it reached (none when nothing waits)
   */
  public List<MessageCorrelationResult> send(String processKey, String message, String number,
      Map<String, Object> variables) {
    return Privileged.call(message + " to " + processKey + " of " + number, () -> waiting(processKey, message, number)
        .stream().map(processInstanceId -> runtimeService.createMessageCorrelation(message)
            .processInstanceId(processInstanceId)
            .processInstanceVariableEquals(LicenseFacts.LICENSE_NUMBER, number)
            .setVariables(variables)
            .correlateWithResult())
        .toList());
  }

  /**
   * The license ended before its validity ({@code how}: REVOKED or SURRENDERED): its
   * {@code licenseExpiry} process ends at once, in the caller's transaction, so neither the renewal
   * reminder nor the expiry notice goes out. The one step that every early end of a license takes;
   * an expiry process that has already ended is left alone.
   */
  public void licenseEnded(String number, LicenseStatus how) {
    licenseEnded(number, how, Map.of());
  }

  /** {@link #licenseEnded(String, LicenseStatus)} with more variables for the expiry process (a surrender's reason). */
  public List<MessageCorrelationResult> licenseEnded(String number, LicenseStatus how, Map<String, Object> variables) {
    Map<String, Object> all = new java.util.HashMap<>(variables);
    all.put(LicenseExpiryProcess.LICENSE_ENDED_BY, how.name());
    return send(LicenseExpiryProcess.KEY, LicenseExpiryProcess.MESSAGE_LICENSE_ENDED, number, all);
  }

  /** The instances of the process about the license that have a subscription to the message. */
  private List<String> waiting(String processKey, String message, String number) {
    return runtimeService.createExecutionQuery().processDefinitionKey(processKey)
        .messageEventSubscriptionName(message)
        .processVariableValueEquals(LicenseFacts.LICENSE_NUMBER, number)
        // paged: queries made as the caller may not be unbounded (queryMaxResultsLimit); a license has a handful
        .listPage(0, 100).stream().map(Execution::getProcessInstanceId).distinct().toList();
  }
}
