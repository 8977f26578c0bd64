package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.AccountId;
import java.time.Clock;
import java.util.ArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * samco-auth in a Spring Boot application: {@link SamcoAuth} from {@code samco.auth.*}, the
 * accounts' session sources ({@link SamcoSessions}, and a {@link SessionSourceUseCase} of the only
 * account), the health indicator {@code samco} (Boot 4 and Boot 3), the meters in the application's
 * registry when samco-auth-micrometer is there, and the RestClient interceptor and WebClient filter
 * for the application's own clients of Samco. Any bean of these the application defines wins.
 */
@AutoConfiguration
@EnableConfigurationProperties(SamcoAuthProperties.class)
public class SamcoAuthAutoConfiguration {

    /** Made by Spring Boot when the starter is on the class path. */
    public SamcoAuthAutoConfiguration() {}

    /** The store named by {@code samco.auth.store} when it is Redis; the file store is the facade's own. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "samcoSessionStore")
    SamcoStore samcoSessionStore(SamcoAuthProperties properties, org.springframework.beans.factory.BeanFactory beans) {
        return SamcoStore.of(properties, beans);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SamcoAuth samcoAuth(
            SamcoAuthProperties properties,
            SamcoStore store,
            ObjectProvider<SamcoAuthBuilderCustomizer> customizers,
            SamcoSessionsEvents events) {
        var builder =
                SamcoAuth.builder().refreshBefore(properties.getRefreshBefore()).alsoOnSessionEvent(events::on);
        if (properties.getBaseUrl() != null && !properties.getBaseUrl().isBlank()) {
            builder.baseUrl(properties.getBaseUrl());
        }
        store.stateDir().forEach(builder::stateDir);
        store.store().forEach(builder::sessionStore);
        var key = firstSet(properties.getApiKey(), System.getenv("SAMCO_API_KEY"));
        var secret = firstSet(properties.getApiSecret(), System.getenv("SAMCO_API_SECRET"));
        if (key != null && secret != null) {
            builder.apiCredentials(key, secret);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        var built = builder.build();
        if (built.isLeft()) {
            throw new IllegalStateException("samco.auth: " + built.getLeft().message());
        }
        return built.get();
    }

    /** Renewals seen, for the health indicator's {@code lastRenewal}. */
    @Bean
    SamcoSessionsEvents samcoSessionsEvents() {
        return new SamcoSessionsEvents();
    }

    @Bean
    @ConditionalOnMissingBean
    SamcoSessions samcoSessions(SamcoAuth samco, SamcoAuthProperties properties, SamcoSessionsEvents events) {
        var accounts = new ArrayList<AccountId>();
        for (var raw : properties.getAccounts()) {
            var account = AccountId.of(raw);
            if (account.isLeft()) {
                throw new IllegalStateException(
                        "samco.auth.accounts: " + account.getLeft().message());
            }
            accounts.add(account.get());
        }
        var sessions = new SamcoSessions(samco, accounts);
        events.tell(sessions);
        return sessions;
    }

    /** The session source of the only account named (or of the one session stored). */
    @Bean
    @ConditionalOnMissingBean
    SessionSourceUseCase samcoSessionSource(SamcoSessions sessions) {
        return sessions.source();
    }

    @Bean
    @ConditionalOnMissingBean
    SamcoHealth samcoHealth(SamcoAuth samco, SamcoSessions sessions, SamcoAuthProperties properties) {
        return new SamcoHealth(samco, sessions, properties.getWhoamiEvery(), Clock.systemUTC());
    }

    /** Spring Boot 4's health indicator {@code samco}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean(name = "samcoHealthIndicator")
        org.springframework.boot.health.contributor.HealthIndicator samcoHealthIndicator(SamcoHealth health) {
            return () -> {
                var report = health.check();
                var builder = report.up()
                        ? org.springframework.boot.health.contributor.Health.up()
                        : org.springframework.boot.health.contributor.Health.down();
                return builder.withDetails(report.details()).build();
            };
        }
    }

    /** Spring Boot 3's health indicator {@code samco}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = Boot3HealthIndicator.INTERFACE)
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean(name = "samcoHealthIndicator")
        Object samcoHealthIndicator(SamcoHealth health) {
            return Boot3HealthIndicator.of(health, SamcoAuthAutoConfiguration.class.getClassLoader());
        }
    }

    /** The meters, in the application's Micrometer registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "io.github.samcoauth.bootstrap.micrometer.SamcoAuthMetrics",
                "io.micrometer.core.instrument.MeterRegistry"
            })
    static class Metrics {
        @Bean
        SamcoAuthBuilderCustomizer samcoMetrics(
                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
            return builder -> {
                var registry = meters.getIfAvailable();
                if (registry != null) {
                    io.github.samcoauth.bootstrap.micrometer.SamcoAuthMetrics.of(
                                    registry,
                                    observations.getIfAvailable(
                                            () -> io.micrometer.observation.ObservationRegistry.NOOP))
                            .instrument(builder);
                }
            };
        }
    }

    /** The session for the application's RestClients of Samco (add it to those only). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
    static class RestClients {
        @Bean
        @ConditionalOnMissingBean
        SamcoSessionInterceptor samcoSessionInterceptor(SessionSourceUseCase source) {
            return new SamcoSessionInterceptor(source);
        }
    }

    /** The session for the application's WebClients of Samco (add it to those only). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.client.ExchangeFilterFunction")
    static class WebClients {
        @Bean
        @ConditionalOnMissingBean
        SamcoSessionFilter samcoSessionFilter(SessionSourceUseCase source) {
            return new SamcoSessionFilter(source);
        }
    }

    private static String firstSet(String... values) {
        for (var value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Hands the renewals the facade tells of to {@link SamcoSessions}, made after the facade. */
    static final class SamcoSessionsEvents {
        private volatile SamcoSessions sessions;

        void tell(SamcoSessions to) {
            sessions = to;
        }

        void on(io.github.samcoauth.application.port.in.SessionEvent event) {
            var to = sessions;
            if (to != null) {
                to.on(event);
            }
        }
    }
}
