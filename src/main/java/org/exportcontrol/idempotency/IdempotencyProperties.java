package org.exportcontrol.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys ({@code exportcontrol.idempotency.*}).
 *
 * @param retention how long a key and the answer to its request are kept: a retry within this time
 *     gets that answer; after it, the same key is a new request
 */
@ConfigurationProperties("exportcontrol.idempotency")
public record IdempotencyProperties(@DefaultValue("P1D") Duration retention) {}
