/**
 * Where threads were started ("created by", as Go's goroutine dumps say):
 * {@link dev.leakwatch.core.origin.ThreadOrigins} records, for every platform thread
 * started while it runs, the first application frames of the stack that started it, read
 * from the JDK Flight Recorder's {@code jdk.ThreadStart} events in-process.
 * {@link dev.leakwatch.core.origin.CreationSite} is the answer for one thread,
 * {@link dev.leakwatch.core.origin.SiteCount} for a set of them. Nothing here needs the
 * {@code jdk.jfr} module until {@code ThreadOrigins.start()}.
 */
package dev.leakwatch.core.origin;
