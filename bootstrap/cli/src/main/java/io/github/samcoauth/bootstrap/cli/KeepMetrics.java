package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.micrometer.SamcoAuthMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The meters {@code samco keep --listen} serves at {@code /metrics}: samco-auth's (see {@link
 * SamcoAuthMetrics}) in a Prometheus registry. Apart, so that Micrometer is loaded only with
 * {@code --listen}.
 */
final class KeepMetrics {

    private KeepMetrics() {}

    /** {@code builder} measured; what {@code /metrics} answers, in Prometheus' text format. */
    static Supplier<String> instrument(SamcoAuth.Builder builder) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SamcoAuthMetrics.of(registry).instrument(builder);
        return registry::scrape;
    }
}
