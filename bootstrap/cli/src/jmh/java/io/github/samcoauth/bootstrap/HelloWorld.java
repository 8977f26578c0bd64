package io.github.samcoauth.bootstrap;

/** The baseline of {@link StartupBenchmark}: the JVM's own start-up and exit. */
public final class HelloWorld {

    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
