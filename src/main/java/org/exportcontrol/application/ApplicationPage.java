package org.exportcontrol.application;

import java.util.List;

/** One page of {@code GET /api/applications}, newest first. */
public record ApplicationPage(List<ApplicationView> content, int page, int size, long totalElements, int totalPages) {}
