package org.exportcontrol.license;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * License settings ({@code exportcontrol.license.*}).
 *
 * @param validity how long a license is valid from the day it is issued
 * @param renewalReminder how long before the end of its validity the holder is reminded, once
 */
@ConfigurationProperties("exportcontrol.license")
public record LicenseProperties(@DefaultValue("P2Y") Period validity, @DefaultValue("P60D") Period renewalReminder) {}
