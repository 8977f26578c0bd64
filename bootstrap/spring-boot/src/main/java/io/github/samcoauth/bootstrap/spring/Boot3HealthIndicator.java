package io.github.samcoauth.bootstrap.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The health indicator {@code samco} on Spring Boot 3, whose {@code HealthIndicator} lives in
 * another package than Boot 4's: made as an implementation of Boot 3's interface at run time, so
 * that this artifact is built against Boot 4 alone and serves both.
 */
final class Boot3HealthIndicator implements InvocationHandler {

    static final String INTERFACE = "org.springframework.boot.actuate.health.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private final SamcoHealth health;
    private final ClassLoader loader;

    private Boot3HealthIndicator(SamcoHealth health, ClassLoader loader) {
        this.health = health;
        this.loader = loader;
    }

    static Object of(SamcoHealth health, ClassLoader loader) {
        try {
            var type = Class.forName(INTERFACE, false, loader);
            return Proxy.newProxyInstance(loader, new Class<?>[] {type}, new Boot3HealthIndicator(health, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spring Boot 3's HealthIndicator is not on the classpath", e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "health":
                if (method.getParameterCount() == 0) {
                    return health();
                }
                break;
            case "toString":
                return "samcoHealthIndicator";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                break;
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException(method.getName());
    }

    private Object health() throws ReflectiveOperationException {
        var report = health.check();
        var type = Class.forName(HEALTH, true, loader);
        var builder = type.getMethod(report.up() ? "up" : "down").invoke(null);
        builder = builder.getClass().getMethod("withDetails", Map.class).invoke(builder, report.details());
        return builder.getClass().getMethod("build").invoke(builder);
    }
}
