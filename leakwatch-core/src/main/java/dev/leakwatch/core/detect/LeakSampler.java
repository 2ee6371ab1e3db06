package dev.leakwatch.core.detect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.leakwatch.core.thread.IdleThreads;

/**
 * Runs {@link LeakDetector#sample()} every sample interval on one daemon thread named
 * {@value IdleThreads#SAMPLER_THREAD_NAME}. A failing sample is logged and the next one
 * runs as usual.
 */
public final class LeakSampler implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(LeakSampler.class.getName());

	private final LeakDetector detector;

	private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();

	private final List<SuspectListener> suspectListeners = new CopyOnWriteArrayList<>(List.of(new SuspectLog()));

	private final SuspectChanges changes = new SuspectChanges();

	private ScheduledExecutorService executor;

	public LeakSampler(LeakDetector detector) {
		this.detector = detector;
	}

	/**
	 * Tells {@code listener} of every sample from now on (meters that follow the sample,
	 * for instance).
	 */
	public void addListener(Consumer<Sample> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Tells {@code listener} once when a suspect appears and once when it clears (besides
	 * the one log line each that {@link SuspectLog} writes).
	 */
	public void addSuspectListener(SuspectListener listener) {
		this.suspectListeners.add(listener);
	}

	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, IdleThreads.SAMPLER_THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.detector.settings().sampleInterval().toNanos();
		this.executor.scheduleWithFixedDelay(this::sampleOnce, interval, interval, TimeUnit.NANOSECONDS);
	}

	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void sampleOnce() {
		try {
			Sample sample = this.detector.sample();
			this.listeners.forEach((listener) -> listener.accept(sample));
			this.changes.update(sample.suspects(), this.suspectListeners);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.log(System.Logger.Level.WARNING, "leakwatch sample failed; the next one runs as usual", ex);
		}
	}

	/** Stops the sampler and waits briefly for its thread to end. */
	@Override
	public synchronized void close() {
		if (this.executor == null) {
			return;
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

}
