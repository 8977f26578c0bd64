package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The success body of {@code GET /ip/whoami}; unset IPs come as {@code ""}, {@code matchedAs} may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
record WhoAmIResponseDto(String srcIp, String primaryIp, String secondaryIp, Boolean matches, String matchedAs) {}
