package org.exportcontrol.statistics;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agency's calendar ({@code exportcontrol.calendar.*}): the public holidays on which, like on
 * Saturdays and Sundays, no working day passes.
 */
@ConfigurationProperties("exportcontrol.calendar")
public record CalendarProperties(@DefaultValue List<LocalDate> holidays) {}
