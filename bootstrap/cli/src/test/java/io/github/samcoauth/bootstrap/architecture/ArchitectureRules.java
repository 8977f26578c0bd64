package io.github.samcoauth.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of samco-auth as rules. Patterns are relative ({@code ..domain..}) so that the same
 * rules can be shown to fail on the deliberately bad classes under {@code archfixtures}.
 */
final class ArchitectureRules {

    private ArchitectureRules() {}

    static final String DOMAIN = "..domain..";
    static final String APPLICATION = "..application..";
    static final String HTTP = "..adapter.http..";
    static final String PERSISTENCE = "..adapter.persistence..";
    /** The facade: {@code SamcoAuth} and its builder, the package itself, not the rooms below it. */
    static final String FACADE = "..bootstrap";

    static final String SANDBOX = "..bootstrap.sandbox..";
    static final String CLI = "..bootstrap.cli..";
    /** The CLI's Redis room: not in samco.jar, loaded from lib/redis/ only for a Redis store. */
    static final String CLI_REDIS = "..bootstrap.cli.redis..";

    /** Driving adapters that live in bootstrap: the CLI prints JSON, the sandbox speaks it. */
    static final String[] OUTER = {"..adapter..", CLI, SANDBOX};

    static final String[] FORBIDDEN_IO = {"java.io..", "java.nio.file..", "java.net.."};

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy(DOMAIN)
            .layer("Application")
            .definedBy(APPLICATION)
            .layer("HttpAdapter")
            .definedBy(HTTP)
            .layer("PersistenceAdapter")
            .definedBy(PERSISTENCE)
            .layer("Facade")
            .definedBy(FACADE)
            .layer("Sandbox")
            .definedBy(SANDBOX)
            .layer("Cli")
            .definedBy(CLI)
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Facade")
            .mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Sandbox")
            .mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("HttpAdapter")
            .mayOnlyBeAccessedByLayers("Facade")
            .whereLayer("PersistenceAdapter")
            .mayOnlyBeAccessedByLayers("Facade", "Cli")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("HttpAdapter", "PersistenceAdapter", "Facade", "Cli")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Application", "HttpAdapter", "PersistenceAdapter", "Facade", "Sandbox", "Cli");

    static final ArchRule FACADE_AND_SANDBOX_NEVER_ON_CLI = noClasses()
            .that()
            .resideInAnyPackage(FACADE, SANDBOX)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CLI)
            .because("a platform takes the facade and the sandbox without the CLI");

    static final ArchRule SANDBOX_NEVER_ON_ADAPTERS = noClasses()
            .that()
            .resideInAPackage(SANDBOX)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..adapter..", APPLICATION, FACADE)
            .because("the sandbox stands in for Samco: it knows the wire format, never the client's code");

    static final ArchRule DOMAIN_ALLOW_LIST = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat(
                    resideInAnyPackage(DOMAIN, "java..", "io.vavr..").and(not(resideInAnyPackage(FORBIDDEN_IO))))
            .because("the domain is pure: the JDK without I/O, and Vavr");

    static final ArchRule APPLICATION_ALLOW_LIST = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(APPLICATION, DOMAIN, "java..", "io.vavr..")
                    .and(not(resideInAnyPackage(FORBIDDEN_IO))))
            .because("use cases do no I/O: that is what ports are for");

    static final ArchRule FRAMEWORKS_ONLY_IN_ADAPTERS = noClasses()
            .that()
            .resideOutsideOfPackages(OUTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("feign..", "com.fasterxml..", "org.mapstruct..", "io.lettuce..", "io.netty..")
            .because("Feign, Jackson, MapStruct and Lettuce types never leave the adapters");

    static final String REDIS = "..adapter.persistence.redis..";

    static final ArchRule REDIS_ONLY_WHERE_CHOSEN = noClasses()
            .that()
            .resideOutsideOfPackages(REDIS, CLI_REDIS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(REDIS, "io.lettuce..", "io.netty..")
            .because("a platform that keeps sessions in files pulls in no Redis client and no Netty: only the"
                    + " Redis artifact, and the CLI's Redis room (shipped apart from samco.jar, in lib/redis/)"
                    + " know them");

    static final ArchRule USE_CASES_NAMED = classes()
            .that()
            .resideInAPackage("..application.port.in..")
            .and()
            .areInterfaces()
            .and()
            .areTopLevelClasses()
            .should()
            .haveSimpleNameEndingWith("UseCase");

    static final ArchRule PORTS_NAMED = classes()
            .that()
            .resideInAPackage("..application.port.out..")
            .and()
            .areInterfaces()
            .and()
            .areTopLevelClasses()
            .should()
            .haveSimpleNameEndingWith("Port");

    static final ArchRule ADAPTERS_PLACED =
            classes().that().haveSimpleNameEndingWith("Adapter").should().resideInAPackage("..adapter..");

    static final ArchRule NO_STATIC_MUTABLE_STATE = fields().that()
            .areStatic()
            .should()
            .beFinal()
            .because("static mutable state breaks two accounts in one JVM");

    static final ArchRule NO_CONSOLE_OUTSIDE_CLI = noClasses()
            .that()
            .resideOutsideOfPackage("..bootstrap.cli..")
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("only the CLI talks to the terminal; libraries log through SLF4J");

    /** Leaves out test jars (the application's test fixtures) as DoNotIncludeTests leaves out test classes. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}
