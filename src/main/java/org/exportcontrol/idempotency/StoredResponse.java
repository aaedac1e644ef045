package org.exportcontrol.idempotency;

/** The answer kept for a key: what a retry gets back, byte for byte, with its Content-Type and Location. */
record StoredResponse(int status, String contentType, String location, byte[] body) {}
