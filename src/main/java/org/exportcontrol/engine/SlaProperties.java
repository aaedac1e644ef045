package org.exportcontrol.engine;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deadlines of the processes ({@code exportcontrol.sla.*}, ISO-8601 durations), read by the
 * diagrams through {@link SlaSettings}.
 *
 * @param applicantResponse how long an applicant has to answer a question before the application is withdrawn
 * @param applicantReminder how long before that deadline the applicant is reminded, once
 * @param suspensionReview how long a suspension lasts before a licensing officer reviews it
 * @param shutdownDeadline how long an exporter has to shut a revoked system down, and each extension
 * @param deadlines how long each official step (a user task, by its id) may stay open; a step not
 *     named keeps its default ({@link SlaSettings#DEFAULT_DEADLINES})
 * @param reminderBefore how long before a step's deadline its group is reminded; after the deadline the
 *     step is escalated to {@code licensing-managers} once per this period until it is done
 * @param appealWindow how long after a licensing officer's refusal ({@code decision.decidedAt}) the
 *     applicant may appeal
 * @param appealDecision how long the licensing unit has to decide an appeal, from its receipt: the
 *     due date of both appeal steps ({@code assessAppeal}, {@code decideAppeal})
 */
@ConfigurationProperties("exportcontrol.sla")
public record SlaProperties(@DefaultValue("P30D") Duration applicantResponse, @DefaultValue("P5D") Duration applicantReminder,
    @DefaultValue("P90D") Duration suspensionReview, @DefaultValue("PT72H") Duration shutdownDeadline,
    Map<String, Duration> deadlines, @DefaultValue("P1D") Duration reminderBefore,
    @DefaultValue("P28D") Duration appealWindow, @DefaultValue("P20D") Duration appealDecision) {}
