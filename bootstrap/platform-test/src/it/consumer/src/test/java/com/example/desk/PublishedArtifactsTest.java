package com.example.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samcoauth.bootstrap.SamcoAuth;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a platform's repository receives for each samco-auth library: the jar naming its module (and
 * found under that name on the module path), its sources, its Javadoc and its bill of materials
 * (CycloneDX), and a POM with what Maven Central asks.
 */
class PublishedArtifactsTest {

    /** Every library a platform may take (the CLI is a program: its archive is tested with it). */
    static final Map<String, String> LIBRARIES = new TreeMap<>(Map.of(
            "samco-auth-domain", "io.github.samcoauth.domain",
            "samco-auth-application", "io.github.samcoauth.application",
            "samco-auth-adapter-http", "io.github.samcoauth.adapter.http",
            "samco-auth-adapter-persistence", "io.github.samcoauth.adapter.persistence",
            "samco-auth-adapter-persistence-redis", "io.github.samcoauth.adapter.persistence.redis",
            "samco-auth", "io.github.samcoauth.bootstrap",
            "samco-auth-sandbox", "io.github.samcoauth.bootstrap.sandbox",
            "samco-auth-testkit", "io.github.samcoauth.testkit",
            "samco-auth-micrometer", "io.github.samcoauth.bootstrap.micrometer",
            "samco-auth-spring-boot-starter", "io.github.samcoauth.bootstrap.spring"));

    /** The libraries with a module-info; the others name their module in their manifest. */
    static final List<String> NAMED_MODULES = List.of(
            "samco-auth-domain",
            "samco-auth-application",
            "samco-auth-adapter-http",
            "samco-auth-adapter-persistence",
            "samco-auth-sandbox");

    /** The local repository this project builds from: the samco-auth jar sits five directories below it. */
    private static Path repository() throws Exception {
        var jar = Path.of(SamcoAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().getParent().getParent().getParent();
    }

    @Test
    void givenTheInstalledRepository_whenEachLibraryIsLookedUp_thenItsJarSourcesJavadocAndSbomAreThere()
            throws Exception {
        var version = ModulePathTest.VERSION;
        var missing = new ArrayList<String>();
        for (var artifact : LIBRARIES.keySet()) {
            var directory = repository().resolve("io/github/samcoauth").resolve(artifact).resolve(version);
            for (var suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", "-cyclonedx.json", ".pom")) {
                var file = directory.resolve(artifact + "-" + version + suffix);
                if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                    missing.add(file.getFileName().toString());
                }
            }
            var jar = directory.resolve(artifact + "-" + version + ".jar");
            if (Files.isRegularFile(jar)) {
                var found = ModuleFinder.of(jar).findAll().stream()
                        .map(ModuleReference::descriptor)
                        .findFirst()
                        .orElseThrow();
                assertEquals(LIBRARIES.get(artifact), found.name(), artifact + " is found on the module path as named");
                if (NAMED_MODULES.contains(artifact)) {
                    // a module-info: its exports and requires are declared, not granted wholesale
                    assertTrue(!found.isAutomatic(), artifact + " has a module-info");
                } else {
                    try (var file = new JarFile(jar.toFile())) {
                        var name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                        assertEquals(LIBRARIES.get(artifact), name, artifact + "'s Automatic-Module-Name");
                    }
                }
                try (var javadoc = new JarFile(directory.resolve(artifact + "-" + version + "-javadoc.jar").toFile())) {
                    assertTrue(javadoc.getEntry("index.html") != null, artifact + "'s Javadoc has its index");
                }
            }
            var pom = Files.readString(directory.resolve(artifact + "-" + version + ".pom"), StandardCharsets.UTF_8);
            assertTrue(pom.contains("<description>"), artifact + "'s POM describes it");
        }
        assertEquals(List.of(), missing, "files missing from the repository");
        // what every POM inherits from the parent, and the BOM (which has none) writes itself
        for (var artifact : List.of("samco-auth-parent", "samco-auth-bom")) {
            var pom = Files.readString(repository()
                    .resolve("io/github/samcoauth")
                    .resolve(artifact)
                    .resolve(version)
                    .resolve(artifact + "-" + version + ".pom"));
            for (var element :
                    List.of("<licenses>", "<scm", "<connection>", "<developers>", "<url>", "<name>", "<description>")) {
                assertTrue(pom.contains(element), artifact + "'s POM has " + element);
            }
        }
    }

    @Test
    void givenTheFacadesBillOfMaterials_whenRead_thenItListsWhatAPlatformReceivesWithLicences() throws Exception {
        var version = ModulePathTest.VERSION;
        var sbom = Files.readString(repository()
                .resolve("io/github/samcoauth/samco-auth")
                .resolve(version)
                .resolve("samco-auth-" + version + "-cyclonedx.json"));
        for (var component : List.of(
                "\"name\" : \"vavr\"",
                "\"name\" : \"feign-core\"",
                "\"name\" : \"jackson-databind\"",
                "\"name\" : \"slf4j-api\"",
                "\"name\" : \"samco-auth-domain\"")) {
            assertTrue(sbom.contains(component), "the SBOM lists " + component);
        }
        assertTrue(sbom.contains("\"id\" : \"Apache-2.0\""), "with their licences");
        assertTrue(!sbom.contains("junit"), "and no test library");
    }
}
