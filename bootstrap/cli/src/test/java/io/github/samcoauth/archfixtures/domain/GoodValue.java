package io.github.samcoauth.archfixtures.domain;

/** A well-behaved domain value. */
public record GoodValue(String value) {}
