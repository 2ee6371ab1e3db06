/**
 * Proof of thread leaks by heap reachability: the JVM's answer to Go's
 * {@code goroutineleak} profile.
 * <p>
 * A thread is <em>proven leaked</em> when it waits without a timeout ({@code WAITING} or
 * {@code BLOCKED}) for something that no thread able to run can reach: nobody can ever
 * put to its queue, count down its latch, complete its future, release its lock or notify
 * its monitor. There is no threshold, and no false positive by design: whatever a live
 * thread might still reach counts as reachable.
 * <p>
 * {@link dev.leakwatch.core.proof.HeapProof#prove()} dumps the live heap, reads it with
 * LeakCanary's Shark and marks it the way Go's design does:
 * <ol>
 * <li>A thread that waits without a timeout on something the dump names (its park
 * blocker, or the monitor it waits for or wants to enter) is a candidate. Every other
 * thread is live, including one that waits on nothing the dump names
 * ({@code LockSupport.park()} without a blocker): it gets the verdict
 * {@code unknown}.</li>
 * <li>Roots are all GC roots except the candidates' stack frames and {@code Thread}
 * objects. Marking follows strong, soft and weak references (live code could still
 * {@code get()} a weak referent), never phantom referents, and never out of a candidate's
 * own {@code Thread} object (its task, thread locals and park blocker are its own; JDK 17
 * keeps every thread in its {@code ThreadGroup}, and a pool keeps its workers), and never
 * out of leakwatch's own bookkeeping (each thread's running-task slot, snapshots of
 * running tasks, the list of live periodic tasks, the leak detector and its history):
 * being tracked by leakwatch is no way to be woken. The task wrappers and tracking
 * executors are followed, so a task queued in a live executor still counts.</li>
 * <li>A candidate whose blocker got marked could still be woken: its frames and
 * {@code Thread} object become roots. What a dump cannot show (the fields of
 * {@code java.lang.Class} objects) is found as objects nothing visible reaches, and
 * marked as live too. This repeats until nothing changes.</li>
 * <li>The candidates left are proven leaked ({@code unreachable}); the others are
 * {@code reachable}. The objects only they hold are what the leak costs
 * ({@link dev.leakwatch.core.proof.ProofResult#leakedBytes()}).</li>
 * </ol>
 * <p>
 * Not covered, and said so in {@link dev.leakwatch.core.proof.ProofResult#notCovered()}:
 * threads that wait with a timeout, sleep, run or block in native code (they wake by
 * themselves); virtual threads waiting on a monitor (the thread MXBean does not name it);
 * virtual threads whose stacks the JDK does not write to heap dumps (then no thread is
 * proven leaked at all). Holding a waiting thread's {@code Thread} object does not count
 * as a way to wake it ({@code interrupt()}, {@code LockSupport.unpark}): a synchronizer
 * that parks on one object and is released through another, holding only the
 * {@code Thread}, would be misjudged; the JDK's synchronizers all keep their waiters
 * reachable from the blocker. A monitor is identified by its class among the waiting
 * thread's frame objects: if any object of that class in its frames is reachable, the
 * thread is.
 * <p>
 * Shark ({@code com.squareup.leakcanary:shark-graph}) is an optional dependency, loaded
 * only by {@link dev.leakwatch.core.proof.SharkHeapAnalyser} and the classes it uses when
 * a proof runs; without it a proof is refused.
 */
package dev.leakwatch.core.proof;
