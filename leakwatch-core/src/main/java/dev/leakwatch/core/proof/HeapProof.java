package dev.leakwatch.core.proof;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakwatch.core.proof.HeapAnalyser.HeapAnalysis;
import dev.leakwatch.core.proof.ProofRefusedException.Reason;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * Proves leaked threads by heap reachability, the JVM's answer to Go's
 * {@code goroutineleak} profile: a thread that waits without a timeout for something no
 * thread that can still run can reach will never be woken.
 * <p>
 * {@link #prove()} dumps the live heap into a fresh directory only the process user can
 * read, analyses it with Shark and deletes it, whatever happens. The dump pauses the JVM
 * (a full GC, then about 0.3 s per 100 MB of live heap) and the analysis runs in this
 * JVM, so a proof is taken on request only, one at a time per JVM, and refused above a
 * used-heap limit, without the disk space for the dump or without the free heap for its
 * analysis. Creating a {@code HeapProof} deletes the dump directories a crashed earlier
 * process left behind.
 * <p>
 * Shark is an optional dependency: without {@code com.squareup.leakcanary:shark-graph} on
 * the class path {@link #isSupported()} is {@code false} and {@link #prove()} is refused;
 * nothing else loads Shark or Kotlin.
 */
public final class HeapProof {

	private static final System.Logger logger = System.getLogger(HeapProof.class.getName());

	/** Room left on the disk beyond the dump itself. */
	static final long DISK_HEADROOM_BYTES = 64L << 20;

	/**
	 * At most one proof per JVM: two dumps at once would pause it twice and need twice
	 * the disk.
	 */
	private static final AtomicBoolean RUNNING = new AtomicBoolean();

	private final ProofSettings settings;

	private final HeapDumper dumper;

	/**
	 * {@code null} until the first proof: created then, so Shark is loaded only by a
	 * proof.
	 */
	private HeapAnalyser analyser;

	private final Machine machine;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	public HeapProof() {
		this(ProofSettings.defaults());
	}

	public HeapProof(ProofSettings settings) {
		this(settings, HeapProof::dumpLiveHeap, null, Machine.LOCAL);
	}

	HeapProof(ProofSettings settings, HeapDumper dumper, HeapAnalyser analyser, Machine machine) {
		this.settings = settings;
		this.dumper = dumper;
		this.analyser = analyser;
		this.machine = machine;
		deleteLeftovers(settings.directory());
	}

	/** Whether this JVM can dump its heap and Shark is on the class path. */
	public static boolean isSupported() {
		return missing() == null;
	}

	public ProofSettings settings() {
		return this.settings;
	}

	/**
	 * Dumps the heap, judges every thread that waits without a timeout and deletes the
	 * dump.
	 * @throws ProofRefusedException when nothing was analysed: another proof runs, the
	 * heap is too large, the disk too small, the free heap too small for the analysis, or
	 * proof is not supported here
	 * @throws ProofFailedException when the dump or its analysis failed
	 * ({@link ProofTimeoutException} when it took too long)
	 */
	public ProofResult prove() {
		String missing = (this.analyser != null) ? null : missing();
		if (missing != null) {
			throw new ProofRefusedException(Reason.UNSUPPORTED, "heap proof is not supported here: " + missing);
		}
		if (!RUNNING.compareAndSet(false, true)) {
			throw new ProofRefusedException(Reason.BUSY, "another heap proof is running; try again when it is done");
		}
		try {
			return proveAlone();
		}
		finally {
			RUNNING.set(false);
		}
	}

	private ProofResult proveAlone() {
		long used = this.machine.usedHeap();
		if (used > this.settings.maxHeapBytes()) {
			throw new ProofRefusedException(Reason.HEAP_TOO_LARGE, "used heap " + megabytes(used)
					+ " is above the heap proof maximum of " + megabytes(this.settings.maxHeapBytes()));
		}
		// a dump of the live heap can be twice its size: references take 8 bytes in a
		// dump, 4 with compressed oops,
		// and every object record carries its id, class id and length
		long needed = 2 * used + DISK_HEADROOM_BYTES;
		long usable = this.machine.usableSpace(this.settings.directory());
		if (usable < needed) {
			throw new ProofRefusedException(Reason.DISK_SPACE, this.settings.directory() + " has " + megabytes(usable)
					+ " usable, a heap proof needs " + megabytes(needed));
		}
		Deadline deadline = new Deadline(this.settings.timeout());
		Path directory = createDirectory();
		try {
			return proveIn(directory, used, deadline);
		}
		finally {
			try {
				DumpDirectories.delete(directory);
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.ERROR, "could not delete heap proof directory " + directory, ex);
			}
		}
	}

	private ProofResult proveIn(Path directory, long used, Deadline deadline) {
		Map<Long, ThreadStack> stacks = new HashMap<>();
		for (ThreadInfo info : this.threads.dumpAllThreads(false, false, this.settings.stackDepth())) {
			stacks.put(info.getThreadId(), ThreadStack.of(info));
		}
		Path dump = directory.resolve("heap.hprof");
		Instant timestamp = Instant.now();
		long start = System.nanoTime();
		long dumpBytes;
		try {
			this.dumper.dump(dump);
			dumpBytes = Files.size(dump);
		}
		catch (IOException | RuntimeException ex) {
			throw new ProofFailedException("heap dump failed: " + ex.getMessage(), ex);
		}
		long dumped = System.nanoTime();
		// Shark's index takes about half the dump's size for a heap of small objects;
		// after the dump's full GC
		// the used heap is what is live
		long neededHeap = dumpBytes / 4 * 3;
		long freeHeap = this.machine.freeHeap();
		if (freeHeap < neededHeap) {
			throw new ProofRefusedException(Reason.FREE_HEAP,
					"the analysis of a " + megabytes(dumpBytes) + " heap dump needs about " + megabytes(neededHeap)
							+ " of free heap, " + megabytes(freeHeap) + " is free");
		}
		HeapAnalysis analysis;
		try {
			deadline.check();
			analysis = analyser().analyse(dump, stacks, deadline);
		}
		catch (ProofFailedException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new ProofFailedException("heap dump analysis failed: " + ex, ex);
		}
		catch (LinkageError ex) {
			throw new ProofFailedException("heap dump analysis failed: the Shark on the class path does not match"
					+ " com.squareup.leakcanary:shark-graph 2.14: " + ex, ex);
		}
		Duration dumpTime = Duration.ofNanos(dumped - start);
		Duration analysisTime = Duration.ofNanos(System.nanoTime() - dumped);
		return new ProofResult(timestamp, dumpTime, analysisTime, used, dumpBytes, analysis.objects(),
				analysis.threads(), analysis.leakedBytes(), analysis.leakedObjects(), analysis.notCovered());
	}

	private HeapAnalyser analyser() {
		if (this.analyser == null) {
			this.analyser = new SharkHeapAnalyser();
		}
		return this.analyser;
	}

	private Path createDirectory() {
		try {
			return DumpDirectories.create(this.settings.directory());
		}
		catch (IOException ex) {
			throw new ProofFailedException("cannot create a private heap dump directory in " + this.settings.directory()
					+ ": " + ex.getMessage(), ex);
		}
	}

	private static void deleteLeftovers(Path directory) {
		try {
			List<Path> deleted = DumpDirectories.deleteLeftovers(directory, (pid) -> ProcessHandle.of(pid).isPresent(),
					RUNNING.get());
			if (!deleted.isEmpty()) {
				logger.log(System.Logger.Level.INFO, "deleted " + deleted.size()
						+ " heap proof directories left behind by earlier runs: " + deleted);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "could not look for heap proof leftovers in " + directory, ex);
		}
	}

	/** What this JVM lacks for a proof, or {@code null}. */
	private static String missing() {
		ClassLoader loader = HeapProof.class.getClassLoader();
		try {
			Class.forName("shark.HprofHeapGraph", false, loader);
			Class.forName("kotlin.sequences.Sequence", false, loader);
			Class.forName("okio.Okio", false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "add com.squareup.leakcanary:shark-graph (with kotlin-stdlib) to the class path";
		}
		try {
			Class.forName("com.sun.management.HotSpotDiagnosticMXBean", false, loader);
			if (ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class) == null) {
				return "this JVM has no HotSpotDiagnosticMXBean to dump its heap";
			}
		}
		catch (ClassNotFoundException | LinkageError | IllegalArgumentException ex) {
			return "this JVM has no HotSpotDiagnosticMXBean to dump its heap";
		}
		return null;
	}

	static void dumpLiveHeap(Path file) throws IOException {
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
	}

	private static String megabytes(long bytes) {
		return (bytes >> 20) + " MB";
	}

}
