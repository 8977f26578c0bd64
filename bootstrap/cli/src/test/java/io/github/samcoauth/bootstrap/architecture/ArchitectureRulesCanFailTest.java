package io.github.samcoauth.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.samcoauth.archfixtures.adapter.http.HttpThing;
import io.github.samcoauth.archfixtures.adapter.persistence.FileStoreUsingLettuce;
import io.github.samcoauth.archfixtures.adapter.persistence.PersistenceThing;
import io.github.samcoauth.archfixtures.application.GoodService;
import io.github.samcoauth.archfixtures.application.JacksonInApplication;
import io.github.samcoauth.archfixtures.application.PrintingService;
import io.github.samcoauth.archfixtures.application.StaticCounter;
import io.github.samcoauth.archfixtures.application.port.in.Login;
import io.github.samcoauth.archfixtures.application.port.out.SessionStore;
import io.github.samcoauth.archfixtures.bootstrap.FacadeUsingCli;
import io.github.samcoauth.archfixtures.bootstrap.Wiring;
import io.github.samcoauth.archfixtures.bootstrap.cli.CliBuildingRedisItself;
import io.github.samcoauth.archfixtures.bootstrap.cli.CliThing;
import io.github.samcoauth.archfixtures.bootstrap.cli.redis.OpenerBuildingRedis;
import io.github.samcoauth.archfixtures.bootstrap.sandbox.SandboxThing;
import io.github.samcoauth.archfixtures.bootstrap.sandbox.SandboxUsingAdapter;
import io.github.samcoauth.archfixtures.domain.DomainReachingIntoAdapter;
import io.github.samcoauth.archfixtures.domain.DomainUsingFile;
import io.github.samcoauth.archfixtures.domain.GoodValue;
import io.github.samcoauth.archfixtures.misc.MisplacedAdapter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule catches the deliberately bad class made for it, and passes on good ones. */
class ArchitectureRulesCanFailTest {

    private static JavaClasses of(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static final Class<?>[] ONE_GOOD_CLASS_PER_LAYER = {
        GoodValue.class,
        GoodService.class,
        HttpThing.class,
        PersistenceThing.class,
        Wiring.class,
        SandboxThing.class,
        CliThing.class
    };

    private static Class<?>[] goodPlus(Class<?> bad) {
        var classes = new ArrayList<>(List.of(ONE_GOOD_CLASS_PER_LAYER));
        classes.add(bad);
        return classes.toArray(Class<?>[]::new);
    }

    private static void violates(ArchRule rule, String expected, Class<?>... classes) {
        assertThatThrownBy(() -> rule.check(of(classes)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(expected);
    }

    @Test
    void givenOneGoodClassPerLayer_whenLayersChecked_thenPass() {
        assertThatCode(() -> ArchitectureRules.LAYERS.check(of(ONE_GOOD_CLASS_PER_LAYER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenDomainReachingIntoAnAdapter_whenLayersChecked_thenViolation() {
        violates(ArchitectureRules.LAYERS, "DomainReachingIntoAdapter", goodPlus(DomainReachingIntoAdapter.class));
    }

    @Test
    void givenFacadeReachingIntoTheCli_whenChecked_thenLayersAndTheCliRuleViolated() {
        violates(ArchitectureRules.LAYERS, "FacadeUsingCli", goodPlus(FacadeUsingCli.class));
        violates(ArchitectureRules.FACADE_AND_SANDBOX_NEVER_ON_CLI, "FacadeUsingCli", FacadeUsingCli.class);
        assertThatCode(() -> ArchitectureRules.FACADE_AND_SANDBOX_NEVER_ON_CLI.check(of(ONE_GOOD_CLASS_PER_LAYER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenSandboxUsingAnAdapter_whenChecked_thenLayersAndTheSandboxRuleViolated() {
        violates(ArchitectureRules.LAYERS, "SandboxUsingAdapter", goodPlus(SandboxUsingAdapter.class));
        violates(ArchitectureRules.SANDBOX_NEVER_ON_ADAPTERS, "SandboxUsingAdapter", SandboxUsingAdapter.class);
        assertThatCode(() -> ArchitectureRules.SANDBOX_NEVER_ON_ADAPTERS.check(of(ONE_GOOD_CLASS_PER_LAYER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenALayerWithoutClasses_whenLayersChecked_thenViolation() {
        violates(ArchitectureRules.LAYERS, "empty", GoodValue.class, GoodService.class, HttpThing.class, Wiring.class);
        violates(
                ArchitectureRules.LAYERS,
                "empty",
                GoodValue.class,
                GoodService.class,
                HttpThing.class,
                PersistenceThing.class,
                Wiring.class,
                CliThing.class);
    }

    @Test
    void givenDomainClassUsingJavaIoFile_whenAllowListChecked_thenViolation() {
        violates(ArchitectureRules.DOMAIN_ALLOW_LIST, "java.io.File", DomainUsingFile.class);
        assertThatCode(() -> ArchitectureRules.DOMAIN_ALLOW_LIST.check(of(GoodValue.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenApplicationClassUsingJackson_whenChecked_thenBothRulesViolated() {
        violates(ArchitectureRules.APPLICATION_ALLOW_LIST, "com.fasterxml", JacksonInApplication.class);
        violates(ArchitectureRules.FRAMEWORKS_ONLY_IN_ADAPTERS, "com.fasterxml", JacksonInApplication.class);
    }

    @Test
    void givenStaticIntCounterInApplication_whenChecked_thenViolation() {
        violates(ArchitectureRules.NO_STATIC_MUTABLE_STATE, "StaticCounter.count", StaticCounter.class);
    }

    @Test
    void givenPortOutInterfaceNotEndingInPort_whenChecked_thenViolation() {
        violates(ArchitectureRules.PORTS_NAMED, "SessionStore", SessionStore.class);
    }

    @Test
    void givenPortInInterfaceNotEndingInUseCase_whenChecked_thenViolation() {
        violates(ArchitectureRules.USE_CASES_NAMED, "Login", Login.class);
    }

    @Test
    void givenAdapterOutsideAdapterPackage_whenChecked_thenViolation() {
        violates(ArchitectureRules.ADAPTERS_PLACED, "MisplacedAdapter", MisplacedAdapter.class);
    }

    @Test
    void givenSystemOutOutsideCli_whenChecked_thenViolation() {
        violates(ArchitectureRules.NO_CONSOLE_OUTSIDE_CLI, "System.out", PrintingService.class);
    }

    @Test
    void givenTheFileStoreUsingLettuce_whenChecked_thenTheRedisRuleViolated() {
        violates(ArchitectureRules.REDIS_ONLY_WHERE_CHOSEN, "io.lettuce", FileStoreUsingLettuce.class);
        assertThatCode(() -> ArchitectureRules.REDIS_ONLY_WHERE_CHOSEN.check(of(ONE_GOOD_CLASS_PER_LAYER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenTheCliBuildingTheRedisStoreOutsideItsRedisRoom_whenChecked_thenTheRedisRuleViolated() {
        violates(ArchitectureRules.REDIS_ONLY_WHERE_CHOSEN, "CliBuildingRedisItself", CliBuildingRedisItself.class);
        assertThatCode(() ->
                        ArchitectureRules.REDIS_ONLY_WHERE_CHOSEN.check(of(CliThing.class, OpenerBuildingRedis.class)))
                .doesNotThrowAnyException();
    }
}
