package io.github.samcoauth.archfixtures.domain;

/** Bad: the domain touches the file system. */
public final class DomainUsingFile {
    public boolean exists(String path) {
        return new java.io.File(path).exists();
    }
}
