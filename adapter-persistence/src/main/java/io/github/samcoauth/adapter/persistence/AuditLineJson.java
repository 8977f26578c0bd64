package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of {@code audit.jsonl}. Holds no secret by construction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditLineJson(String time, String event, String subject, String msgId, String serverTime, String outcome) {}
