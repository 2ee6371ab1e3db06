/**
 * A JUnit Jupiter extension that fails a test which leaves threads running.
 */
package dev.leakwatch.test;
