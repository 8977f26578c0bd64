package io.github.samcoauth.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code samco-auth/<version>}, the version taken from the build. */
final class UserAgent {

    static final String VALUE = "samco-auth/" + version();

    private UserAgent() {}

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("samco-auth.properties")) {
            if (in == null) {
                return "unknown";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
