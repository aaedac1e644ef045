package org.exportcontrol.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The administrator account created on start-up ({@code exportcontrol.admin.*}).
 *
 * @param password has no default on purpose: outside the demo profile it must come from configuration
 */
@ConfigurationProperties("exportcontrol.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password,
    @DefaultValue("admin@exportcontrol.example") String email) {}
