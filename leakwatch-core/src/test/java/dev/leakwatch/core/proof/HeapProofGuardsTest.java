package dev.leakwatch.core.proof;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.leakwatch.core.proof.HeapAnalyser.HeapAnalysis;
import dev.leakwatch.core.proof.ProofRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a proof refuses, and that no dump outlives a proof: after success, failure or
 * timeout the private dump directory is gone, and a new {@link HeapProof} deletes what a
 * crashed process left.
 */
class HeapProofGuardsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HeapAnalyser NOTHING_FOUND = (dump, stacks, deadline) -> new HeapAnalysis(0, List.of(), 0, 0,
			List.of());

	private static final HeapDumper TINY_DUMP = (file) -> Files.write(file, new byte[] { 1 });

	@TempDir
	Path directory;

	@Test
	void secondProofWhileOneRunsIsRefusedAsBusy() throws Exception {
		CountDownLatch dumping = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		AtomicReference<Path> firstDump = new AtomicReference<>();
		HeapProof first = new HeapProof(settings(), (file) -> {
			TINY_DUMP.dump(file);
			firstDump.set(file);
			dumping.countDown();
			awaitQuietly(finish);
		}, NOTHING_FOUND, Machine.LOCAL);
		CompletableFuture<ProofResult> running = CompletableFuture.supplyAsync(first::prove);
		try {
			assertThat(dumping.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			AtomicBoolean dumped = new AtomicBoolean();
			// a new HeapProof deletes leftovers, but not the dump of a proof running in
			// this process
			HeapProof second = new HeapProof(settings(), (file) -> dumped.set(true), NOTHING_FOUND, Machine.LOCAL);
			assertThat(firstDump.get()).exists();
			assertThatThrownBy(second::prove)
				.isInstanceOfSatisfying(ProofRefusedException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(Reason.BUSY))
				.hasMessageContaining("another heap proof is running");
			assertThat(dumped).isFalse();
		}
		finally {
			finish.countDown();
		}
		assertThat(running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).dumpBytes()).isEqualTo(1);
		assertNoDumpLeft();
		assertThat(proof(TINY_DUMP, NOTHING_FOUND).prove()).as("a proof once the first is done").isNotNull();
	}

	@Test
	void heapAboveTheMaximumIsRefusedBeforeDumping() {
		AtomicBoolean dumped = new AtomicBoolean();
		HeapProof proof = new HeapProof(settings().withMaxHeapBytes(1), (file) -> dumped.set(true), NOTHING_FOUND,
				Machine.LOCAL);
		assertThatThrownBy(proof::prove)
			.isInstanceOfSatisfying(ProofRefusedException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.HEAP_TOO_LARGE))
			.hasMessageContaining("is above the heap proof maximum of 0 MB");
		assertThat(dumped).isFalse();
		assertNoDumpLeft();
	}

	@Test
	void tooLittleDiskIsRefusedBeforeDumping() {
		AtomicBoolean dumped = new AtomicBoolean();
		HeapProof proof = new HeapProof(settings(), (file) -> dumped.set(true), NOTHING_FOUND,
				machine(1 << 20, Long.MAX_VALUE));
		assertThatThrownBy(proof::prove)
			.isInstanceOfSatisfying(ProofRefusedException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.DISK_SPACE))
			.hasMessageContaining("has 1 MB usable, a heap proof needs");
		assertThat(dumped).isFalse();
		assertNoDumpLeft();
	}

	@Test
	void tooLittleFreeHeapForTheAnalysisIsRefusedAndTheDumpDeleted() {
		AtomicBoolean analysed = new AtomicBoolean();
		HeapProof proof = new HeapProof(settings(), (file) -> Files.write(file, new byte[4 << 20]),
				(dump, stacks, deadline) -> {
					analysed.set(true);
					return NOTHING_FOUND.analyse(dump, stacks, deadline);
				}, machine(Long.MAX_VALUE, 2 << 20));
		assertThatThrownBy(proof::prove)
			.isInstanceOfSatisfying(ProofRefusedException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.FREE_HEAP))
			.hasMessage("the analysis of a 4 MB heap dump needs about 3 MB of free heap, 2 MB is free");
		assertThat(analysed).isFalse();
		assertNoDumpLeft();
	}

	@Test
	void dumpIsDeletedWhenTheDumpFails() {
		HeapProof proof = proof((file) -> {
			Files.write(file, new byte[] { 1, 2, 3 });
			throw new IOException("No space left on device");
		}, NOTHING_FOUND);
		assertThatThrownBy(proof::prove).isInstanceOf(ProofFailedException.class)
			.hasMessage("heap dump failed: No space left on device");
		assertNoDumpLeft();
		assertThat(proof(TINY_DUMP, NOTHING_FOUND).prove()).as("a proof after a failed one").isNotNull();
	}

	@Test
	void dumpIsDeletedWhenTheAnalysisFails() {
		AtomicReference<Path> analysed = new AtomicReference<>();
		HeapProof proof = proof(HeapProof::dumpLiveHeap, (dump, stacks, deadline) -> {
			assertThat(dump).isNotEmptyFile();
			analysed.set(dump);
			throw new IllegalStateException("unexpected record");
		});
		assertThatThrownBy(proof::prove).isInstanceOf(ProofFailedException.class)
			.hasMessageContaining("heap dump analysis failed")
			.hasRootCauseInstanceOf(IllegalStateException.class);
		assertThat(analysed.get()).doesNotExist();
		assertNoDumpLeft();
	}

	@Test
	void dumpIsDeletedWhenTheProofTimesOut() {
		Duration timeout = Duration.ofMillis(300);
		HeapAnalyser late = (dump, stacks, deadline) -> {
			sleep(timeout.multipliedBy(2));
			// Shark checks the deadline as it reads the dump
			return new SharkHeapAnalyser().analyse(dump, stacks, deadline);
		};
		HeapProof proof = new HeapProof(settings().withTimeout(timeout), HeapProof::dumpLiveHeap, late, Machine.LOCAL);
		assertThatThrownBy(proof::prove).isInstanceOf(ProofTimeoutException.class)
			.hasMessage("heap proof took longer than 300 ms and was abandoned");
		assertNoDumpLeft();
	}

	@Test
	void leftoversOfProcessesThatAreGoneAreDeletedOnStart() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process gone = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
		gone.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(gone.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Path crashed = leftover(gone.pid());
		Path own = leftover(ProcessHandle.current().pid());
		long running = ProcessHandle.current().parent().orElseThrow().pid();
		Path ofRunningProcess = leftover(running);
		Path unrelated = Files.createDirectory(this.directory.resolve("leakwatch-proof-notes"));
		new HeapProof(settings(), TINY_DUMP, NOTHING_FOUND, Machine.LOCAL);
		assertThat(crashed).doesNotExist();
		assertThat(own).doesNotExist();
		assertThat(ofRunningProcess).exists();
		assertThat(unrelated).exists();
	}

	@Test
	void withoutSharkProofIsRefusedAndTheRestOfTheCoreRuns() throws Exception {
		URL core = HeapProof.class.getProtectionDomain().getCodeSource().getLocation();
		try (URLClassLoader withoutShark = new URLClassLoader(new URL[] { core },
				ClassLoader.getPlatformClassLoader())) {
			assertThatThrownBy(() -> withoutShark.loadClass("shark.HprofHeapGraph"))
				.isInstanceOf(ClassNotFoundException.class);
			assertThatThrownBy(() -> withoutShark.loadClass("kotlin.Unit")).isInstanceOf(ClassNotFoundException.class);
			Class<?> proofType = withoutShark.loadClass(HeapProof.class.getName());
			assertThat(proofType.getMethod("isSupported").invoke(null)).isEqualTo(false);
			Object proof = proofType.getConstructor().newInstance();
			assertThatThrownBy(() -> proofType.getMethod("prove").invoke(proof))
				.isInstanceOf(InvocationTargetException.class)
				.cause()
				.hasMessageContaining("add com.squareup.leakcanary:shark-graph")
				.satisfies((refused) -> assertThat(refused.getClass().getName())
					.isEqualTo(ProofRefusedException.class.getName()));
			Object tracker = withoutShark.loadClass("dev.leakwatch.core.task.TaskTracker")
				.getConstructor(boolean.class)
				.newInstance(false);
			Class<?> settingsType = withoutShark.loadClass("dev.leakwatch.core.detect.DetectorSettings");
			Class<?> detectorType = withoutShark.loadClass("dev.leakwatch.core.detect.LeakDetector");
			Object detector = detectorType.getConstructor(tracker.getClass(), settingsType)
				.newInstance(tracker, settingsType.getMethod("defaults").invoke(null));
			assertThat(detectorType.getMethod("report").invoke(detector)).isNotNull();
		}
	}

	@Test
	void settingsThatCannotWorkAreRejected() {
		ProofSettings defaults = ProofSettings.defaults();
		assertThat(defaults.maxHeapBytes()).isEqualTo(1L << 30);
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxHeapBytes(0))
			.withMessage("maxHeapBytes must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withTimeout(Duration.ZERO))
			.withMessage("timeout must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withStackDepth(0))
			.withMessage("stackDepth must be at least 1, was 0");
	}

	private ProofSettings settings() {
		return ProofSettings.defaults().withDirectory(this.directory);
	}

	private HeapProof proof(HeapDumper dumper, HeapAnalyser analyser) {
		return new HeapProof(settings(), dumper, analyser, Machine.LOCAL);
	}

	/** This JVM, with {@code usableSpace} on disk and {@code freeHeap} left. */
	private static Machine machine(long usableSpace, long freeHeap) {
		return new Machine() {

			@Override
			public long usedHeap() {
				return LOCAL.usedHeap();
			}

			@Override
			public long freeHeap() {
				return freeHeap;
			}

			@Override
			public long usableSpace(Path directory) {
				return usableSpace;
			}

		};
	}

	private Path leftover(long pid) throws IOException {
		Path leftover = Files.createDirectory(this.directory.resolve(DumpDirectories.PREFIX + pid + "-123"));
		Files.write(leftover.resolve("heap.hprof"), new byte[] { 1 });
		return leftover;
	}

	private void assertNoDumpLeft() {
		try (Stream<Path> left = Files.list(this.directory)) {
			assertThat(left).isEmpty();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) throws IOException {
		try {
			if (!latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IOException("not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
