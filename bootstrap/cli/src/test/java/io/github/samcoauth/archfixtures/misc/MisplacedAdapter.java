package io.github.samcoauth.archfixtures.misc;

/** Bad: an adapter outside the adapter packages. */
public final class MisplacedAdapter {}
