package io.github.samcoauth.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production classes of every module keep to the layering. */
@AnalyzeClasses(
        packages = "io.github.samcoauth",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureRules.DoNotIncludeTestJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = ArchitectureRules.LAYERS;

    @ArchTest
    static final ArchRule facadeAndSandboxNeverOnCli = ArchitectureRules.FACADE_AND_SANDBOX_NEVER_ON_CLI;

    @ArchTest
    static final ArchRule sandboxNeverOnAdapters = ArchitectureRules.SANDBOX_NEVER_ON_ADAPTERS;

    @ArchTest
    static final ArchRule domainAllowList = ArchitectureRules.DOMAIN_ALLOW_LIST;

    @ArchTest
    static final ArchRule applicationAllowList = ArchitectureRules.APPLICATION_ALLOW_LIST;

    @ArchTest
    static final ArchRule frameworksOnlyInAdapters = ArchitectureRules.FRAMEWORKS_ONLY_IN_ADAPTERS;

    @ArchTest
    static final ArchRule redisOnlyWhereChosen = ArchitectureRules.REDIS_ONLY_WHERE_CHOSEN;

    @ArchTest
    static final ArchRule useCasesNamed = ArchitectureRules.USE_CASES_NAMED;

    @ArchTest
    static final ArchRule portsNamed = ArchitectureRules.PORTS_NAMED;

    @ArchTest
    static final ArchRule adaptersPlaced = ArchitectureRules.ADAPTERS_PLACED;

    @ArchTest
    static final ArchRule noStaticMutableState = ArchitectureRules.NO_STATIC_MUTABLE_STATE;

    @ArchTest
    static final ArchRule noConsoleOutsideCli = ArchitectureRules.NO_CONSOLE_OUTSIDE_CLI;
}
