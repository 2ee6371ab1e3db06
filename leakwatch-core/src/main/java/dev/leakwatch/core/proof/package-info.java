/**
 * Proof of thread leaks by heap reachability: the JVM's answer to Go's {@code goroutineleak} profile.
 * <p>
 * A thread is <em>proven leaked</em> when it waits without a timeout ({@code WAITING} or {@code BLOCKED}) for
 * something that no thread able to run can reach: nobody can ever put to its queue, count down its latch, complete
 * its future, release its lock or notify its monitor. There is no threshold, and no false positive by design:
 * whatever a live thread might still reach counts as reachable.
 * <p>
 * {@link dev.leakwatch.core.proof.HeapProof#prove()} dumps the live heap, reads it with LeakCanary's Shark and
 * marks it the way Go's design does:
 * <ol>
 * <li>A thread that waits without a timeout on something the dump names (its park blocker, or the monitor it
 * waits for or wants to enter) is a candidate. Every other thread is live, including one that waits on nothing
 * the dump names ({@code LockSupport.park()} without a blocker): it gets the verdict {@code unknown}.</li>
 * <li>Roots are all GC roots except the candidates' stack frames and {@code Thread} objects. Marking follows strong,
 * soft and weak references (live code could still {@code get()} a weak referent), never phantom referents, and
 * never out of a candidate's own {@code Thread} object (its task, thread locals and park blocker are its own; JDK 17
 * keeps every thread in its {@code ThreadGroup}, and a pool keeps its workers).</li>
 * <li>A candidate whose blocker got marked could still be woken: its frames and {@code Thread} object become roots.
 * What a dump cannot show (the fields of {@code java.lang.Class} objects) is found as objects nothing visible
 * reaches, and marked as live too. This repeats until nothing changes.</li>
 * <li>The candidates left are proven leaked ({@code unreachable}); the others are {@code reachable}. The objects
 * only they hold are what the leak costs ({@link dev.leakwatch.core.proof.ProofResult#leakedBytes()}).</li>
 * </ol>
 * <p>
 * Not covered, and said so in {@link dev.leakwatch.core.proof.ProofResult#notCovered()}: threads that wait with a
 * timeout, sleep, run or block in native code (they wake by themselves); virtual threads waiting on a monitor (the
 * thread MXBean does not name it); virtual threads whose stacks the JDK does not write to heap dumps (then no thread
 * is proven leaked at all). Holding a waiting thread's {@code Thread} object does not count as a way to wake it
 * ({@code interrupt()}, {@code LockSupport.unpark}): a synchronizer that parks on one object and is released through
 * another, holding only the {@code Thread}, would be misjudged; the JDK's synchronizers all keep their waiters
 * reachable from the blocker. A monitor is identified by its class among the waiting thread's frame objects: if any
 * object of that class in its frames is reachable, the thread is.
 * <p>
 * Shark ({@code com.squareup.leakcanary:shark-graph}) is an optional dependency, loaded only by
 * {@link dev.leakwatch.core.proof.SharkHeapAnalyser} when a proof runs; without it a proof is refused.
 *
 * <h2>Proposed README section</h2>
 *
 * <pre>
 * ## Proof: leaked threads by heap reachability
 *
 * A suspect is a guess; a proof is not. `GET /actuator/leaks?proof=true` dumps the live heap, analyses it and
 * marks each thread that waits without a timeout as `unreachable` (proven leaked: no thread that can still run
 * can reach what it waits on, so nothing will ever wake it) or `reachable` (something alive could still wake
 * it). It is the JVM's answer to Go's `goroutineleak` profile: no threshold, no false positives.
 *
 * - Existing suspects gain `"proof": "unreachable" | "reachable"`.
 * - Proven leaks no rule suspected become suspects of kind `UNREACHABLE_WAIT`, grouped by stack, with the class
 *   of what they wait on: a put to a queue only the putter knows, a latch or future nobody else holds, every
 *   idle worker of an executor nothing references any more (an executor per call), a lock whose holder is
 *   itself leaked, a deadlock whose locks nothing else reaches.
 * - The response gives the dump and analysis times, the heap size, and the heap the leaked threads alone hold
 *   (what the leak costs); the notes say what the proof could not judge.
 *
 * Add Shark, LeakCanary's heap-dump parser, to enable it (it is an optional dependency of leakwatch):
 *
 *     &lt;dependency&gt;
 *       &lt;groupId&gt;com.squareup.leakcanary&lt;/groupId&gt;
 *       &lt;artifactId&gt;shark-graph&lt;/artifactId&gt;
 *       &lt;version&gt;2.14&lt;/version&gt;
 *     &lt;/dependency&gt;
 *
 * Cost: the heap dump pauses the JVM, for a full GC and then about 0.3 s per 100 MB of live heap. The analysis
 * runs in the JVM alongside the application: about 2 s per million objects (22 s for a 350 MB heap of small
 * objects, a 550 MB dump) and up to about three quarters of the dump's size in free heap. So a proof runs only
 * on request, one at a time (a second request gets `409 Conflict`), and is refused above
 * `leakwatch.proof.max-heap` of used heap (default 1GB), when the disk cannot hold the dump (twice the used
 * heap), or when too little heap is free for the analysis (`503`).
 *
 * Security: a heap dump holds every secret in memory. It is written to a fresh directory only the process user
 * can read, deleted as soon as the analysis ends (success, failure or timeout), never served or logged; a
 * restart deletes any a crash left behind. Keep the endpoint behind your actuator's access rules.
 *
 * | property | default | meaning |
 * |---|---|---|
 * | `leakwatch.proof.max-heap` | `1GB` | the most used heap a proof accepts |
 * | `leakwatch.proof.timeout` | `2m` | how long dump and analysis may take before the proof is abandoned |
 * | `leakwatch.proof.directory` | `java.io.tmpdir` | where the private dump directory is created |
 *
 * Not covered: threads waiting with a timeout, sleeping, running or in native code (they wake by themselves),
 * threads parked without a blocker, virtual threads waiting on a monitor; on JDKs that do not write unmounted
 * virtual threads' stacks to heap dumps, no thread is proven leaked while such virtual threads exist.
 * </pre>
 */
package dev.leakwatch.core.proof;
