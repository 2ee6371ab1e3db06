package dev.leakwatch.core.thread;

/** How many live threads one name family has. */
public record FamilyCount(String family, int count) {
}
