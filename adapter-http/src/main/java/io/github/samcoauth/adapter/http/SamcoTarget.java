package io.github.samcoauth.adapter.http;

import feign.Request;
import feign.RequestTemplate;
import feign.Target;

/**
 * Where Feign sends {@link SamcoHttpApi}'s requests: the configured base URL followed by the
 * method's path. Feign's {@code HardCodedTarget} parses the base URL again on every request; this
 * joins two strings, the base URL having been checked once, when the configuration was built.
 */
final class SamcoTarget implements Target<SamcoHttpApi> {

    private final String base;

    /** {@code base}: scheme, host, port and path prefix, without a trailing slash. */
    SamcoTarget(String base) {
        this.base = base;
    }

    @Override
    public Class<SamcoHttpApi> type() {
        return SamcoHttpApi.class;
    }

    @Override
    public String name() {
        return base;
    }

    @Override
    public String url() {
        return base;
    }

    @Override
    public Request apply(RequestTemplate template) {
        return Request.create(
                Request.HttpMethod.valueOf(template.method()),
                base + template.url(),
                template.headers(),
                template.body(),
                template.requestCharset(),
                template);
    }

    @Override
    public String toString() {
        return "SamcoTarget[" + base + "]";
    }
}
