package org.exportcontrol.deployment;

import java.time.Instant;
import java.util.List;

/**
 * Where a migration batch stands. {@code status}: RUNNING while jobs remain, FAILED while a job has
 * failed for good (an incident in Cockpit; its case stays on the old version until the job is retried),
 * COMPLETED when the batch has ended.
 */
public record MigrationProgress(String batchId, String status, int totalJobs, int completedJobs, int failedJobs,
    int remainingJobs, int instancesPerJob, List<String> failures, Instant startedAt, Instant endedAt) {}
