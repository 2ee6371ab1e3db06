package dev.leakwatch.core.task;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The coarse clock: one ticking thread while held, never ahead of
 * {@code System.nanoTime()}, precise when idle.
 */
class TaskClockTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void readsTheSystemClockWhileNobodyHoldsIt() {
		TaskClock clock = new TaskClock("clock-unheld");
		long before = System.nanoTime();
		long read = clock.nanoTime();
		assertThat(read).isBetween(before, System.nanoTime());
		assertThat(ticker("clock-unheld")).isEmpty();
	}

	@Test
	void ticksOnItsOwnThreadWhileHeldAndNeverRunsAhead() {
		TaskClock clock = new TaskClock("clock-held");
		clock.hold();
		try {
			assertThat(ticker("clock-held")).hasValueSatisfying((thread) -> assertThat(thread.isDaemon()).isTrue());
			long first = clock.nanoTime();
			assertThat(first).isLessThanOrEqualTo(System.nanoTime());
			long moved = await().atMost(TIMEOUT).until(clock::nanoTime, (read) -> read > first);
			assertThat(moved).isLessThanOrEqualTo(System.nanoTime());
			assertThat(System.nanoTime() - clock.nanoTime()).isLessThan(TIMEOUT.toNanos());
		}
		finally {
			clock.release();
		}
		Thread stopped = ticker("clock-held").orElse(null);
		if (stopped != null) {
			await().atMost(TIMEOUT).until(() -> !stopped.isAlive());
		}
		long before = System.nanoTime();
		assertThat(clock.nanoTime()).isBetween(before, System.nanoTime());
	}

	@Test
	void holdersShareOneThreadThatStopsWithTheLastOfThem() throws InterruptedException {
		TaskClock clock = new TaskClock("clock-shared");
		clock.hold();
		clock.hold();
		Thread thread = ticker("clock-shared").orElseThrow();
		clock.release();
		Thread.sleep(3 * TaskClock.TICK.toMillis());
		assertThat(thread.isAlive()).isTrue();
		assertThat(Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals("clock-shared")))
			.hasSize(1);
		clock.release();
		thread.join(TIMEOUT.toMillis());
		assertThat(thread.isAlive()).isFalse();
		assertThatIllegalStateException().isThrownBy(clock::release).withMessage("The task clock is not held");
	}

	@Test
	void startsAgainWhenHeldAfterItStopped() throws InterruptedException {
		TaskClock clock = new TaskClock("clock-again");
		clock.hold();
		Thread first = ticker("clock-again").orElseThrow();
		clock.release();
		first.join(TIMEOUT.toMillis());
		clock.hold();
		try {
			Thread second = ticker("clock-again").orElseThrow();
			assertThat(second).isNotSameAs(first);
			long read = clock.nanoTime();
			await().atMost(TIMEOUT).until(clock::nanoTime, (later) -> later > read);
		}
		finally {
			clock.release();
		}
	}

	@Test
	void anInterruptDoesNotMakeItSpin() {
		TaskClock clock = new TaskClock("clock-interrupted");
		clock.hold();
		try {
			Thread thread = ticker("clock-interrupted").orElseThrow();
			thread.interrupt();
			// a park returns at once while the flag is set: the ticker clears it and
			// waits out its ticks again
			await().atMost(TIMEOUT)
				.until(() -> !thread.isInterrupted() && thread.getState() == Thread.State.TIMED_WAITING);
			long read = clock.nanoTime();
			await().atMost(TIMEOUT).until(clock::nanoTime, (later) -> later > read);
		}
		finally {
			clock.release();
		}
	}

	private static Optional<Thread> ticker(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name) && thread.isAlive())
			.findFirst();
	}

}
